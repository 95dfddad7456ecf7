package org.flux4j.policy.jobspec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One resource vertex of a jobspec's resource request (RFC 14): a type, a {@link Count}, and the
 * resources requested {@code with} (inside) each unit of it.
 *
 * <p>A resource of type {@value #SLOT} is a task slot: the unit the tasks are placed on, which must
 * carry a {@code label} that tasks refer to; everything at or below a slot is allocated
 * exclusively. Absent string keys ({@code unit}, {@code label}, {@code id}) are empty strings, as
 * in Fluxion. Immutable; the {@code with} list is unmodifiable.
 *
 * @param type the resource type, e.g. {@code node}, {@code core}, {@code slot}
 * @param count how many units are requested
 * @param unit the unit of a pool resource (e.g. {@code GB}), or "" when not given
 * @param exclusive whether exclusive use was asked for, refused, or not said
 * @param label the label (required on slots), or ""
 * @param id the {@code id} key Fluxion accepts, or ""
 * @param with the resources requested inside each unit of this one, in document order
 */
public record Resource(
    String type,
    Count count,
    String unit,
    Exclusive exclusive,
    String label,
    String id,
    List<Resource> with) {

  /** The reserved type of a task slot. */
  public static final String SLOT = "slot";

  /**
   * Checks and copies the components.
   *
   * @throws IllegalArgumentException if the type is empty or a slot has no label
   */
  public Resource {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(count, "count");
    unit = Objects.requireNonNullElse(unit, "");
    exclusive = Objects.requireNonNullElse(exclusive, Exclusive.UNSPECIFIED);
    label = Objects.requireNonNullElse(label, "");
    id = Objects.requireNonNullElse(id, "");
    with = with == null ? List.of() : List.copyOf(with);
    if (type.isEmpty()) {
      throw new IllegalArgumentException("resource type must not be empty");
    }
    if (SLOT.equals(type) && label.isEmpty()) {
      throw new IllegalArgumentException("All slots must be labeled");
    }
  }

  /** A resource of {@code count} units of {@code type} with nothing inside and no other keys. */
  public static Resource of(String type, Count count) {
    return new Resource(type, count, "", Exclusive.UNSPECIFIED, "", "", List.of());
  }

  /** Whether this is a task slot (type {@value #SLOT}). */
  public boolean isSlot() {
    return SLOT.equals(type);
  }

  /** Whether {@code exclusive: true} was given. */
  public boolean isExclusive() {
    return exclusive == Exclusive.TRUE;
  }

  /** This resource with {@code with} replaced by {@code children}. */
  public Resource withChildren(List<Resource> children) {
    return new Resource(type, count, unit, exclusive, label, id, children);
  }

  /** This resource with its count replaced. */
  public Resource withCount(Count newCount) {
    return new Resource(type, newCount, unit, exclusive, label, id, with);
  }

  /**
   * Visits this resource and everything below it in pre-order (a resource before the resources
   * inside it, siblings in document order). O(size of the subtree), recursion depth = tree depth.
   */
  public void walk(Consumer<? super Resource> visitor) {
    visitor.accept(this);
    for (Resource r : with) {
      r.walk(visitor);
    }
  }

  /** This resource and everything below it, in pre-order. */
  public List<Resource> flatten() {
    List<Resource> out = new ArrayList<>();
    walk(out::add);
    return List.copyOf(out);
  }

  /**
   * The number of units of {@code type} one unit of this resource asks for (inside it, or itself
   * when it is of that type), taking each count's minimum: for {@code socket[2]>core[4]}, one
   * socket's total of {@code core} is 8 and of {@code socket} is 2. Saturates at {@link
   * Long#MAX_VALUE}.
   */
  public long totalOf(String wantedType) {
    if (type.equals(wantedType)) {
      return count.min();
    }
    long inside = 0;
    for (Resource r : with) {
      inside = saturatedAdd(inside, r.totalOf(wantedType));
    }
    return saturatedMultiply(count.min(), inside);
  }

  static long saturatedAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }

  static long saturatedMultiply(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }
}
