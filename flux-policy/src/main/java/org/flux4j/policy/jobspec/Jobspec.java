package org.flux4j.policy.jobspec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A job's request, as Flux and Fluxion read it: RFC 14 canonical jobspec (version 1 to 9999; the
 * Fluxion tests use 9999), optionally checked against the RFC 25 V1 rules ({@link #validateV1()}).
 *
 * <p>Read one with {@link #parse(String, String)} or {@link #parse(Path)} (YAML or JSON, through
 * Jackson into a plain tree: no YAML tag can instantiate a class), or with {@link #parser()} to
 * also refuse resource types the graph does not know, as resource-query does. Make one in code with
 * {@link #builder()}, {@link #cores(int)} or {@link #wholeNodes(int, int)}. Errors are {@link
 * JobspecException}s naming the source, the JSON pointer and the rule, with Fluxion's text as
 * {@link JobspecException#reason()}.
 *
 * <p>Immutable and thread-safe. Equality is by content (version, resources, tasks, attributes), not
 * by source name.
 */
public final class Jobspec {
  /**
   * The resource types Fluxion always knows, whatever graph is loaded ({@code data_std.cpp}):
   * resource-query refuses other types unless the loaded graph (or a pruning filter) has them.
   */
  public static final Set<String> FLUXION_BUILTIN_TYPES =
      Set.copyOf(org.flux4j.graph.ResourceTypes.FLUXION_BUILTIN);

  private final int version;
  private final List<Resource> resources;
  private final List<Task> tasks;
  private final Attributes attributes;
  private final String source;

  Jobspec(int version, List<Resource> resources, List<Task> tasks, Attributes attributes) {
    this(version, resources, tasks, attributes, "<jobspec>");
  }

  private Jobspec(
      int version,
      List<Resource> resources,
      List<Task> tasks,
      Attributes attributes,
      String source) {
    if (version < 1 || version > 9999) {
      throw new IllegalArgumentException(
          "Only jobspec \"version\" 1-9999 is supported, got " + version);
    }
    this.version = version;
    this.resources = List.copyOf(resources);
    this.tasks = List.copyOf(tasks);
    this.attributes = Objects.requireNonNull(attributes, "attributes");
    this.source = Objects.requireNonNull(source, "source");
  }

  /**
   * Creates a jobspec from its parts (no V1 check; see {@link #validateV1()}).
   *
   * @param version 1 to 9999
   * @param resources the top-level resources
   * @param tasks the tasks
   * @param attributes the attributes
   */
  public static Jobspec of(
      int version, List<Resource> resources, List<Task> tasks, Attributes attributes) {
    return new Jobspec(version, resources, tasks, attributes);
  }

  Jobspec withSource(String newSource) {
    return new Jobspec(version, resources, tasks, attributes, newSource);
  }

  // ------------------------------------------------------------------ reading

  /**
   * Parses a YAML or JSON jobspec (JSON when the text starts with a brace). Every resource type is
   * accepted; use {@link #parser()} to restrict them.
   *
   * @param text the document
   * @param sourceName a file name or label used in error messages
   * @throws JobspecException if the document is malformed or breaks one of Fluxion's rules
   */
  public static Jobspec parse(String text, String sourceName) {
    return parser().parse(text, sourceName);
  }

  /**
   * Reads and parses the jobspec in {@code file} (UTF-8).
   *
   * @throws JobspecException if the file cannot be read or its jobspec is bad
   */
  public static Jobspec parse(Path file) {
    return parser().parse(file);
  }

  /** A parser with options: known resource types, RFC 25 V1 checking. */
  public static Parser parser() {
    return new Parser(null, false);
  }

  /**
   * Parses jobspecs with options. Immutable: each option method returns a new parser. Thread-safe.
   */
  public static final class Parser {
    private final Predicate<String> knownTypes;
    private final boolean v1;

    private Parser(Predicate<String> knownTypes, boolean v1) {
      this.knownTypes = knownTypes;
      this.v1 = v1;
    }

    /**
     * Refuses resource types for which {@code known} is false, with Fluxion's error {@code Value of
     * "type" must be a resource type known to fluxion} (checked in document order, as Fluxion does,
     * so that the first error is Fluxion's first error).
     */
    public Parser knownTypes(Predicate<String> known) {
      return new Parser(Objects.requireNonNull(known, "known"), v1);
    }

    /**
     * Accepts only {@code types} and {@link #FLUXION_BUILTIN_TYPES}: what resource-query accepts
     * when {@code types} are the types of the loaded graph.
     */
    public Parser knownTypes(Collection<String> types) {
      Set<String> copy = Set.copyOf(types);
      return knownTypes(t -> copy.contains(t) || FLUXION_BUILTIN_TYPES.contains(t));
    }

    /** Also applies the RFC 25 V1 rules ({@link Jobspec#validateV1()}) after parsing. */
    public Parser v1(boolean enabled) {
      return new Parser(knownTypes, enabled);
    }

    /**
     * Parses a YAML or JSON jobspec.
     *
     * @param text the document
     * @param sourceName a file name or label used in error messages
     * @throws JobspecException if the jobspec is bad
     */
    public Jobspec parse(String text, String sourceName) {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(sourceName, "sourceName");
      SourceTree tree = SourceTree.read(text, sourceName);
      Jobspec js = new JobspecReader(tree, sourceName, knownTypes).read().withSource(sourceName);
      if (v1) {
        js.validateV1();
      }
      return js;
    }

    /**
     * Reads and parses the jobspec in {@code file} (UTF-8).
     *
     * @throws JobspecException if the file cannot be read or its jobspec is bad
     */
    public Jobspec parse(Path file) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new JobspecException(
            file.toString(), "", "cannot read the file: " + e, "cannot read " + file, e);
      }
      return parse(text, file.toString());
    }
  }

  // ------------------------------------------------------------------ building

  /** Starts a jobspec in code; see {@link JobspecBuilder}. */
  public static JobspecBuilder builder() {
    return new JobspecBuilder();
  }

  /** {@code n} cores anywhere: {@code n} slots of one core each, one task per slot, no duration. */
  public static Jobspec cores(int n) {
    return builder().slot(n, s -> s.core(1)).build();
  }

  /**
   * {@code k} whole nodes: {@code k} exclusive nodes, each with one slot of {@code coresPerNode}
   * cores, one task per slot, no duration.
   */
  public static Jobspec wholeNodes(int k, int coresPerNode) {
    return builder().node(k, n -> n.exclusive(true).slot(1, s -> s.core(coresPerNode))).build();
  }

  // ------------------------------------------------------------------ accessors

  /** The jobspec version (1 to 9999). */
  public int version() {
    return version;
  }

  /** The top-level resources, in document order. */
  public List<Resource> resources() {
    return resources;
  }

  /** The tasks, in document order. */
  public List<Task> tasks() {
    return tasks;
  }

  /** The attributes. */
  public Attributes attributes() {
    return attributes;
  }

  /** The file name or label this jobspec was read from ({@code <jobspec>} when made in code). */
  public String source() {
    return source;
  }

  /** {@code attributes.system.duration} in seconds; 0 when not given (Fluxion: "forever"). */
  public double duration() {
    return attributes.system().duration();
  }

  /** {@code attributes.system.constraints}, if given. */
  public Optional<Constraint> constraints() {
    return attributes.system().constraints();
  }

  /** {@code attributes.system.queue}, or "". */
  public String queue() {
    return attributes.system().queue();
  }

  /**
   * Every resource of the request in pre-order (a resource before those inside it, siblings in
   * document order). O(number of resources).
   */
  public List<Resource> walk() {
    List<Resource> out = new ArrayList<>();
    walk(out::add);
    return List.copyOf(out);
  }

  /** Visits every resource of the request in pre-order. */
  public void walk(Consumer<? super Resource> visitor) {
    for (Resource r : resources) {
      r.walk(visitor);
    }
  }

  /** Every slot resource, in pre-order. */
  public List<Resource> slots() {
    List<Resource> out = new ArrayList<>();
    walk(
        r -> {
          if (r.isSlot()) {
            out.add(r);
          }
        });
    return List.copyOf(out);
  }

  /** The first slot in pre-order (the slot subtree the tasks run in), if there is one. */
  public Optional<Resource> slot() {
    List<Resource> s = slots();
    return s.isEmpty() ? Optional.empty() : Optional.of(s.get(0));
  }

  /**
   * How many units of {@code type} the whole request asks for, at each count's minimum: for {@code
   * node[2]>slot[3]>core[4]}, 24 cores, 6 slots, 2 nodes. Saturates at {@link Long#MAX_VALUE}.
   */
  public long totalCount(String type) {
    long total = 0;
    for (Resource r : resources) {
      total = Resource.saturatedAdd(total, r.totalOf(type));
    }
    return total;
  }

  /** The distinct resource types of the request, in pre-order of first appearance. */
  public List<String> types() {
    List<String> out = new ArrayList<>();
    walk(
        r -> {
          if (!out.contains(r.type())) {
            out.add(r.type());
          }
        });
    return List.copyOf(out);
  }

  // ------------------------------------------------------------------ V1

  /**
   * Checks the RFC 25 (jobspec V1) rules and returns this jobspec: version 1; exactly one top-level
   * resource, {@code node} or {@code slot}; {@code node>slot>core}, {@code slot>core}, optionally
   * with a {@code gpu} beside the core; plain positive counts; only {@code node} and {@code slot}
   * may say {@code exclusive}; a slot has a label, cores and gpus have none; exactly one task, on
   * that slot, with {@code per_slot: 1} or a positive {@code total}; and {@code
   * attributes.system.duration} given and not negative.
   *
   * @throws JobspecException naming the first rule broken (reason = problem: Fluxion has no V1
   *     check)
   */
  public Jobspec validateV1() {
    if (version != 1) {
      throw v1("/version", "jobspec V1 requires \"version\" 1, got " + version);
    }
    if (resources.size() != 1) {
      throw v1(
          "/resources",
          "jobspec V1 requires exactly one top-level resource, got " + resources.size());
    }
    Resource top = resources.get(0);
    String slotLabel;
    if (top.type().equals("node")) {
      checkV1Vertex("/resources/0", top, true);
      if (top.with().size() != 1 || !top.with().get(0).isSlot()) {
        throw v1("/resources/0/with", "jobspec V1 requires a node to contain exactly one slot");
      }
      slotLabel = checkV1Slot("/resources/0/with/0", top.with().get(0));
    } else if (top.isSlot()) {
      slotLabel = checkV1Slot("/resources/0", top);
    } else {
      throw v1(
          "/resources/0/type",
          "jobspec V1 requires the top-level resource to be a node or a slot, got \""
              + top.type()
              + "\"");
    }
    if (tasks.size() != 1) {
      throw v1("/tasks", "jobspec V1 requires exactly one task, got " + tasks.size());
    }
    Task t = tasks.get(0);
    if (!t.slot().equals(slotLabel)) {
      throw v1(
          "/tasks/0/slot",
          "the task's slot \"" + t.slot() + "\" is not the slot label \"" + slotLabel + "\"");
    }
    if (t.count().size() != 1) {
      throw v1("/tasks/0/count", "jobspec V1 requires a task count of per_slot or total");
    }
    if (t.count().containsKey("per_slot")) {
      if (t.perSlot().orElse(0) != 1) {
        throw v1("/tasks/0/count/per_slot", "jobspec V1 requires \"per_slot\" to be 1");
      }
    } else if (t.count().containsKey("total")) {
      if (t.total().orElse(0) < 1) {
        throw v1("/tasks/0/count/total", "jobspec V1 requires \"total\" to be a positive integer");
      }
    } else {
      throw v1(
          "/tasks/0/count",
          "jobspec V1 requires a task count of per_slot or total, got "
              + t.count().keySet().iterator().next());
    }
    SystemAttributes sys = attributes.system();
    if (!sys.hasDuration()) {
      throw v1("/attributes/system", "jobspec V1 requires attributes.system.duration");
    }
    if (!(sys.duration() >= 0)) {
      throw v1(
          "/attributes/system/duration", "jobspec V1 requires a duration of 0 or more seconds");
    }
    return this;
  }

  private String checkV1Slot(String ptr, Resource slot) {
    checkV1Vertex(ptr, slot, true);
    if (slot.with().isEmpty() || slot.with().size() > 2) {
      throw v1(ptr + "/with", "jobspec V1 requires a slot to contain a core and at most a gpu");
    }
    boolean core = false;
    boolean gpu = false;
    for (int i = 0; i < slot.with().size(); i++) {
      Resource r = slot.with().get(i);
      String p = ptr + "/with/" + i;
      checkV1Vertex(p, r, false);
      if (!r.with().isEmpty()) {
        throw v1(p + "/with", "jobspec V1 does not allow resources inside a " + r.type());
      }
      if (r.type().equals("core") && !core) {
        core = true;
      } else if (r.type().equals("gpu") && !gpu) {
        gpu = true;
      } else {
        throw v1(
            p + "/type",
            "jobspec V1 allows only one core and one gpu in a slot, got \"" + r.type() + "\"");
      }
    }
    if (!core) {
      throw v1(ptr + "/with", "jobspec V1 requires a slot to contain cores");
    }
    return slot.label();
  }

  private void checkV1Vertex(String ptr, Resource r, boolean mayBeExclusive) {
    Count c = r.count();
    if (!c.isFixed() || c.operator() != Count.Operator.ADD || c.operand() != 1 || c.min() < 1) {
      throw v1(ptr + "/count", "jobspec V1 requires a count that is a positive integer");
    }
    if (!mayBeExclusive && r.exclusive() != Exclusive.UNSPECIFIED) {
      throw v1(ptr + "/exclusive", "jobspec V1 allows \"exclusive\" only on a node or a slot");
    }
    if (!r.isSlot() && !r.label().isEmpty()) {
      throw v1(ptr + "/label", "jobspec V1 allows \"label\" only on a slot");
    }
    if (!r.id().isEmpty()) {
      throw v1(ptr + "/id", "jobspec V1 does not allow \"id\"");
    }
  }

  private JobspecException v1(String ptr, String problem) {
    return new JobspecException(source, ptr, problem, problem);
  }

  // ------------------------------------------------------------------ writing

  /**
   * This jobspec as canonical RFC 14 JSON, which {@link #parse(String, String)} reads back to an
   * equal jobspec. Keys absent from the model are left out; fixed counts are integers.
   */
  public String toJson() {
    return JobspecWriter.toJson(this);
  }

  // ------------------------------------------------------------------ object

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Jobspec)) {
      return false;
    }
    Jobspec j = (Jobspec) o;
    return version == j.version
        && resources.equals(j.resources)
        && tasks.equals(j.tasks)
        && attributes.equals(j.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, resources, tasks, attributes);
  }

  @Override
  public String toString() {
    return "Jobspec{version="
        + version
        + ", resources="
        + resources
        + ", tasks="
        + tasks
        + ", attributes="
        + attributes
        + "}";
  }
}
