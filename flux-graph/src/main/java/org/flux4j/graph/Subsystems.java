package org.flux4j.graph;

/** Names of the subsystems and edge relations that Fluxion's readers and recipes use. */
public final class Subsystems {
  /** The dominant subsystem of every Fluxion graph. */
  public static final String CONTAINMENT = "containment";

  /** The power subsystem of power-aware recipes. */
  public static final String POWER = "power";

  /** The InfiniBand network subsystem. */
  public static final String IBNET = "ibnet";

  /** The relation of a containment edge from parent to child. */
  public static final String CONTAINS = "contains";

  private Subsystems() {}
}
