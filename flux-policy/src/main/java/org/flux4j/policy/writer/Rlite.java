package org.flux4j.policy.writer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.Hostlist;
import org.flux4j.graph.io.IdSet;
import org.flux4j.graph.io.JgfWriter;
import org.flux4j.policy.match.ResourceSet;

/**
 * Collects the R_lite part of RFC 20 R as Fluxion's rlite writer does, across the sets fed to it.
 *
 * <p>Core and gpu ids are collected as they come; when a node (or storage_node) comes, the ids
 * collected since the last one become its children signature, {@code {"core": "<idset>", "gpu":
 * "<idset>"}} (each key only if it has ids; a node with neither is skipped). Nodes with the same
 * signature share one entry whose "rank" is the idset of their ranks; entries are ordered by their
 * signature text. The nodelist is the hostlist of every such node's name in rank order; the
 * properties map "key" or "key=value" (sorted) to the idset of the ranks of the nodes that have it.
 *
 * <p>Error behaviour follows Fluxion's: a negative core or gpu id stays in its list and stops every
 * later node from being gathered; a negative rank makes every later {@link #emit} fail (write
 * nothing) because nothing is cleared on failure. Not thread-safe.
 */
final class Rlite {
  /** Fluxion's errno text when an R_lite cannot be emitted (EINVAL). */
  static final String INVALID = "Invalid argument";

  private final LongArrayList cores = new LongArrayList();
  private final LongArrayList gpus = new LongArrayList();
  private final TreeMap<String, List<Host>> bySignature = new TreeMap<>();
  private final TreeMap<String, LongArrayList> props = new TreeMap<>();
  private final StringBuilder sig = new StringBuilder(64);

  /** One gathered node. */
  private record Host(long rank, String name) {}

  /**
   * One emitted R_lite.
   *
   * @param rlite R_lite array, e.g. {@code [{"rank": "0-3", "children": {"core": "0-35"}}]}
   * @param nodelist the nodelist hostlist, e.g. "node[0-3]"
   * @param properties the properties object text, or null when no node had properties
   */
  record Result(String rlite, String nodelist, String properties) {}

  /** Feeds the set's vertices, in order. */
  void feed(ResourceSet set) {
    ResourceGraph g = set.graph();
    int coreType = g.typeId("core");
    int gpuType = g.typeId("gpu");
    int nodeType = g.typeId("node");
    int storageNodeType = g.typeId("storage_node");
    for (int i = 0; i < set.size(); i++) {
      int v = set.vertex(i);
      int t = g.typeOf(v);
      if (t < 0) {
        continue;
      }
      if (t == coreType) {
        cores.add(g.id(v));
      } else if (t == gpuType) {
        gpus.add(g.id(v));
      } else if (t == nodeType || t == storageNodeType) {
        gather(g, v);
      }
    }
  }

  private void gather(ResourceGraph g, int v) {
    if (cores.isEmpty() && gpus.isEmpty()) {
      return;
    }
    sig.setLength(0);
    sig.append('{');
    if (!appendIds(sig, "core", cores) || !appendIds(sig, "gpu", gpus)) {
      return; // a negative id: Fluxion's compress fails and the node is not gathered
    }
    sig.append('}');
    long rank = g.rank(v);
    bySignature
        .computeIfAbsent(sig.toString(), k -> new ArrayList<>())
        .add(new Host(rank, g.name(v)));
    for (Map.Entry<String, String> p : g.properties(v).entrySet()) {
      String key = p.getValue().isEmpty() ? p.getKey() : p.getKey() + "=" + p.getValue();
      props.computeIfAbsent(key, k -> new LongArrayList()).add(rank);
    }
  }

  /** Appends {@code "key": "<idset>"} and clears the ids; false (ids kept) if one is negative. */
  private static boolean appendIds(StringBuilder sb, String key, LongArrayList ids) {
    if (ids.isEmpty()) {
      return true;
    }
    IdSet set = idset(ids);
    if (set == null) {
      return false;
    }
    if (sb.length() > 1) {
      sb.append(", ");
    }
    sb.append('"').append(key).append("\": ");
    JgfWriter.appendString(sb, set.encode());
    ids.clear();
    return true;
  }

  private static IdSet idset(LongArrayList ids) {
    IdSet.Builder b = IdSet.builder();
    for (int i = 0; i < ids.size(); i++) {
      long id = ids.get(i);
      if (id < 0) {
        return null;
      }
      b.add(id);
    }
    return b.build();
  }

  /** Whether no node has been gathered since the last successful {@link #emit}. */
  boolean isEmpty() {
    return bySignature.isEmpty();
  }

  /**
   * The R_lite of every node gathered since the last successful emit, which is then forgotten; null
   * (and nothing forgotten) if there is none or a rank is negative.
   */
  Result emit() {
    if (bySignature.isEmpty()) {
      return null;
    }
    StringBuilder r = new StringBuilder(128);
    r.append('[');
    List<Host> all = new ArrayList<>();
    for (Map.Entry<String, List<Host>> e : bySignature.entrySet()) {
      LongArrayList ranks = new LongArrayList(e.getValue().size());
      for (Host h : e.getValue()) {
        ranks.add(h.rank());
      }
      IdSet rankSet = idset(ranks);
      if (rankSet == null) {
        return null;
      }
      all.addAll(e.getValue());
      if (r.length() > 1) {
        r.append(", ");
      }
      r.append("{\"rank\": ");
      JgfWriter.appendString(r, rankSet.encode());
      r.append(", \"children\": ").append(e.getKey()).append('}');
    }
    r.append(']');
    String properties = null;
    if (!props.isEmpty()) {
      StringBuilder p = new StringBuilder(64);
      p.append('{');
      for (Map.Entry<String, LongArrayList> e : props.entrySet()) {
        IdSet ranks = idset(e.getValue());
        if (ranks == null) {
          return null;
        }
        if (p.length() > 1) {
          p.append(", ");
        }
        JgfWriter.appendString(p, e.getKey());
        p.append(": ");
        JgfWriter.appendString(p, ranks.encode());
      }
      p.append('}');
      properties = p.toString();
    }
    all.sort((a, b) -> Long.compare(a.rank(), b.rank()));
    Hostlist.Builder hosts = Hostlist.builder();
    for (Host h : all) {
      hosts.append(h.name());
    }
    bySignature.clear();
    props.clear();
    return new Result(r.toString(), hosts.build().encode(), properties);
  }
}
