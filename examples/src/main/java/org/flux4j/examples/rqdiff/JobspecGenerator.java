package org.flux4j.examples.rqdiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flux4j.examples.rqdiff.JobspecModel.Count;
import org.flux4j.examples.rqdiff.JobspecModel.Res;

/**
 * Writes random jobspecs for a graph, the way a user writes them from the graph's shape: a chain of
 * types from the graph's containment tree (e.g. node, socket, core), a slot at one of its levels
 * (or, now and then, no slot), the leaf's sibling types (gpu, memory) beside it, counts up to what
 * a parent holds (sometimes a little more, so that some requests cannot be met), count ranges with
 * each operator, exclusive flags, durations and RFC 31 constraints on the properties that {@link
 * CommandGenerator} sets, on host names and on ranks.
 *
 * <p>Not thread-safe (shares the scenario's random source).
 */
final class JobspecGenerator {
  /** The node properties the commands set and the constraints ask for. */
  static final List<String> PROPERTIES = List.of("fast", "bigmem");

  private final Random rnd;
  private final GraphShape shape;

  JobspecGenerator(Random rnd, GraphShape shape) {
    this.rnd = rnd;
    this.shape = shape;
  }

  /** One jobspec. */
  JobspecModel jobspec() {
    List<List<String>> chains = shape.chains();
    List<String> chain = chains.get(rnd.nextInt(chains.size()));
    int nodeAt = chain.indexOf("node");
    int leaf = chain.size() - 1;
    int start;
    int r = rnd.nextInt(100);
    if (nodeAt >= 0 && r < 50) {
      start = nodeAt;
    } else if (r < 62) {
      start = Math.min(leaf, rnd.nextInt(Math.max(1, nodeAt + 1)));
    } else {
      start = Math.max(nodeAt, 0) + rnd.nextInt(Math.max(1, leaf - Math.max(nodeAt, 0) + 1));
    }
    start = Math.min(start, leaf);
    boolean slot = rnd.nextInt(10) > 0;
    int slotAt = start + rnd.nextInt(leaf - start + 1);

    // the leaf group: the leaf and some of its sibling leaves
    String parentOfLeaf = leaf > 0 ? chain.get(leaf - 1) : null;
    String countParent = start == leaf ? null : parentOfLeaf;
    List<Res> cur = new ArrayList<>();
    cur.add(
        new Res(chain.get(leaf), count(countParent, chain.get(leaf), true), excl(leaf), List.of()));
    if (parentOfLeaf != null) {
      for (String sib : shape.childrenOf(parentOfLeaf)) {
        if (!sib.equals(chain.get(leaf))
            && shape.childrenOf(sib).isEmpty()
            && rnd.nextInt(3) == 0) {
          cur.add(
              rnd.nextBoolean() ? 0 : cur.size(),
              new Res(sib, count(countParent, sib, true), "", List.of()));
        }
      }
    }
    for (int i = leaf - 1; i >= start; i--) {
      if (slot && i + 1 == slotAt) {
        cur = List.of(new Res("slot", slotCount(), "", cur));
      }
      String parent = i > 0 ? chain.get(i - 1) : null;
      boolean top = i == start;
      cur =
          List.of(
              new Res(chain.get(i), count(top ? null : parent, chain.get(i), false), excl(i), cur));
    }
    if (slot && slotAt == start) {
      cur = List.of(new Res("slot", slotCount(), "", cur));
    }
    int version = slot && rnd.nextBoolean() ? 1 : 9999;
    long duration = duration();
    return new JobspecModel(version, cur, duration, constraints());
  }

  /**
   * {@code j} with its first slot replaced by two or three sibling slots for the flexible
   * traverser, all labelled {@code default}: or-slots (plain slots, packed into the combination
   * yielding the most) or, one time in three, {@code xor_slot} alternatives; each sibling asks for
   * the slot's children with counts moved up or down and, now and then, one child left out (as
   * version 9999: version 1 allows one slot only). A jobspec without a slot is returned as it is.
   */
  static JobspecModel orSlots(Random rnd, JobspecModel j) {
    List<Res> rs = orSlots(rnd, j.resources(), rnd.nextInt(3) == 0 ? "xor_slot" : "slot");
    return rs == null ? j : new JobspecModel(9999, rs, j.duration(), j.constraints());
  }

