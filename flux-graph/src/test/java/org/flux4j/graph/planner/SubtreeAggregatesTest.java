package org.flux4j.graph.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flux4j.fixtures.ClusterBuilder;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.internal.PruneFilters;
import org.junit.jupiter.api.Test;

class SubtreeAggregatesTest {
  private static final long H = 20;

  /**
   * cluster -> racks -> nodes -> sockets -> cores (and, with extras, a gpu per socket and a 16-unit
   * memory pool per node).
   */
  static ResourceGraph cluster(int racks, int nodes, int sockets, int cores, boolean extras) {
    ClusterBuilder c = ClusterBuilder.nodes(nodes).racks(racks).sockets(sockets).cores(cores);
    return (extras ? c.gpus(1).nodeMemory(16, "GB") : c).build();
  }

  @Test
  void build_default_totalsCountDescendantsOnly() {
    ResourceGraph g = cluster(2, 2, 2, 3, true);
    SubtreeAggregates a = SubtreeAggregates.build(g, PruneFilters.DEFAULT, 0, H);
    int root = g.roots()[0];
    // untracked leaf types (gpu, memory) are registered at cluster vertices
    assertThat(a.plannerOrNull(root).types()).containsExactly("gpu", "memory", "core", "node");
    assertThat(a.total(root, "core")).isEqualTo(24);
    assertThat(a.total(root, "node")).isEqualTo(4);
    assertThat(a.total(root, "gpu")).isEqualTo(8);
    assertThat(a.total(root, "memory")).isEqualTo(64);
    int rack = g.vertexByPath("/cluster0/rack0").getAsInt();
    assertThat(a.plannerOrNull(rack).types()).containsExactly("core", "node");
    assertThat(a.total(rack, "node")).isEqualTo(2);
    int node = g.vertexByPath("/cluster0/rack0/node0").getAsInt();
    assertThat(a.plannerOrNull(node).types()).containsExactly("core");
    assertThat(a.total(node, "core")).isEqualTo(6);
    int socket = g.vertexByPath("/cluster0/rack0/node0/socket0").getAsInt();
    assertThat(a.plannerOrNull(socket).types()).containsExactly("core", "node");
    assertThat(a.total(socket, "node")).isZero();
    int core = g.vertexByPath("/cluster0/rack0/node0/socket0/core0").getAsInt();
    assertThat(a.hasPlanner(core)).isFalse();
    assertThat(a.plannerCount()).isEqualTo(1 + 2 + 4 + 8);
    assertThat(a.types()).containsExactly("core", "node", "gpu", "memory");
  }

  @Test
  void build_anchoredFilter_onlyAnchorsGetPlanners() {
    ResourceGraph g = cluster(2, 2, 2, 3, false);
    SubtreeAggregates a = SubtreeAggregates.build(g, PruneFilters.parse("rack:node"), 0, H);
    int rack = g.vertexByPath("/cluster0/rack1").getAsInt();
    assertThat(a.total(rack, "node")).isEqualTo(2);
    // core is a leaf type tracked nowhere: the cluster picks it up
    assertThat(a.plannerOrNull(g.roots()[0]).types()).containsExactly("core");
    assertThat(a.total(g.roots()[0], "core")).isEqualTo(24);
    assertThat(a.plannerCount()).isEqualTo(3);
  }

  @Test
  void fitsAndSpans_followTheSubtree() {
    ResourceGraph g = cluster(1, 2, 1, 4, false);
    SubtreeAggregates a = SubtreeAggregates.build(g, PruneFilters.DEFAULT, 0, H);
    int node = g.vertexByPath("/cluster0/rack0/node0").getAsInt();
    long[] four = new long[a.types().size()];
    four[a.typeIndex("core")] = 4;
    assertThat(a.fits(node, 0, 10, four)).isTrue();
    long id = a.addSpan(node, 0, 10, four);
    assertThat(a.fits(node, 5, 1, new long[] {1})).isFalse();
    assertThat(a.fits(node, 10, 1, new long[] {4})).isTrue();
    long[] two = new long[] {2};
    assertThat(a.reduceSpan(node, id, two)).isFalse();
    assertThat(a.availableDuring(node, "core", 0, 10)).isEqualTo(2);
    assertThat(a.reduceSpan(node, id, two)).isTrue();
    assertThatThrownBy(() -> a.removeSpan(node, id)).hasMessageContaining("no span");
    int core = g.vertexByPath("/cluster0/rack0/node0/socket0/core0").getAsInt();
    assertThat(a.fits(core, 0, 1, four)).isTrue();
    assertThat(a.addSpan(core, 0, 1, four)).isEqualTo(SubtreeAggregates.NONE);
  }

