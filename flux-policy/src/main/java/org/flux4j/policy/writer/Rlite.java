package org.flux4j.policy.writer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.Hostlist;
import org.flux4j.graph.io.IdSet;
import org.flux4j.graph.io.JgfWriter;
import org.flux4j.policy.match.ResourceSet;

/**
 * The R_lite part of RFC 20 R as Fluxion's rlite writer builds it from a set in emission order.
 *
 * <p>Core and gpu ids are collected as they come; when a node (or storage_node) comes, the ids
 * collected since the last one become its children signature, {@code {"core": "<idset>", "gpu":
 * "<idset>"}} (each key only if it has ids; a node with neither is skipped). Nodes with the same
 * signature share one entry whose "rank" is the idset of their ranks; entries are ordered by their
 * signature text. The nodelist is the hostlist of every such node's name in rank order; the
 * properties map "key" or "key=value" (sorted) to the idset of the ranks of the nodes that have it.
 * A negative rank or id makes the whole result invalid, as in Fluxion (nothing is written).
 */
final class Rlite {
  /** R_lite array, e.g. {@code [{"rank": "0-3", "children": {"core": "0-35"}}]}. */
  final String rlite;

  /** The nodelist hostlist, e.g. "node[0-3]". */
  final String nodelist;

  /** The properties object text, or null when no node had properties. */
  final String properties;

  private Rlite(String rlite, String nodelist, String properties) {
    this.rlite = rlite;
    this.nodelist = nodelist;
    this.properties = properties;
  }

  /** One gathered node. */
  private record Host(int rank, String name) {}

  /** Builds the R_lite of {@code set}, or returns null if there is none (or it is invalid). */
  static Rlite of(ResourceSet set) {
    ResourceGraph g = set.graph();
    int coreType = g.typeId("core");
    int gpuType = g.typeId("gpu");
    int nodeType = g.typeId("node");
    int storageNodeType = g.typeId("storage_node");
    IdSet.Builder cores = IdSet.builder();
    IdSet.Builder gpus = IdSet.builder();
    int nCores = 0;
    int nGpus = 0;
    TreeMap<String, List<Host>> bySignature = new TreeMap<>();
    TreeMap<String, IdSet.Builder> props = new TreeMap<>();
    StringBuilder sig = new StringBuilder(64);
    for (int i = 0; i < set.size(); i++) {
      int v = set.vertex(i);
      int t = g.typeOf(v);
      if (t < 0) {
        continue;
      }
      if (t == coreType || t == gpuType) {
        long id = g.id(v);
        if (id < 0) {
          return null;
        }
        if (t == coreType) {
          cores.add(id);
          nCores++;
        } else {
          gpus.add(id);
          nGpus++;
        }
      } else if (t == nodeType || t == storageNodeType) {
        if (nCores == 0 && nGpus == 0) {
          continue;
        }
        sig.setLength(0);
        sig.append('{');
        if (nCores > 0) {
          sig.append("\"core\": ");
          JgfWriter.appendString(sig, cores.build().encode());
        }
        if (nGpus > 0) {
          if (nCores > 0) {
            sig.append(", ");
          }
          sig.append("\"gpu\": ");
          JgfWriter.appendString(sig, gpus.build().encode());
        }
        sig.append('}');
        cores = IdSet.builder();
        gpus = IdSet.builder();
        nCores = 0;
        nGpus = 0;
        int rank = g.rank(v);
        if (rank < 0) {
          return null;
        }
        bySignature
            .computeIfAbsent(sig.toString(), k -> new ArrayList<>())
            .add(new Host(rank, g.name(v)));
        for (Map.Entry<String, String> p : g.properties(v).entrySet()) {
          String key = p.getValue().isEmpty() ? p.getKey() : p.getKey() + "=" + p.getValue();
          props.computeIfAbsent(key, k -> IdSet.builder()).add(rank);
        }
      }
    }
    if (bySignature.isEmpty()) {
      return null;
    }
    StringBuilder r = new StringBuilder(128);
    r.append('[');
    List<Host> all = new ArrayList<>();
    boolean first = true;
    for (Map.Entry<String, List<Host>> e : bySignature.entrySet()) {
      IdSet.Builder ranks = IdSet.builder();
      for (Host h : e.getValue()) {
        ranks.add(h.rank());
      }
      all.addAll(e.getValue());
      if (!first) {
        r.append(", ");
      }
      first = false;
      r.append("{\"rank\": ");
      JgfWriter.appendString(r, ranks.build().encode());
      r.append(", \"children\": ").append(e.getKey()).append('}');
    }
    r.append(']');
    all.sort((a, b) -> Integer.compare(a.rank(), b.rank()));
    Hostlist.Builder hosts = Hostlist.builder();
    for (Host h : all) {
      hosts.append(h.name());
    }
    String properties = null;
    if (!props.isEmpty()) {
      StringBuilder p = new StringBuilder(64);
      p.append('{');
      first = true;
      for (Map.Entry<String, IdSet.Builder> e : props.entrySet()) {
        if (!first) {
          p.append(", ");
        }
        first = false;
        JgfWriter.appendString(p, e.getKey());
        p.append(": ");
        JgfWriter.appendString(p, e.getValue().build().encode());
      }
      p.append('}');
      properties = p.toString();
    }
    return new Rlite(r.toString(), hosts.build().encode(), properties);
  }
}
