package org.flux4j.examples.rqdiff;

import java.util.ArrayList;
import java.util.List;

/**
 * A jobspec as the fuzzer writes it (Flux RFC 14/25, the YAML layout of flux-sched's test
 * jobspecs): a resource tree with counts (a number or a min/max/operator/operand range), slots and
 * exclusivity, a duration and optional RFC 31 constraints. Renders to YAML and offers the smaller
 * jobspecs the shrinker tries.
 *
 * <p>Immutable.
 *
 * @param version 1 or 9999
 * @param resources the top-level resource requests
 * @param duration {@code attributes.system.duration} in seconds; negative to leave it out
 * @param constraints the YAML text of {@code attributes.system.constraints} (a flow mapping such as
 *     {@code {properties: ["fast"]}}), or "" for none
 */
public record JobspecModel(int version, List<Res> resources, long duration, String constraints) {

  /** Creates a jobspec; copies the list. */
  public JobspecModel {
    resources = List.copyOf(resources);
  }

  /**
   * A count: a plain number when {@code max} is 0, else a range; {@code operator} may be empty for
   * a range with only {@code min}.
   *
   * @param min the minimum (at least 1)
   * @param max the maximum (0 for a plain count or a min-only range)
   * @param operator "+", "*" or "^", or "" without one
   * @param operand the operand of the operator
   * @param range whether to write the mapping form
   */
  public record Count(int min, int max, String operator, int operand, boolean range) {
    /** A plain count. */
    public static Count of(int n) {
      return new Count(n, 0, "", 0, false);
    }

    String yaml() {
      if (!range) {
        return Integer.toString(min);
      }
      if (operator.isEmpty()) {
        return "{min: " + min + "}";
      }
      return "{min: "
          + min
          + ", max: "
          + max
          + ", operator: \""
          + operator
          + "\", operand: "
          + operand
          + "}";
    }
  }

  /**
   * One resource request.
   *
   * @param type the resource type, or "slot" ("xor_slot" for the flexible traverser's alternatives)
   * @param count how many
   * @param exclusive "true", "false" or "" to leave it out
   * @param with the requests under it
   */
  public record Res(String type, Count count, String exclusive, List<Res> with) {
    /** Creates a request; copies the list. */
    public Res {
      with = List.copyOf(with);
    }

    Res withCount(Count c) {
      return new Res(type, c, exclusive, with);
    }

    Res withChildren(List<Res> w) {
      return new Res(type, count, exclusive, w);
    }
  }

  /** Whether {@code type} is a slot: a plain one (or-slot among siblings) or an xor_slot. */
  static boolean isSlot(String type) {
    return type.equals("slot") || type.equals("xor_slot");
  }

  /** The YAML text. */
  public String toYaml() {
    StringBuilder sb = new StringBuilder();
    sb.append("version: ").append(version).append('\n');
    sb.append("resources:\n");
    for (Res r : resources) {
      res(sb, r, 1);
    }
    // Fluxion refuses a jobspec without attributes; one without a duration has an empty system
    sb.append("attributes:\n  system:");
    if (duration < 0 && constraints.isEmpty()) {
      sb.append(" {}");
    }
    sb.append('\n');
    if (duration >= 0) {
      sb.append("    duration: ").append(duration).append('\n');
    }
    if (!constraints.isEmpty()) {
      sb.append("    constraints: ").append(constraints).append('\n');
    }
    sb.append(
        "tasks:\n  - command: [ \"app\" ]\n    slot: default\n    count:\n      per_slot: 1\n");
    return sb.toString();
  }

  private static void res(StringBuilder sb, Res r, int depth) {
    String pad = "  ".repeat(depth * 2 - 1);
    sb.append(pad).append("- type: ").append(r.type()).append('\n');
    sb.append(pad).append("  count: ").append(r.count().yaml()).append('\n');
    if (isSlot(r.type())) {
      sb.append(pad).append("  label: default\n");
    }
    if (!r.exclusive().isEmpty()) {
      sb.append(pad).append("  exclusive: ").append(r.exclusive()).append('\n');
    }
    if (!r.with().isEmpty()) {
      sb.append(pad).append("  with:\n");
      for (Res c : r.with()) {
        res(sb, c, depth + 1);
      }
    }
  }

  /**
   * The jobspecs one step smaller: each count made plain or lowered, each exclusive flag dropped,
   * each request with children replaced by one of them or left without one child, the duration and
   * constraints dropped.
   */
  public List<JobspecModel> reductions() {
    List<JobspecModel> out = new ArrayList<>();
    for (List<Res> rs : reduceList(resources)) {
      if (!rs.isEmpty()) {
        out.add(new JobspecModel(version, rs, duration, constraints));
      }
    }
    if (!constraints.isEmpty()) {
      out.add(new JobspecModel(version, resources, duration, ""));
    }
    if (duration > 0) {
      out.add(new JobspecModel(version, resources, -1, constraints));
    }
    if (version != 9999) {
      out.add(new JobspecModel(9999, resources, duration, constraints));
    }
    return out;
  }

  private static List<List<Res>> reduceList(List<Res> list) {
    List<List<Res>> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (list.size() > 1) {
        List<Res> l = new ArrayList<>(list);
        l.remove(i);
        out.add(l);
      }
      for (Res r : reduce(list.get(i))) {
        List<Res> l = new ArrayList<>(list);
        l.set(i, r);
        out.add(l);
      }
    }
    return out;
  }

  private static List<Res> reduce(Res r) {
    List<Res> out = new ArrayList<>();
    Count c = r.count();
    if (c.range()) {
      out.add(r.withCount(Count.of(c.min())));
    }
    for (int n : new int[] {1, c.min() / 2, c.min() - 1}) {
      if (n >= 1 && n < c.min()) {
        int max = c.max() == 0 ? 0 : Math.max(n, c.max());
        out.add(r.withCount(new Count(n, max, c.operator(), c.operand(), c.range())));
      }
    }
    if (!r.exclusive().isEmpty()) {
      out.add(new Res(r.type(), c, "", r.with()));
    }
    if (!isSlot(r.type())) {
      for (Res child : r.with()) {
        if (!isSlot(child.type()) || r.with().size() == 1) {
          out.add(child);
        }
      }
    }
    for (List<Res> w : reduceList(r.with())) {
      out.add(r.withChildren(w));
    }
    return out;
  }
}
