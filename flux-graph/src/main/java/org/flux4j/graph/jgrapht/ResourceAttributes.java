package org.flux4j.graph.jgrapht;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;

/**
 * The attributes of one resource vertex, for building a {@link ResourceGraph} from a JGraphT graph
 * ({@link ResourceGraphs#fromJGraphT}).
 *
 * @param type the resource type, e.g. "core"
 * @param basename the basename (the type if null)
 * @param name the name, or null for basename followed by id
 * @param id the logical id among its type (-1 if none)
 * @param uniqId the unique id; negative to number vertices in creation order
 * @param rank the execution target rank (-1 if none)
 * @param size the number of units the vertex holds (1 for ordinary resources)
 * @param unit the unit of the size ("" if none)
 * @param properties string properties (copied)
 * @param status up or down
 */
public record ResourceAttributes(
    String type,
    String basename,
    String name,
    long id,
    long uniqId,
    int rank,
    long size,
    String unit,
    Map<String, String> properties,
    Status status) {

  /** Validates and copies the components. */
  public ResourceAttributes {
    Objects.requireNonNull(type, "type");
    basename = basename == null ? type : basename;
    unit = unit == null ? "" : unit;
    properties = properties == null ? Map.of() : Map.copyOf(properties);
    status = status == null ? Status.UP : status;
  }

  /** Attributes of an ordinary resource: basename = type, default name, size 1, no rank. */
  public static ResourceAttributes of(String type, long id) {
    return new ResourceAttributes(type, type, null, id, -1, -1, 1, "", Map.of(), Status.UP);
  }

  /** The attributes of vertex {@code v} of {@code g} (for copying a graph through JGraphT). */
  public static ResourceAttributes of(ResourceGraph g, int v) {
    SortedMap<String, String> p = g.properties(v);
    return new ResourceAttributes(
        g.type(v),
        g.basename(v),
        g.name(v),
        g.id(v),
        g.uniqId(v),
        g.rank(v),
        g.size(v),
        g.unit(v),
        p.isEmpty() ? Map.of() : new TreeMap<>(p),
        g.status(v));
  }
}
