package org.flux4j.graph.internal;

import org.flux4j.graph.Subsystems;

/**
 * The relation a reader gives an edge that names only its subsystem, as Fluxion's JGF reader does:
 * {@code contains}, {@code supplies_to} or {@code connected_down} for the subsystems it knows,
 * {@code *} for any other.
 */
public final class SubsystemRelations {
  private SubsystemRelations() {}

  /** The downward relation of {@code subsystem}'s edges. */
  public static String downward(String subsystem) {
    switch (subsystem) {
      case Subsystems.CONTAINMENT:
        return Subsystems.CONTAINS;
      case Subsystems.POWER:
        return "supplies_to";
      case Subsystems.IBNET:
        return "connected_down";
      default:
        return "*";
    }
  }
}
