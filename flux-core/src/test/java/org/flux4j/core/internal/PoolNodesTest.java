package org.flux4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.flux4j.core.Allocation;
import org.flux4j.core.JobRequest;
import org.flux4j.core.sim.TraceReplay;

/**
 * {@link PoolNodes} against a model of free cores per node: over random allocations (slots of one
 * or two cores anywhere, whole nodes), frees, drains and downs, every allocation is the model's
 * first fit (the same nodes in order, as many slots on each), no core is handed out twice, nothing
 * lands on a drained or down node, a refused request changes nothing and the free total is always
 * the cores no live allocation holds.
 */
class PoolNodesTest {
  private static final int NODES = 6;
  private static final int CORES = 4;

  /** The model's first fit: {node, slots} pairs, or null if the request does not fit now. */
  private static List<int[]> firstFit(JobRequest r, int[] free, boolean[] up) {
    List<int[]> out = new ArrayList<>();
    int c = r.coresPerSlot();
    if (r.nodes() == 0) {
      int remaining = r.slots();
      for (int i = 0; i < NODES && remaining > 0; i++) {
        int k = up[i] ? Math.min(remaining, free[i] / c) : 0;
        if (k > 0) {
          out.add(new int[] {i, k});
          remaining -= k;
        }
      }
      return remaining > 0 ? null : out;
    }
    for (int i = 0; i < NODES && out.size() < r.nodes(); i++) {
      if (up[i] && free[i] == CORES) {
        out.add(new int[] {i, r.slots() / r.nodes()});
      }
    }
    return out.size() < r.nodes() ? null : out;
  }

  @Property(tries = 200)
  void allocatesAsTheModelsFirstFit(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    PoolNodes nodes = new PoolNodes(TraceReplay.machine(NODES, CORES));
    int[] free = new int[NODES];
    java.util.Arrays.fill(free, CORES);
    boolean[] drained = new boolean[NODES];
    boolean[] down = new boolean[NODES];
    List<Allocation> live = new ArrayList<>();
    List<int[]> liveTaken = new ArrayList<>(); // per live allocation: cores taken per node
    for (int step = 0; step < 200; step++) {
      int op = r.nextInt(10);
      if (op < 5) {
        JobRequest req =
            r.nextInt(4) == 0
                ? JobRequest.builder().nodes(1 + r.nextInt(2)).tasks(2).build()
                : JobRequest.builder()
                    .tasks(1 + r.nextInt(8))
                    .coresPerTask(1 + r.nextInt(2))
                    .build();
        boolean[] up = new boolean[NODES];
        for (int i = 0; i < NODES; i++) {
          up[i] = !drained[i] && !down[i];
        }
        List<int[]> want = firstFit(req, free, up);
        int before = nodes.freeCores();
        Allocation a = nodes.allocate(req);
        if (want == null) {
          assertThat(a).as("step %d: %s does not fit", step, req).isNull();
          assertThat(nodes.freeCores()).isEqualTo(before);
          continue;
        }
        assertThat(a).as("step %d: %s fits", step, req).isNotNull();
        List<int[]> got = new ArrayList<>();
        int[] taken = new int[NODES];
        for (Allocation.Slot s : a.slots()) {
          if (got.isEmpty() || got.get(got.size() - 1)[0] != s.rank()) {
            got.add(new int[] {s.rank(), 0});
          }
          got.get(got.size() - 1)[1]++;
          taken[s.rank()] += s.cores().length;
          assertThat(s.cores()).hasSize(req.coresPerSlot());
        }
        assertThat(got)
            .as("step %d: nodes and slots of %s", step, req)
            .containsExactlyElementsOf(want);
        if (req.nodes() > 0) {
          for (int[] w : want) {
            taken[w[0]] = CORES; // the whole node is held
          }
        }
        for (int i = 0; i < NODES; i++) {
          free[i] -= taken[i];
        }
        live.add(a);
        liveTaken.add(taken);
      } else if (op < 8 && !live.isEmpty()) {
        int k = r.nextInt(live.size());
        nodes.free(live.remove(k));
        int[] taken = liveTaken.remove(k);
        for (int i = 0; i < NODES; i++) {
          free[i] += taken[i];
        }
      } else if (op == 8) {
        int i = r.nextInt(NODES);
        drained[i] = !drained[i];
        nodes.setDrained(i, drained[i]);
      } else {
        int i = r.nextInt(NODES);
        down[i] = !down[i];
        nodes.setDown(i, down[i]);
      }
      int notUp = 0;
      int freeTotal = 0;
      for (int i = 0; i < NODES; i++) {
        notUp += drained[i] || down[i] ? 1 : 0;
        freeTotal += free[i];
      }
      assertThat(nodes.notUp()).isEqualTo(notUp);
      assertThat(nodes.freeCores()).as("step %d: free cores", step).isEqualTo(freeTotal);
      Set<String> cores = new HashSet<>();
      for (Allocation a : live) {
        for (Allocation.Slot s : a.slots()) {
          for (int c : s.cores()) {
            assertThat(cores.add(s.rank() + ":" + c))
                .as("core %d of rank %d twice", c, s.rank())
                .isTrue();
          }
        }
      }
    }
  }

  @Example
  void unsatisfiable_andUnknownRanks() {
    PoolNodes nodes = new PoolNodes(TraceReplay.machine(2, 4));
    assertThat(nodes.totalCores()).isEqualTo(8);
    assertThat(nodes.singleCoreNodes()).isFalse();
    assertThat(nodes.unsatisfiable(JobRequest.builder().tasks(8).build())).isNull();
    assertThat(nodes.unsatisfiable(JobRequest.builder().tasks(3).coresPerTask(3).build()))
        .contains("at most 2");
    assertThat(nodes.unsatisfiable(JobRequest.builder().nodes(3).tasks(3).build()))
        .contains("the resources have 2");
    assertThat(nodes.hasRank(1)).isTrue();
    assertThat(nodes.hasRank(2)).isFalse();
    assertThatThrownBy(() -> nodes.setDrained(7, true)).hasMessageContaining("rank 7");
    assertThat(nodes.notUp()).isZero();
    assertThat(new PoolNodes(TraceReplay.machine(3, 1)).singleCoreNodes()).isTrue();
  }
}
