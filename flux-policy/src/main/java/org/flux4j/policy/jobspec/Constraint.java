package org.flux4j.policy.jobspec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.Hostlist;
import org.flux4j.graph.io.IdSet;

/**
 * An RFC 31 job constraint ({@code attributes.system.constraints}): an expression over the
 * properties, host name and rank of candidate resources, evaluated as Fluxion evaluates it.
 *
 * <p>Operators: {@code properties} (every listed property present; a leading {@code ^} means the
 * property must be absent), {@code hostlist} (the name is in an RFC 29 hostlist), {@code ranks}
 * (the rank is in an RFC 22 idset), {@code and}, {@code or}, {@code not} (true unless all its
 * operands hold), and the empty constraint {@code {}} that matches everything. Fluxion, unlike RFC
 * 31, evaluates an empty {@code or} to false; this follows Fluxion. Values are immutable and
 * thread-safe; {@link #matches(Target)} is O(size of the expression).
 */
public sealed interface Constraint
    permits Constraint.Any,
        Constraint.Properties,
        Constraint.Hosts,
        Constraint.Ranks,
        Constraint.And,
        Constraint.Or,
        Constraint.Not {

  /** What a constraint is evaluated against: one resource (in Fluxion, a node-level vertex). */
  interface Target {
    /** Whether the resource has property {@code name}. */
    boolean hasProperty(String name);

    /** The resource's name, e.g. {@code node12}. */
    String name();

    /** The resource's execution-target rank, or -1 if it has none. */
    long rank();
  }

  /** Whether {@code target} satisfies this constraint. */
  boolean matches(Target target);

  /**
   * Whether vertex {@code v} of {@code graph} satisfies this constraint: its property keys, its
   * name and its rank, as Fluxion tests a node vertex.
   */
  default boolean matches(ResourceGraph graph, int v) {
    return matches(
        new Target() {
          @Override
          public boolean hasProperty(String name) {
            return graph.properties(v).containsKey(name);
          }

          @Override
          public String name() {
            return graph.name(v);
          }

          @Override
          public long rank() {
            return graph.rank(v);
          }
        });
  }

  /** The constraint as RFC 31 JSON, e.g. {@code {"properties":["^slow"]}}. */
  String toJson();

  /** The empty constraint {@code {}}, which every resource satisfies. */
  static Constraint any() {
    return Any.INSTANCE;
  }

  /**
   * A {@code properties} constraint.
   *
   * @throws JobspecException if a property (after an optional leading {@code ^}) contains one of
   *     {@code !&'"^`|()}
   */
  static Constraint properties(String... values) {
    return Properties.of(List.of(values));
  }

  /**
   * An RFC 31 host list constraint over RFC 29 hostlists such as {@code node[0-3,7]}.
   *
   * @throws JobspecException if a hostlist is malformed
   */
  static Constraint hostlist(String... hostlists) {
    return Hosts.of(List.of(hostlists));
  }

  /**
   * A {@code ranks} constraint over RFC 22 idsets such as {@code 0-3,7}.
   *
   * @throws JobspecException if an idset is malformed
   */
  static Constraint ranks(String... idsets) {
    return Ranks.of(List.of(idsets));
  }

  /** All of {@code operands} hold (true when there are none). */
  static Constraint and(Constraint... operands) {
    return new And(List.of(operands));
  }

  /** At least one of {@code operands} holds (false when there are none, as in Fluxion). */
  static Constraint or(Constraint... operands) {
    return new Or(List.of(operands));
  }

  /** Not all of {@code operands} hold (false when there are none). */
  static Constraint not(Constraint... operands) {
    return new Not(List.of(operands));
  }

  /**
   * One operand of a {@code hostlist} or {@code ranks} constraint read by flux-graph's parser,
   * {@code what} naming it ("hostlist", "idset") in Fluxion's reason {@code Invalid what `text'}.
   */
  private static <T> T operand(String text, Function<String, T> decode, String what) {
    try {
      return decode.apply(text);
    } catch (IllegalArgumentException e) {
      throw new JobspecException(
          "<" + what + ">", "", e.getMessage(), "Invalid " + what + " `" + text + "'", e);
    }
  }

  /** The empty constraint {@code {}}. */
  enum Any implements Constraint {
    /** The only instance. */
    INSTANCE;

    @Override
    public boolean matches(Target target) {
      return true;
    }

    @Override
    public String toJson() {
      return "{}";
    }
  }

  /**
   * {@code {"properties": [...]}}: every plain value is a property the resource has, every {@code
   * ^value} one it lacks.
   *
   * @param values the values as written, with any leading {@code ^}
   */
  record Properties(List<String> values) implements Constraint {
    /**
     * Checks the values.
     *
     * @throws JobspecException if a value contains a forbidden character
     */
    public Properties {
      values = List.copyOf(values);
      for (String v : values) {
        String p = v.startsWith("^") ? v.substring(1) : v;
        for (int i = 0; i < p.length(); i++) {
          if ("!&'\"^`|()".indexOf(p.charAt(i)) >= 0) {
            throw new JobspecException(
                "<constraint>",
                "",
                "property " + v + " has a forbidden character",
                v + " is invalid");
          }
        }
      }
    }

    static Properties of(List<String> values) {
      return new Properties(values);
    }

    @Override
    public boolean matches(Target target) {
      for (String v : values) {
        boolean negate = v.startsWith("^");
        boolean found = target.hasProperty(negate ? v.substring(1) : v);
        if (found == negate) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toJson() {
      return "{\"properties\":" + JsonText.strings(values) + "}";
    }
  }

  /**
   * {@code {"hostlist": [...]}}: the resource's name is in one of the RFC 29 hostlists. Final value
   * class (equality by the hostlists as written); the hostlists are parsed once.
   */
  final class Hosts implements Constraint {
    private final List<String> hostlists;
    private final List<Hostlist> parsed;

    private Hosts(List<String> hostlists, List<Hostlist> parsed) {
      this.hostlists = hostlists;
      this.parsed = parsed;
    }

    static Hosts of(List<String> hostlists) {
      List<String> copy = List.copyOf(hostlists);
      List<Hostlist> parsed = new ArrayList<>(copy.size());
      for (String h : copy) {
        parsed.add(parse(h));
      }
      return new Hosts(copy, List.copyOf(parsed));
    }

    /**
     * One RFC 29 hostlist, read as Fluxion's {@code hostlist_append} reads it.
     *
     * @throws JobspecException with Fluxion's reason {@code Invalid hostlist `text'}
     */
    static Hostlist parse(String text) {
      return operand(text, Hostlist::decode, "hostlist");
    }

    /** The hostlists as written. */
    public List<String> hostlists() {
      return hostlists;
    }

    @Override
    public boolean matches(Target target) {
      String name = target.name();
      for (Hostlist h : parsed) {
        if (h.containsHost(name)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toJson() {
      return "{\"hostlist\":" + JsonText.strings(hostlists) + "}";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Hosts && ((Hosts) o).hostlists.equals(hostlists);
    }

    @Override
    public int hashCode() {
      return hostlists.hashCode();
    }

    @Override
    public String toString() {
      return toJson();
    }
  }

  /**
   * {@code {"ranks": [...]}}: the resource's rank is in one of the RFC 22 idsets. Final value class
   * (equality by the idsets as written); the idsets are parsed once.
   */
  final class Ranks implements Constraint {
    private final List<String> idsets;
    private final List<IdSet> parsed;

    private Ranks(List<String> idsets, List<IdSet> parsed) {
      this.idsets = idsets;
      this.parsed = parsed;
    }

    static Ranks of(List<String> idsets) {
      List<String> copy = List.copyOf(idsets);
      List<IdSet> parsed = new ArrayList<>(copy.size());
      for (String s : copy) {
        parsed.add(parse(s));
      }
      return new Ranks(copy, List.copyOf(parsed));
    }

    /**
     * One RFC 22 idset, read as Fluxion's {@code idset_decode} reads it.
     *
     * @throws JobspecException with Fluxion's reason {@code Invalid idset `text'}
     */
    static IdSet parse(String text) {
      return operand(text, IdSet::decode, "idset");
    }

    /** The idsets as written. */
    public List<String> idsets() {
      return idsets;
    }

    @Override
    public boolean matches(Target target) {
      long rank = target.rank();
      for (IdSet s : parsed) {
        if (s.contains(rank)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toJson() {
      return "{\"ranks\":" + JsonText.strings(idsets) + "}";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Ranks && ((Ranks) o).idsets.equals(idsets);
    }

    @Override
    public int hashCode() {
      return idsets.hashCode();
    }

    @Override
    public String toString() {
      return toJson();
    }
  }

  /**
   * {@code {"and": [...]}}: every operand holds.
   *
   * @param operands the operands
   */
  record And(List<Constraint> operands) implements Constraint {
    /** Copies the operands. */
    public And {
      operands = List.copyOf(operands);
    }

    @Override
    public boolean matches(Target target) {
      for (Constraint c : operands) {
        if (!c.matches(target)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toJson() {
      return JsonText.operator("and", operands);
    }
  }

  /**
   * {@code {"or": [...]}}: some operand holds (none: false, as in Fluxion).
   *
   * @param operands the operands
   */
  record Or(List<Constraint> operands) implements Constraint {
    /** Copies the operands. */
    public Or {
      operands = List.copyOf(operands);
    }

    @Override
    public boolean matches(Target target) {
      for (Constraint c : operands) {
        if (c.matches(target)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toJson() {
      return JsonText.operator("or", operands);
    }
  }

  /**
   * {@code {"not": [...]}}: not all operands hold (none: false).
   *
   * @param operands the operands
   */
  record Not(List<Constraint> operands) implements Constraint {
    /** Copies the operands. */
    public Not {
      operands = List.copyOf(operands);
    }

    @Override
    public boolean matches(Target target) {
      for (Constraint c : operands) {
        if (!c.matches(target)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toJson() {
      return JsonText.operator("not", operands);
    }
  }
}
