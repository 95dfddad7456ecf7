package org.flux4j.policy.match;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of a jobspec that the match engine reads: the resource tree, the duration and the
 * constraints (RFC 14 / RFC 25 / RFC 31). A jobspec parser builds one of these; tests and embedders
 * can build one directly. Immutable.
 *
 * @param resources the top-level resource requests, in jobspec order
 * @param duration the requested duration in seconds; 0 means "until the end of the horizon"
 * @param constraint the RFC 31 constraint on execution targets, if any
 * @param queue the jobspec's {@code attributes.system.queue}, or "" (emitted with the match as the
 *     scheduler attribute "queue", as Fluxion does)
 */
public record ResourceRequest(
    List<Item> resources, long duration, Optional<TargetConstraint> constraint, String queue) {
  /** Copies and checks. */
  public ResourceRequest {
    resources = List.copyOf(resources);
    Objects.requireNonNull(constraint, "constraint");
    queue = queue == null ? "" : queue;
    if (duration < 0) {
      throw new IllegalArgumentException(
          "duration must be >= 0 (0 means until the end of the horizon), got " + duration);
    }
  }

  /** A request without a queue. */
  public ResourceRequest(
      List<Item> resources, long duration, Optional<TargetConstraint> constraint) {
    this(resources, duration, constraint, "");
  }

  /**
   * The resource part of a parsed jobspec: its resources, its duration (rounded up to whole
   * seconds, as Fluxion does) and its RFC 31 constraint. A negative duration becomes {@link
   * Long#MAX_VALUE}: Fluxion refuses it as it refuses one beyond the planner horizon, so the match
   * fails with a {@link MatchResult.RequestError}.
   */
  public static ResourceRequest from(org.flux4j.policy.jobspec.Jobspec jobspec) {
    List<Item> rs = new java.util.ArrayList<>();
    for (org.flux4j.policy.jobspec.Resource r : jobspec.resources()) {
      rs.add(convert(r));
    }
    double d = jobspec.duration();
    long duration = d < 0 || Double.isNaN(d) ? Long.MAX_VALUE : d == 0 ? 0 : (long) Math.ceil(d);
    Optional<TargetConstraint> c = jobspec.constraints().map(TargetConstraint.OfJobspec::new);
    String q = jobspec.queue();
    return new ResourceRequest(rs, duration, c, q == null ? "" : q);
  }

  private static Item convert(org.flux4j.policy.jobspec.Resource r) {
    List<Item> with = new java.util.ArrayList<>();
    for (org.flux4j.policy.jobspec.Resource c : r.with()) {
      with.add(convert(c));
    }
    org.flux4j.policy.jobspec.Count c = r.count();
    long max = c.max() >= org.flux4j.policy.jobspec.Count.UNBOUNDED ? Long.MAX_VALUE : c.max();
    Quantity count = new Quantity(c.min(), max, c.operator().symbol(), c.operand());
    Boolean x =
        switch (r.exclusive()) {
          case TRUE -> Boolean.TRUE;
          case FALSE -> Boolean.FALSE;
          default -> null;
        };
    return new Item(r.type(), count, x, r.label(), r.unit(), with);
  }

  /** A request without constraint. */
  public static ResourceRequest of(long duration, Item... resources) {
    return new ResourceRequest(List.of(resources), duration, Optional.empty());
  }

  /**
   * One resource vertex of the request (RFC 14 {@code resources} entry).
   *
   * @param type the resource type, e.g. "core", or "slot"
   * @param count the requested count (a fixed count has min == max)
   * @param exclusive whether exclusivity was requested explicitly: TRUE, FALSE or null (unset)
   * @param label the slot label or resource label; empty if none
   * @param unit the unit of a pool count (e.g. "GB"); empty if none
   * @param with the children, in jobspec order
   */
  public record Item(
      String type, Quantity count, Boolean exclusive, String label, String unit, List<Item> with) {
    /** Copies and checks. */
    public Item {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(count, "count");
      label = label == null ? "" : label;
      unit = unit == null ? "" : unit;
      with = List.copyOf(with);
    }

    /** Whether this is a slot (the unit of allocation: everything below it is exclusive). */
    public boolean isSlot() {
      return "slot".equals(type);
    }

    /** A fixed count of {@code type} with children. */
    public static Item of(String type, long count, Item... with) {
      return new Item(type, Quantity.exactly(count), null, "", "", List.of(with));
    }

    /** A slot of {@code count} with a label and children. */
    public static Item slot(long count, String label, Item... with) {
      return new Item("slot", Quantity.exactly(count), null, label, "", List.of(with));
    }

    /** This resource with exclusivity requested explicitly. */
    public Item withExclusive(boolean x) {
      return new Item(type, count, x, label, unit, with);
    }

    /** This resource with another count. */
    public Item withCount(Quantity c) {
      return new Item(type, c, exclusive, label, unit, with);
    }
  }

  /**
   * An RFC 14 count: {@code min}, {@code max} (unbounded = {@link Long#MAX_VALUE}), and how the
   * candidates between them are generated ({@code operator} '+', '*' or '^' with {@code operand}).
   *
   * @param min the minimum count, at least 1
   * @param max the maximum count, at least min
   * @param operator '+', '*' or '^'
   * @param operand the operand of the operator
   */
  public record Quantity(long min, long max, char operator, long operand) {
    /** Checks. */
    public Quantity {
      if (min < 1 || max < min) {
        throw new IllegalArgumentException(
            "count needs 1 <= min <= max, got "
                + min
                + ".."
                + max
                + " (use Quantity.exactly(n) for a fixed count)");
      }
      if (operator != '+' && operator != '*' && operator != '^') {
        throw new IllegalArgumentException("count operator must be +, * or ^, got " + operator);
      }
    }

    /** A fixed count. */
    public static Quantity exactly(long n) {
      return new Quantity(n, n, '+', 1);
    }

    /** A moldable count. */
    public static Quantity range(long min, long max, char operator, long operand) {
      return new Quantity(min, max, operator, operand);
    }
  }

  /** An RFC 31 constraint on the execution targets (nodes) a match may use. */
  public sealed interface TargetConstraint {
    /** All listed properties must hold (a leading '^' negates one). */
    record Properties(List<String> names) implements TargetConstraint {
      /** Copies. */
      public Properties {
        names = List.copyOf(names);
      }
    }

    /** The host name must be in one of the hostlists. */
    record Hostlist(List<String> hostlists) implements TargetConstraint {
      /** Copies. */
      public Hostlist {
        hostlists = List.copyOf(hostlists);
      }
    }

    /** The rank must be in one of the idsets. */
    record Ranks(List<String> idsets) implements TargetConstraint {
      /** Copies. */
      public Ranks {
        idsets = List.copyOf(idsets);
      }
    }

    /** All must hold. */
    record And(List<TargetConstraint> terms) implements TargetConstraint {
      /** Copies. */
      public And {
        terms = List.copyOf(terms);
      }
    }

    /** One must hold. */
    record Or(List<TargetConstraint> terms) implements TargetConstraint {
      /** Copies. */
      public Or {
        terms = List.copyOf(terms);
      }
    }

    /** A parsed jobspec constraint, evaluated with its own rules. */
    record OfJobspec(org.flux4j.policy.jobspec.Constraint constraint) implements TargetConstraint {
      /** Checks. */
      public OfJobspec {
        java.util.Objects.requireNonNull(constraint, "constraint");
      }
    }

    /** None must hold. */
    record Not(List<TargetConstraint> terms) implements TargetConstraint {
      /** Copies. */
      public Not {
        terms = List.copyOf(terms);
      }
    }
  }
}
