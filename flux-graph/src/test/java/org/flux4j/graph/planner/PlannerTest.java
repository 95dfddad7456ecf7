package org.flux4j.graph.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlannerTest {

  // ---------------------------------------------------------------- hand-checked cases

  @Test
  void create_badArguments_areRejected() {
    assertThatThrownBy(() -> Planner.create(0, 0, 4, "core"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("horizon 0");
    assertThatThrownBy(() -> Planner.create(0, 10, -1, "core"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("total -1");
  }

  @Test
  void addSpan_reducesAvailabilityOverItsWindowOnly() {
    Planner p = Planner.create(0, 100, 10, "core");
    long id = p.addSpan(10, 20, 4);
    assertThat(id).isEqualTo(1);
    assertThat(p.availableAt(9)).isEqualTo(10);
    assertThat(p.availableAt(10)).isEqualTo(6);
    assertThat(p.availableAt(29)).isEqualTo(6);
    assertThat(p.availableAt(30)).isEqualTo(10);
    assertThat(p.availableDuring(0, 11)).isEqualTo(6);
    assertThat(p.availableDuring(0, 10)).isEqualTo(10);
    assertThat(p.spanStart(id)).isEqualTo(10);
    assertThat(p.spanDuration(id)).isEqualTo(20);
    assertThat(p.spanAmount(id)).isEqualTo(4);
    assertThat(p.pointCount()).isEqualTo(3);
  }

  @Test
  void removeSpan_lastSpan_restoresPristineState() {
    Planner p = Planner.create(0, 100, 10, "core");
    long id = p.addSpan(0, 100, 10);
    p.removeSpan(id);
    assertThat(p.pointCount()).isEqualTo(1);
    assertThat(p.spanCount()).isZero();
    assertThat(p.availableDuring(0, 100)).isEqualTo(10);
    assertThatThrownBy(() -> p.removeSpan(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no span 1");
  }

  @Test
  void addSpan_busyOrOutsideHorizon_isRejectedAndChangesNothing() {
    Planner p = Planner.create(0, 100, 10, "core");
    p.addSpan(0, 50, 8);
    String before = p.toString();
    assertThatThrownBy(() -> p.addSpan(10, 10, 3)).hasMessageContaining("not free");
    assertThatThrownBy(() -> p.addSpan(90, 11, 1)).hasMessageContaining("outside");
    assertThatThrownBy(() -> p.addSpan(0, 0, 1)).hasMessageContaining("duration 0");
    assertThatThrownBy(() -> p.addSpan(60, 5, 11)).hasMessageContaining("exceeds the total");
    assertThatThrownBy(() -> p.addSpan(60, 5, -1)).hasMessageContaining("negative");
    assertThat(p.toString()).isEqualTo(before);
    assertThat(p.addSpan(90, 10, 10)).isEqualTo(2);
  }

  @Test
  void availTimeFirst_findsScheduledPointsOnly() {
    Planner p = Planner.create(0, 100, 10, "core");
    p.addSpan(0, 50, 5);
    // free from 0 for 3 units, but 25 is not a scheduled point: the answer is 50
    assertThat(p.availTimeFirst(0, 10, 3)).isEqualTo(0);
    assertThat(p.availTimeFirst(25, 10, 3)).isEqualTo(50);
    assertThat(p.availTimeFirst(0, 10, 6)).isEqualTo(50);
    assertThat(p.availTimeNext()).isEqualTo(Planner.NONE);
    assertThat(p.availTimeFirst(0, 51, 6)).isEqualTo(Planner.NONE);
    assertThat(p.availTimeFirst(0, 50, 6)).isEqualTo(50);
  }

  @Test
  void availTimeFirst_requestsOfZeroTotalAndAbove() {
    Planner p = Planner.create(0, 100, 10, "core");
    p.addSpan(20, 10, 10);
    assertThat(p.availTimeFirst(0, 100, 0)).isEqualTo(0);
    assertThat(p.availTimeFirst(0, 20, 10)).isEqualTo(0);
    assertThat(p.availTimeNext()).isEqualTo(30);
    assertThat(p.availTimeNext()).isEqualTo(Planner.NONE);
    assertThat(p.availTimeFirst(0, 1, 11)).isEqualTo(Planner.NONE);
    assertThat(p.availTimeFirst(100, 1, 1)).isEqualTo(Planner.NONE);
    assertThatThrownBy(() -> p.availTimeFirst(0, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void availTimeNext_afterAddSpan_isNone() {
    Planner p = Planner.create(0, 100, 10, "core");
    p.addSpan(20, 10, 10);
    assertThat(p.availTimeFirst(0, 5, 1)).isEqualTo(0);
    p.addSpan(60, 10, 1);
    assertThat(p.availTimeNext()).isEqualTo(Planner.NONE);
  }

  @Test
  void reduceSpan_partialThenRest() {
    Planner p = Planner.create(0, 100, 10, "core");
    long id = p.addSpan(0, 10, 6);
    assertThat(p.reduceSpan(id, 2)).isFalse();
    assertThat(p.availableAt(0)).isEqualTo(6);
    assertThat(p.reduceSpan(id, 0)).isFalse();
    assertThatThrownBy(() -> p.reduceSpan(id, 5)).hasMessageContaining("cannot release 5");
    assertThat(p.reduceSpan(id, 4)).isTrue();
    assertThat(p.hasSpan(id)).isFalse();
    long zero = p.addSpan(0, 10, 0);
    assertThat(p.reduceSpan(zero, 0)).isTrue();
  }

  @Test
  void updateTotal_keepsStaleIndexLikeFluxion() {
    Planner p = Planner.create(0, 100, 10, "core");
    p.addSpan(0, 50, 10);
    p.updateTotal(20);
    assertThat(p.availableAt(0)).isEqualTo(10);
    // the min-time index still sees 0 free at time 0, so 50 comes first
    assertThat(p.availTimeFirst(0, 10, 5)).isEqualTo(50);
    // time 0 was never visited (its key is below the request), so it stays stale
    assertThat(p.availTimeFirst(0, 10, 5)).isEqualTo(50);
    // a span operation covering time 0 re-indexes it
    p.reduceSpan(1, 1);
    assertThat(p.availTimeFirst(0, 10, 5)).isZero();
  }

  @Test
  void snapshot_keepsTheStaleIndex_whereCopyReindexes() {
    Planner p = Planner.create(0, 100, 10, "core");
    p.addSpan(0, 50, 10);
    p.updateTotal(20);
    Planner snapshot = p.snapshot();
    Planner copy = p.copy();
    // the snapshot goes on as the original (time 0 still indexed as full), the copy re-indexed
    assertThat(snapshot.availTimeFirst(0, 10, 5))
        .isEqualTo(p.availTimeFirst(0, 10, 5))
        .isEqualTo(50);
    assertThat(copy.availTimeFirst(0, 10, 5)).isZero();
    // and they stay independent
    snapshot.reduceSpan(1, 1);
    assertThat(snapshot.availTimeFirst(0, 10, 5)).isZero();
    assertThat(p.availTimeFirst(0, 10, 5)).isEqualTo(50);
  }

  @Test
  void updateTotal_shrinkClampsAtZero() {
    Planner p = Planner.create(0, 100, 10, "core");
    long id = p.addSpan(0, 50, 8);
    p.updateTotal(5);
    assertThat(p.availableAt(0)).isZero();
    assertThat(p.availableAt(50)).isEqualTo(5);
    p.removeSpan(id);
    assertThat(p.availableAt(0)).isEqualTo(8);
  }

  @Test
  void copy_isIndependent() {
    Planner p = Planner.create(0, 100, 10, "core");
    p.addSpan(0, 10, 3);
    Planner c = p.copy();
    c.addSpan(0, 10, 7);
    assertThat(p.availableAt(0)).isEqualTo(7);
    assertThat(c.availableAt(0)).isZero();
    assertThat(c.addSpan(50, 1, 1)).isEqualTo(3);
    assertThat(p.addSpan(50, 1, 1)).isEqualTo(2);
  }

  // ---------------------------------------------------------------- flux-sched planner_test01
  // facts

  @Test
  void fluxionBasicAddRemove_findsPointsInOrder() {
    Planner p = Planner.create(0, 10, 1, "B");
    assertThat(p.availTimeFirst(0, 5, 1)).isZero();
    p.addSpan(0, 5, 1);
    assertThat(p.availTimeFirst(0, 2, 1)).isEqualTo(5);
    long span2 = p.addSpan(5, 2, 1);
    assertThat(p.availTimeFirst(0, 2, 1)).isEqualTo(7);
    long span3 = p.addSpan(7, 2, 1);
    assertThat(p.availTimeFirst(0, 2, 1)).isEqualTo(Planner.NONE);
    assertThat(p.availTimeFirst(0, 1, 1)).isEqualTo(9);
    p.addSpan(9, 1, 1);
    assertThat(p.spanStart(span2)).isEqualTo(5);
    p.removeSpan(span2);
    p.removeSpan(span3);
    assertThat(p.availTimeFirst(0, 5, 1)).isEqualTo(Planner.NONE);
    assertThat(p.availTimeFirst(0, 4, 1)).isEqualTo(5);
    p.addSpan(5, 4, 1);
  }

  @Test
  void fluxionAddAndIterator_addSpanResetsIteration() {
    Planner p = Planner.create(0, 10, 10, "C");
    assertThat(p.availTimeFirst(0, 4, 3)).isZero();
    assertThat(p.availTimeNext()).isEqualTo(Planner.NONE);
    p.addSpan(0, 4, 3);
    assertThat(p.availTimeFirst(0, 4, 3)).isZero();
    assertThat(p.availTimeNext()).isEqualTo(4);
    assertThat(p.availTimeNext()).isEqualTo(Planner.NONE);
  }

  @Test
  void fluxionOnOrAfter_onlyScheduledPointsAreCandidates() {
    Planner p = Planner.create(0, Long.MAX_VALUE, 3, "A");
    assertThat(p.availTimeFirst(100000, 100, 2)).isEqualTo(Planner.NONE);
    assertThat(p.availDuring(100000, 100, 2)).isTrue();
    p.addSpan(100000, 100, 2);
    assertThat(p.availTimeFirst(100000, 200, 2)).isEqualTo(100100);
    p.addSpan(100100, 200, 2);
    assertThat(p.availTimeFirst(100000, 200, 1)).isEqualTo(100000);
    assertThat(p.availTimeNext()).isEqualTo(100100);
    assertThat(p.availTimeNext()).isEqualTo(100300);
    assertThat(p.availTimeFirst(0, 200, 1)).isZero();
    assertThat(p.availTimeNext()).isEqualTo(100000);
  }

  @Test
  void fluxionUpdate_shrinkAndRegrowRestoresState() {
    Planner p = Planner.create(0, Long.MAX_VALUE, 100000, "core");
    p.addSpan(0, 600, 36);
    p.addSpan(0, 57600, 3600);
    p.addSpan(57600, 57600, 1800);
    p.addSpan(172800, 57600, 2304);
    p.addSpan(115200, 900, 468);
    Planner before = p.copy();
    p.updateTotal(50000);
    assertThat(p.availableAt(0)).isEqualTo(before.availableAt(0) - 50000);
    p.updateTotal(100000);
    assertThat(p.toString()).isEqualTo(before.toString());
    p.updateTotal(40000);
    assertThatThrownBy(() -> p.addSpan(1152000, 57600, 50000))
        .isInstanceOf(IllegalArgumentException.class);
    long span = p.addSpan(1152000, 57600, 40000);
    p.removeSpan(span);
  }

  @Test
  void fluxionPartialCancel_releasesUnitsThenRemoves() {
    Planner p = Planner.create(0, Long.MAX_VALUE, 100, "core");
    long span1 = p.addSpan(0, 600, 25);
    long span2 = p.addSpan(0, 1200, 75);
    assertThat(p.reduceSpan(span1, 15)).isFalse();
    assertThat(p.availableAt(0)).isEqualTo(15);
    assertThat(p.reduceSpan(span1, 10)).isTrue();
    assertThat(p.availableAt(0)).isEqualTo(25);
    assertThat(p.reduceSpan(span2, 25)).isFalse();
    assertThat(p.availableAt(300)).isEqualTo(50);
    long span3 = p.addSpan(300, 300, 50);
    assertThat(p.availableAt(300)).isZero();
    p.removeSpan(span2);
    assertThat(p.reduceSpan(span3, 50)).isTrue();
    p.addSpan(300, 300, 100);
    assertThat(p.availableAt(300)).isZero();
  }

  // ---------------------------------------------------------------- differential

  @Test
  void randomSequences_matchBruteForceOracle() {
    for (long seed = 1; seed <= 1500; seed++) {
      try {
        runRandom(seed, 150, 24, 25);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  @Test
  void randomSequences_manyPoints_matchBruteForceOracle() {
    // long horizons and mostly adds: hundreds of points, so chunks split, empty and merge
    int most = 0;
    for (long seed = 1; seed <= 12; seed++) {
      try {
        most = Math.max(most, runRandom(seed, 1200, 700, 45));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
    assertThat(most).as("most points held").isGreaterThan(150);
  }

  /** Returns the most points the planner held. */
  private static int runRandom(long seed, int ops, int maxHorizon, int addPercent) {
    Random r = new Random(seed);
    long base = r.nextBoolean() ? 0 : r.nextInt(50);
    long horizon = 1L + r.nextInt(r.nextBoolean() ? Math.min(6, maxHorizon) : maxHorizon);
    long total = (long) r.nextInt(9) + (maxHorizon > 100 ? 40 : 0);
    Planner p = Planner.create(base, horizon, total, "core");
    PlannerOracle o = new PlannerOracle(base, horizon, total);
    long end = base + horizon;
    int most = 0;
    for (int op = 0; op < ops; op++) {
      most = Math.max(most, p.pointCount());
      int kind = r.nextInt(100);
      // grow for the first half, then mostly shrink (chunks empty and merge)
      boolean add = r.nextInt(100) < (op < ops / 2 ? addPercent : addPercent / 5);
      String what = "op " + op + " kind " + kind + (add ? " add" : "");
      if (add) {
        long s = base - 1 + r.nextInt((int) horizon + 3);
        long d = maxHorizon > 100 ? 1 + r.nextInt(30) : r.nextInt((int) horizon + 2);
        long n0 = r.nextInt(10) == 0 ? -1 : r.nextInt((int) Math.min(o.total, 12) + 2);
        boolean fit = r.nextBoolean() && s >= base && s < end && d >= 1 && s + d <= end;
        long n = fit ? Math.min(n0, o.availResDuring(s, d)) : n0; // often make it fit
        long expect = o.addSpan(s, d, n);
        long got = call(() -> p.addSpan(s, d, n));
        assertThat(got).as(what + " addSpan(%d,%d,%d)", s, d, n).isEqualTo(expect);
      } else if (kind < 37) {
        long id = pickSpan(r, o);
        boolean ok = o.remSpan(id);
        long got =
            call(
                () -> {
                  p.removeSpan(id);
                  return 1;
                });
        assertThat(got).as(what + " removeSpan " + id).isEqualTo(ok ? 1 : PlannerOracle.ERR);
      } else if (kind < 47) {
        long id = pickSpan(r, o);
        long[] sp = o.spans.get(id);
        long x =
            sp == null ? r.nextInt(3) : r.nextInt((int) sp[2] + 2) - (r.nextInt(8) == 0 ? 1 : 0);
        long expect = o.reduceSpan(id, x);
        long got = call(() -> p.reduceSpan(id, x) ? 1 : 0);
        assertThat(got).as(what + " reduceSpan(%d,%d)", id, x).isEqualTo(expect);
      } else if (kind < 50) {
        long nt = (long) r.nextInt(11) + (maxHorizon > 100 ? 40 : 0);
        o.updateTotal(nt);
        p.updateTotal(nt);
      } else if (kind < 60) {
        long t = base - 1 + r.nextInt((int) horizon + 3);
        assertThat(call(() -> p.availableAt(t))).as(what + " at " + t).isEqualTo(o.availAt(t));
      } else if (kind < 68) {
        long t = base - 1 + r.nextInt((int) horizon + 3);
        long d = r.nextInt((int) horizon + 2);
        assertThat(call(() -> p.availableDuring(t, d)))
            .as(what + " during(%d,%d)", t, d)
            .isEqualTo(o.availResDuring(t, d));
      } else if (kind < 76) {
        long t = base - 2 + r.nextInt((int) horizon + 4);
        long d = r.nextInt((int) horizon + 2);
        long n = r.nextInt(12) - 1L;
        assertThat(call(() -> p.availDuring(t, d, n) ? 1 : 0))
            .as(what + " availDuring(%d,%d,%d)", t, d, n)
            .isEqualTo(o.availDuring(t, d, n));
      } else if (kind < 86) {
        long t = base - 1 + r.nextInt((int) horizon + 2);
        long d = r.nextInt((int) horizon + 1);
        long n = (long) r.nextInt((int) o.total + 2) - (r.nextInt(20) == 0 ? 1 : 0);
        assertThat(call(() -> p.availTimeFirst(t, d, n)))
            .as(what + " first(%d,%d,%d)", t, d, n)
            .isEqualTo(o.first(t, d, n));
      } else if (kind < 97 || (maxHorizon > 100 && op < ops - 30)) {
        assertThat(p.availTimeNext()).as(what + " next").isEqualTo(o.next());
      } else {
        Planner pc = p.copy();
        PlannerOracle oc = new PlannerOracle(o);
        // keep using the copies, and check the originals were not disturbed by the copy
        checkState(p, o, what + " before copy");
        runTail(r, pc, oc, what);
        return most;
      }
      checkState(p, o, what);
    }
    return most;
  }

  private static void runTail(Random r, Planner p, PlannerOracle o, String what) {
    for (int i = 0; i < 20; i++) {
      if (r.nextBoolean()) {
        assertThat(p.availTimeNext()).as(what + " copy next").isEqualTo(o.next());
      } else {
        long id = pickSpan(r, o);
        boolean ok = o.remSpan(id);
        long got =
            call(
                () -> {
                  p.removeSpan(id);
                  return 1;
                });
        assertThat(got).isEqualTo(ok ? 1 : PlannerOracle.ERR);
      }
      checkState(p, o, what + " copy");
    }
  }

  private static long pickSpan(Random r, PlannerOracle o) {
    if (o.spans.isEmpty() || r.nextInt(10) == 0) {
      return r.nextInt(5) - 1L;
    }
    List<Long> ids = new ArrayList<>(o.spans.keySet());
    return ids.get(r.nextInt(ids.size()));
  }

  private static void checkState(Planner p, PlannerOracle o, String what) {
    List<Long> pts = o.points();
    assertThat(p.pointCount()).as(what + " points " + p).isEqualTo(pts.size());
    for (int i = 0; i < pts.size(); i++) {
      assertThat(p.pointTime(i)).as(what + " point " + i).isEqualTo(pts.get(i));
      assertThat(p.pointRemaining(i))
          .as(what + " remaining at " + pts.get(i))
          .isEqualTo(o.rem[(int) (pts.get(i) - o.base)]);
    }
    assertThat(p.spanIds()).containsExactly(o.spans.keySet().stream().mapToLong(x -> x).toArray());
    for (var e : o.spans.entrySet()) {
      assertThat(p.spanAmount(e.getKey())).isEqualTo(e.getValue()[2]);
      assertThat(p.spanStart(e.getKey())).isEqualTo(e.getValue()[0]);
      assertThat(p.spanDuration(e.getKey())).isEqualTo(e.getValue()[1] - e.getValue()[0]);
    }
    assertThat(p.total()).isEqualTo(o.total);
  }

  @FunctionalInterface
  interface LongCall {
    long call();
  }

  /** The call's result, or ERR if it threw IllegalArgumentException. */
  static long call(LongCall c) {
    try {
      return c.call();
    } catch (IllegalArgumentException e) {
      return PlannerOracle.ERR;
    }
  }
}