  @Test
  void copy_isIndependentAndPlannerVectorFollowsPlannerOrder() {
    ResourceGraph g = cluster(1, 2, 1, 4, true);
    SubtreeAggregates a = SubtreeAggregates.build(g, PruneFilters.DEFAULT, 0, H);
    int root = g.roots()[0];
    long[] req = new long[a.types().size()];
    req[a.typeIndex("core")] = 3;
    req[a.typeIndex("gpu")] = 1;
    // root planner order: gpu, memory, core, node
    assertThat(a.plannerVector(root, req)).containsExactly(1, 0, 3, 0);
    SubtreeAggregates c = a.copy();
    c.addSpan(root, 0, 10, req);
    assertThat(c.availableDuring(root, "core", 0, 10)).isEqualTo(5);
    assertThat(a.availableDuring(root, "core", 0, 10)).isEqualTo(8);
    PlannerMulti rootPlan = c.plannerOrNull(root);
    assertThat(rootPlan.availTimeFirst(0, 5, c.plannerVector(root, new long[] {8, 0, 0, 0})))
        .isEqualTo(10);
    long[] byType = new long[c.types().size()];
    assertThat(c.availableDuring(root, 0, 10, byType)).isTrue();
    assertThat(byType[c.typeIndex("core")]).isEqualTo(5);
    assertThat(byType[c.typeIndex("gpu")]).isEqualTo(1);
    int core = g.vertexByPath("/cluster0/rack0/node0/socket0/core0").getAsInt();
    assertThat(c.availableDuring(core, 0, 10, byType)).isFalse();
    long[] at = new long[rootPlan.size()];
    rootPlan.availableAt(0, at);
    assertThat(at).containsExactly(1, 32, 5, 2);
  }

