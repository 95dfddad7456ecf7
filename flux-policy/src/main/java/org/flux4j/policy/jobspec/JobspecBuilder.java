package org.flux4j.policy.jobspec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds a {@link Jobspec} in code, without text.
 *
 * <pre>{@code
 * Jobspec js = Jobspec.builder()
 *     .slot(4, s -> s.core(2).gpu(1))      // 4 slots of 2 cores and a gpu
 *     .duration(3600)
 *     .build();
 * Jobspec nodes = Jobspec.builder()
 *     .node(2, n -> n.exclusive(true).slot(1, s -> s.core(16)))
 *     .build();
 * }</pre>
 *
 * <p>Slots are labelled {@code task} unless told otherwise. Without an explicit {@link #task} call,
 * one task (an empty command) runs once per slot of the first slot. The version is 9999 (as in
 * Fluxion's test jobspecs) unless set. Not thread-safe; {@link #build()} may be called more than
 * once.
 */
public final class JobspecBuilder {
  private int version = 9999;
  private final List<Resource> resources = new ArrayList<>();
  private final List<Task> tasks = new ArrayList<>();
  private double duration;
  private boolean hasDuration;
  private String queue = "";
  private String cwd = "";
  private final Map<String, String> environment = new LinkedHashMap<>();
  private Constraint constraints;
  private final Map<String, Object> otherSystem = new LinkedHashMap<>();
  private final Map<String, Object> user = new LinkedHashMap<>();

  JobspecBuilder() {}

  /** Sets the version (1 to 9999; default 9999). */
  public JobspecBuilder version(int v) {
    if (v < 1 || v > 9999) {
      throw new IllegalArgumentException("Only jobspec \"version\" 1-9999 is supported, got " + v);
    }
    this.version = v;
    return this;
  }

  /** Adds a top-level resource. */
  public JobspecBuilder resource(Resource r) {
    resources.add(Objects.requireNonNull(r, "r"));
    return this;
  }

  /**
   * Adds a top-level resource of {@code count} units of {@code type}, filled in by {@code inside}.
   */
  public JobspecBuilder resource(String type, Count count, Consumer<ResourceBuilder> inside) {
    ResourceBuilder b = new ResourceBuilder(type, count);
    inside.accept(b);
    return resource(b.build());
  }

  /** Adds {@code count} top-level slots labelled {@code task}, filled in by {@code inside}. */
  public JobspecBuilder slot(int count, Consumer<ResourceBuilder> inside) {
    return resource(Resource.SLOT, Count.exactly(count), b -> inside.accept(b.label("task")));
  }

  /** Adds {@code count} top-level nodes, filled in by {@code inside}. */
  public JobspecBuilder node(int count, Consumer<ResourceBuilder> inside) {
    return resource("node", Count.exactly(count), inside);
  }

  /** Adds a task; when no task is added, {@link #build()} adds one task per slot. */
  public JobspecBuilder task(Task t) {
    tasks.add(Objects.requireNonNull(t, "t"));
    return this;
  }

  /** Sets {@code attributes.system.duration} in seconds (0: unlimited). */
  public JobspecBuilder duration(double seconds) {
    if (!(seconds >= 0)) {
      throw new IllegalArgumentException("duration must be 0 or more seconds, got " + seconds);
    }
    this.duration = seconds;
    this.hasDuration = true;
    return this;
  }

  /** Sets {@code attributes.system.queue}. */
  public JobspecBuilder queue(String name) {
    this.queue = Objects.requireNonNull(name, "name");
    return this;
  }

  /** Sets {@code attributes.system.cwd}. */
  public JobspecBuilder cwd(String dir) {
    this.cwd = Objects.requireNonNull(dir, "dir");
    return this;
  }

  /** Adds an environment variable to {@code attributes.system.environment}. */
  public JobspecBuilder environment(String name, String value) {
    environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Sets {@code attributes.system.constraints}. */
  public JobspecBuilder constraints(Constraint c) {
    this.constraints = Objects.requireNonNull(c, "c");
    return this;
  }

  /** Sets another {@code attributes.system} key to a plain value (see {@link Attributes}). */
  public JobspecBuilder systemAttribute(String key, Object value) {
    switch (Objects.requireNonNull(key, "key")) {
      case "duration":
      case "queue":
      case "cwd":
      case "environment":
      case "constraints":
        throw new IllegalArgumentException(
            "use the builder's " + key + "(...) method for attributes.system." + key);
      default:
        otherSystem.put(key, value);
        return this;
    }
  }

  /** Sets an {@code attributes.user} key to a plain value (see {@link Attributes}). */
  public JobspecBuilder userAttribute(String key, Object value) {
    user.put(Objects.requireNonNull(key, "key"), value);
    return this;
  }

  /**
   * The jobspec.
   *
   * @throws IllegalStateException if there is no resource, or no task was given and there is no
   *     slot to run one in
   */
  public Jobspec build() {
    if (resources.isEmpty()) {
      throw new IllegalStateException("a jobspec needs at least one resource: call slot(...)");
    }
    List<Task> ts = new ArrayList<>(tasks);
    if (ts.isEmpty()) {
      Jobspec probe = Jobspec.of(version, resources, List.of(), Attributes.EMPTY);
      Optional<Resource> slot = probe.slot();
      if (slot.isEmpty()) {
        throw new IllegalStateException(
            "no slot to run the task in: add a slot, or add a task with task(...)");
      }
      ts.add(Task.perSlot(List.of(), slot.get().label(), 1));
    }
    SystemAttributes sys =
        new SystemAttributes(
            duration,
            hasDuration,
            queue,
            cwd,
            environment,
            Optional.ofNullable(constraints),
            otherSystem);
    return Jobspec.of(version, resources, ts, new Attributes(sys, user));
  }

  /** Builds one resource and what is inside it. Not thread-safe. */
  public static final class ResourceBuilder {
    private final String type;
    private Count count;
    private String unit = "";
    private Exclusive exclusive = Exclusive.UNSPECIFIED;
    private String label = "";
    private String id = "";
    private final List<Resource> with = new ArrayList<>();

    ResourceBuilder(String type, Count count) {
      this.type = Objects.requireNonNull(type, "type");
      this.count = Objects.requireNonNull(count, "count");
    }

    /** Replaces the count of this resource. */
    public ResourceBuilder count(Count c) {
      this.count = Objects.requireNonNull(c, "c");
      return this;
    }

    /** Sets the unit (for pool resources such as memory). */
    public ResourceBuilder unit(String u) {
      this.unit = Objects.requireNonNull(u, "u");
      return this;
    }

    /** Sets {@code exclusive}. */
    public ResourceBuilder exclusive(boolean value) {
      this.exclusive = Exclusive.of(value);
      return this;
    }

    /** Sets the label (slots: the label tasks refer to). */
    public ResourceBuilder label(String l) {
      this.label = Objects.requireNonNull(l, "l");
      return this;
    }

    /** Sets the {@code id} key. */
    public ResourceBuilder id(String i) {
      this.id = Objects.requireNonNull(i, "i");
      return this;
    }

    /** Adds a finished resource inside this one. */
    public ResourceBuilder with(Resource r) {
      with.add(Objects.requireNonNull(r, "r"));
      return this;
    }

    /** Adds {@code count} units of {@code type} inside this one, with nothing inside them. */
    public ResourceBuilder with(String childType, Count childCount) {
      return with(Resource.of(childType, childCount));
    }

    /** Adds {@code count} units of {@code type} inside this one, filled in by {@code inside}. */
    public ResourceBuilder with(
        String childType, Count childCount, Consumer<ResourceBuilder> inside) {
      ResourceBuilder b = new ResourceBuilder(childType, childCount);
      inside.accept(b);
      return with(b.build());
    }

    /** Adds {@code n} cores inside this resource. */
    public ResourceBuilder core(int n) {
      return with("core", Count.exactly(n));
    }

    /** Adds {@code n} gpus inside this resource. */
    public ResourceBuilder gpu(int n) {
      return with("gpu", Count.exactly(n));
    }

    /** Adds {@code amount} of memory in {@code unit} (e.g. GB) inside this resource. */
    public ResourceBuilder memory(int amount, String memUnit) {
      return with("memory", Count.exactly(amount), b -> b.unit(memUnit));
    }

    /** Adds {@code n} sockets inside this resource, filled in by {@code inside}. */
    public ResourceBuilder socket(int n, Consumer<ResourceBuilder> inside) {
      return with("socket", Count.exactly(n), inside);
    }

    /** Adds {@code n} nodes inside this resource, filled in by {@code inside}. */
    public ResourceBuilder node(int n, Consumer<ResourceBuilder> inside) {
      return with("node", Count.exactly(n), inside);
    }

    /** Adds {@code n} slots labelled {@code task} inside this resource. */
    public ResourceBuilder slot(int n, Consumer<ResourceBuilder> inside) {
      return with(Resource.SLOT, Count.exactly(n), b -> inside.accept(b.label("task")));
    }

    Resource build() {
      return new Resource(type, count, unit, exclusive, label, id, with);
    }
  }
}