  private static List<Res> orSlots(Random rnd, List<Res> list, String kind) {
    for (int i = 0; i < list.size(); i++) {
      Res r = list.get(i);
      List<Res> out = new ArrayList<>(list);
      if (r.type().equals("slot")) {
        out.remove(i);
        int k = 2 + rnd.nextInt(2);
        for (int v = 0; v < k; v++) {
          out.add(i + v, new Res(kind, r.count(), r.exclusive(), variant(rnd, r.with())));
        }
        return out;
      }
      List<Res> w = orSlots(rnd, r.with(), kind);
      if (w != null) {
        out.set(i, r.withChildren(w));
        return out;
      }
    }
    return null;
  }

  private static List<Res> variant(Random rnd, List<Res> with) {
    List<Res> out = new ArrayList<>();
    for (Res c : with) {
      int n = Math.max(1, c.count().min() + rnd.nextInt(5) - 2);
      out.add(c.withCount(Count.of(n)));
    }
    if (out.size() > 1 && rnd.nextInt(3) == 0) {
      out.remove(rnd.nextInt(out.size()));
    }
    return out;
  }

  private String excl(int level) {
    int r = rnd.nextInt(12);
    return r == 0 ? "true" : r == 1 && level > 0 ? "false" : "";
  }

  private Count slotCount() {
    int n = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(6) : 1;
    return maybeRange(n, 8);
  }

  /** A count of {@code type} under one {@code parent} (null: across the whole graph). */
  private Count count(String parent, String type, boolean leaf) {
    int avail =
        parent == null
            ? Math.max(1, shape.total.getOrDefault(type, 1) / (leaf ? 4 : 2))
            : Math.max(1, shape.fanout(parent, type));
    long unit = shape.size.getOrDefault(type, 1L);
    long cap = avail * unit;
    int n;
    int r = rnd.nextInt(10);
    if (r < 5) {
      n = 1;
    } else if (r < 9) {
      n = 1 + rnd.nextInt((int) Math.min(cap, 64));
    } else {
      n = (int) Math.min(cap + 1 + rnd.nextInt(3), 200);
    }
    return maybeRange(n, (int) Math.min(cap * 2, 256));
  }

  private Count maybeRange(int n, int hi) {
    int r = rnd.nextInt(12);
    if (r == 0) {
      return new Count(n, 0, "", 0, true);
    }
    if (r == 1) {
      return new Count(n, n + rnd.nextInt(Math.max(1, hi - n + 1)), "+", 1 + rnd.nextInt(2), true);
    }
    if (r == 2) {
      return new Count(n, n * (1 + rnd.nextInt(4)), "*", 2, true);
    }
    if (r == 3 && n >= 2) {
      return new Count(n, n * n, "^", 2, true);
    }
    return Count.of(n);
  }

  private long duration() {
    int r = rnd.nextInt(10);
    if (r < 2) {
      return -1;
    }
    if (r == 2) {
      return 0;
    }
    long[] common = {60, 100, 600, 3600, 7200};
    return r < 6 ? common[rnd.nextInt(common.length)] : 1 + rnd.nextInt(10000);
  }

  private String constraints() {
    int r = rnd.nextInt(20);
    if (r == 0) {
      String p = PROPERTIES.get(rnd.nextInt(PROPERTIES.size()));
      return "{properties: [\"" + (rnd.nextInt(4) == 0 ? "^" : "") + p + "\"]}";
    }
    if (r == 1 && !shape.nodeNames.isEmpty()) {
      String a = shape.nodeNames.get(rnd.nextInt(shape.nodeNames.size()));
      String b = shape.nodeNames.get(rnd.nextInt(shape.nodeNames.size()));
      return "{hostlist: [\"" + a + "\", \"" + b + "\"]}";
    }
    if (r == 2 && !shape.ranks.isEmpty()) {
      int hi = shape.ranks.last();
      int a = rnd.nextInt(hi + 1);
      int b = a + rnd.nextInt(hi - a + 1);
      return "{ranks: [\"" + a + (b > a ? "-" + b : "") + "\"]}";
    }
    return "";
  }
}