  private static String snapshot(ResourceGraph g, SubtreeAggregates a) {
    StringBuilder sb = new StringBuilder();
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (a.hasPlanner(v)) {
        for (String t : a.types()) {
          if (a.total(v, t) >= 0) {
            for (long x = 0; x < H; x++) {
              sb.append(a.availableDuring(v, t, x, 1)).append(',');
            }
          }
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  @Test
  void copy_isCopyOnWriteInBothDirections() {
    ResourceGraph g = cluster(2, 2, 2, 2, false);
    SubtreeAggregates a = SubtreeAggregates.build(g, PruneFilters.DEFAULT, 0, H);
    int root = g.roots()[0];
    int node = g.vertexByPath("/cluster0/rack1/node3").getAsInt();
    long[] two = {2, 0};
    long before = a.addSpan(root, 0, 5, two);
    SubtreeAggregates c = a.copy();
    String snapA = snapshot(g, a);
    String snapC = snapshot(g, c);
    assertThat(snapC).isEqualTo(snapA);
    c.addSpan(root, 5, 5, two);
    c.addSpan(node, 0, 5, two);
    c.removeSpan(root, before);
    assertThat(snapshot(g, a)).isEqualTo(snapA);
    String changedC = snapshot(g, c);
    a.reduceSpan(root, before, new long[] {1, 0});
    a.addSpan(node, 10, 5, two);
    a.plannerOrNull(root).addSpan(15, 1, new long[] {1, 0});
    assertThat(snapshot(g, c)).isEqualTo(changedC);
    assertThat(a.availableDuring(root, "core", 0, 5)).isEqualTo(15);
    assertThat(c.availableDuring(root, "core", 0, 5)).isEqualTo(16);
    assertThat(c.availableDuring(root, "core", 5, 5)).isEqualTo(14);
    SubtreeAggregates cc = c.copy();
    cc.addSpan(node, 10, 5, two);
    assertThat(snapshot(g, c)).isEqualTo(changedC);
    a.checkConsistency(g);
    c.checkConsistency(g);
    cc.checkConsistency(g);
  }

  @Test
  void reprime_afterShrink_updatesTotalsAndKeepsSpans() {
    ResourceGraph g = cluster(1, 2, 1, 4, false);
    SubtreeAggregates a = SubtreeAggregates.build(g, PruneFilters.DEFAULT, 0, H);
    int root = g.roots()[0];
    long[] req = new long[] {2, 1};
    long id = a.addSpan(root, 0, 5, req);
    g.remove(g.vertexByPath("/cluster0/rack0/node1").getAsInt());
    a.reprime(g);
    assertThat(a.total(root, "core")).isEqualTo(4);
    assertThat(a.total(root, "node")).isEqualTo(1);
    assertThat(a.availableDuring(root, "core", 0, 5)).isEqualTo(2);
    a.checkConsistency(g);
    a.removeSpan(root, id);
    assertThat(a.availableDuring(root, "core", 0, 5)).isEqualTo(4);
  }

  @Test
  void checkConsistency_detectsOverbookingAndWrongTotals() {
    ResourceGraph g = cluster(1, 2, 1, 4, false);
    SubtreeAggregates a = SubtreeAggregates.build(g, PruneFilters.DEFAULT, 0, H);
    int root = g.roots()[0];
    a.checkConsistency(g);
    a.plannerOrNull(root).planner(0).updateTotal(9);
    assertThatThrownBy(() -> a.checkConsistency(g))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/cluster0 tracks 9 core but its subtree holds 8");
  }

  // ---------------------------------------------------------------- differential with recount

  private static final class Job {
    final long start;
    final long duration;
    final Map<Integer, long[]> amounts = new HashMap<>(); // vertex -> per aggregate type
    final Map<Integer, Long> spans = new HashMap<>();
    final List<Integer> held = new ArrayList<>(); // allocated vertices (cores, nodes)

    Job(long start, long duration) {
      this.start = start;
      this.duration = duration;
    }
  }

  @Test
  void randomJobs_matchFullRecount() {
    for (long seed = 1; seed <= 60; seed++) {
      try {
        runRandom(seed);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  private static void runRandom(long seed) {
    Random r = new Random(seed);
    ResourceGraph g =
        cluster(
            1 + r.nextInt(2),
            1 + r.nextInt(3),
            1 + r.nextInt(2),
            1 + r.nextInt(3),
            r.nextBoolean());
    PruneFilters f =
        r.nextBoolean()
            ? PruneFilters.DEFAULT
            : PruneFilters.parse(r.nextBoolean() ? "rack:node,node:core" : "ALL:core,socket:node");
    SubtreeAggregates a = SubtreeAggregates.build(g, f, 0, H);
    int nt = a.types().size();
    List<Integer> allocatable = new ArrayList<>();
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (a.typeIndex(g.type(v)) >= 0) {
        allocatable.add(v);
      }
    }
    checkTotals(g, a);
    List<Job> jobs = new ArrayList<>();
    for (int op = 0; op < 80; op++) {
      int kind = r.nextInt(10);
      if (kind < 5 || jobs.isEmpty()) {
        long s = r.nextInt((int) H);
        long d = 1L + r.nextInt((int) (H - s));
        Job j = new Job(s, d);
        int k = 1 + r.nextInt(4);
        for (int i = 0; i < k; i++) {
          int v = allocatable.get(r.nextInt(allocatable.size()));
          if (!j.held.contains(v)) {
            j.held.add(v);
          }
        }
        amounts(g, a, j, nt);
        boolean expectFit = true;
        for (var e : j.amounts.entrySet()) {
          boolean oracle = oracleFits(g, a, jobs, e.getKey(), s, d, e.getValue());
          assertThat(a.fits(e.getKey(), s, d, e.getValue()))
              .as("op %d fits at %s", op, g.path(e.getKey()))
              .isEqualTo(oracle);
          expectFit &= oracle;
        }
        if (expectFit) {
          for (var e : j.amounts.entrySet()) {
            j.spans.put(e.getKey(), a.addSpan(e.getKey(), s, d, e.getValue()));
          }
          jobs.add(j);
        }
      } else if (kind < 7) {
        Job j = jobs.remove(r.nextInt(jobs.size()));
        for (var e : j.spans.entrySet()) {
          a.removeSpan(e.getKey(), e.getValue());
        }
      } else {
        // partial cancel: release some of the held vertices
        Job j = jobs.get(r.nextInt(jobs.size()));
        List<Integer> release = new ArrayList<>();
        for (int v : j.held) {
          if (r.nextBoolean()) {
            release.add(v);
          }
        }
        Map<Integer, long[]> before = new HashMap<>(j.amounts);
        j.held.removeAll(release);
        amounts(g, a, j, nt);
        for (var e : before.entrySet()) {
          int v = e.getKey();
          if (!j.spans.containsKey(v)) {
            continue;
          }
          long[] rel = new long[nt];
          for (int i = 0; i < nt; i++) {
            rel[i] = e.getValue()[i] - j.amounts.get(v)[i];
          }
          if (a.reduceSpan(v, j.spans.get(v), rel)) {
            j.spans.remove(v);
          }
        }
        if (j.spans.isEmpty()) {
          jobs.remove(j);
        }
      }
      checkAvailability(g, a, jobs);
      a.checkConsistency(g);
    }
  }

  /** Per planner vertex: the held units of each aggregate type among its descendants. */
  private static void amounts(ResourceGraph g, SubtreeAggregates a, Job j, int nt) {
    j.amounts.clear();
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (a.hasPlanner(v)) {
        j.amounts.put(v, new long[nt]);
      }
    }
    for (int h : j.held) {
      int k = a.typeIndex(g.type(h));
      for (int p = g.parent(h); p >= 0; p = g.parent(p)) {
        if (j.amounts.containsKey(p)) {
          j.amounts.get(p)[k] += g.size(h);
        }
      }
    }
  }

  private static long recount(ResourceGraph g, int v, String type) {
    long n = 0;
    for (int u = 0; u < g.vertexLimit(); u++) {
      if (g.isLive(u) && u != v && g.type(u).equals(type)) {
        for (int p = g.parent(u); p >= 0; p = g.parent(p)) {
          if (p == v) {
            n += g.size(u);
            break;
          }
        }
      }
    }
    return n;
  }

  private static void checkTotals(ResourceGraph g, SubtreeAggregates a) {
    for (int v = 0; v < g.vertexLimit(); v++) {
      PlannerMulti p = a.plannerOrNull(v);
      if (p != null) {
        for (int i = 0; i < p.size(); i++) {
          assertThat(p.total(i))
              .as("total of %s at %s", p.type(i), g.path(v))
              .isEqualTo(recount(g, v, p.type(i)));
        }
      }
    }
  }

  private static long used(List<Job> jobs, int v, int k, long t) {
    long n = 0;
    for (Job j : jobs) {
      if (j.spans.containsKey(v) && t >= j.start && t < j.start + j.duration) {
        n += j.amounts.get(v)[k];
      }
    }
    return n;
  }

  private static boolean oracleFits(
      ResourceGraph g, SubtreeAggregates a, List<Job> jobs, int v, long s, long d, long[] req) {
    PlannerMulti p = a.plannerOrNull(v);
    for (int i = 0; i < p.size(); i++) {
      int k = a.typeIndex(p.type(i));
      for (long t = s; t < s + d; t++) {
        if (recount(g, v, p.type(i)) - used(jobs, v, k, t) < req[k]) {
          return false;
        }
      }
    }
    return true;
  }

  private static void checkAvailability(ResourceGraph g, SubtreeAggregates a, List<Job> jobs) {
    for (int v = 0; v < g.vertexLimit(); v++) {
      PlannerMulti p = a.plannerOrNull(v);
      if (p == null) {
        continue;
      }
      for (int i = 0; i < p.size(); i++) {
        int k = a.typeIndex(p.type(i));
        long total = recount(g, v, p.type(i));
        for (long t = 0; t < H; t++) {
          long avail = p.availableAt(t, i);
          assertThat(avail)
              .as("%s free at %s t=%d", p.type(i), g.path(v), t)
              .isEqualTo(total - used(jobs, v, k, t))
              .isNotNegative();
        }
      }
    }
  }
}
