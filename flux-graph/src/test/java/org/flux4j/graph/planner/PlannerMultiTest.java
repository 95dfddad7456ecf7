package org.flux4j.graph.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flux4j.graph.planner.PlannerTest.call;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PlannerMultiTest {

  private static PlannerMulti coreNode() {
    return PlannerMulti.create(0, 100, new long[] {8, 2}, new String[] {"core", "node"});
  }

  @Test
  void availTimeFirst_needsEveryTypeFree() {
    PlannerMulti m = coreNode();
    m.addSpan(0, 30, new long[] {1, 2}); // all nodes busy until 30, cores mostly free
    assertThat(m.availTimeFirst(0, 10, new long[] {4, 0})).isEqualTo(0);
    assertThat(m.availTimeFirst(0, 10, new long[] {4, 1})).isEqualTo(30);
    assertThat(m.availTimeNext()).isEqualTo(PlannerMulti.NONE);
    assertThat(m.availTimeFirst(0, 10, new long[] {9, 0})).isEqualTo(PlannerMulti.NONE);
    assertThat(m.availTimeFirst(0, 10, new long[] {1, 3})).isEqualTo(PlannerMulti.NONE);
  }

  /**
   * Fluxion's planner_multi_add_span refused at the second type: the first type's span stays (named
   * by no multi-span), the second type's planner uses no span id, and the multi-span id is spent.
   */
  @Test
  void addSpanUpTo_keepsTheSpansBeforeTheRefusal_andSpendsNoLaterSpanId() {
    PlannerMulti m = coreNode();
    long first = m.addSpan(0, 10, new long[] {1, 1});
    assertThat(m.addSpanUpTo(0, 10, new long[] {3, 0}, 1)).isEqualTo(-1);
    assertThat(m.planner(0).availableAt(5)).isEqualTo(4); // 8 - 1 - 3: the leaked core span holds
    assertThat(m.planner(1).availableAt(5)).isEqualTo(1);
    assertThat(m.spanCount()).isEqualTo(1);
    long next = m.addSpan(20, 10, new long[] {1, 1});
    assertThat(next).isEqualTo(first + 2); // the refused add spent a multi-span id
    // per type: cores spent ids 1, 2, 3; nodes only 1 and 2
    assertThat(m.plannerSpanId(next, 0)).isEqualTo(3);
    assertThat(m.plannerSpanId(next, 1)).isEqualTo(2);
    assertThat(m.addSpanUpTo(0, 10, new long[] {1, 1}, 2)).isGreaterThanOrEqualTo(0);
    assertThatThrownBy(() -> m.addSpanUpTo(0, 10, new long[] {1, 1}, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lastRefusals_countsFirstTypeCandidatesAnotherTypeRefused() {
    PlannerMulti m = coreNode();
    m.addSpan(0, 10, new long[] {8, 0}); // every core busy until 10
    m.addSpan(10, 20, new long[] {0, 2}); // then every node until 30
    m.addSpan(40, 10, new long[] {0, 2}); // and again over [40, 50)
    // cores fit from 10 on: 10 and 30 pass for them; nodes refuse 10, so the walk reaches 30
    assertThat(m.availTimeFirst(1, 5, new long[] {1, 1})).isEqualTo(30);
    assertThat(m.lastRefusals()).isEqualTo(1);
    // next: 40 fits cores but not nodes, 50 fits both
    assertThat(m.availTimeNext()).isEqualTo(50);
    assertThat(m.lastRefusals()).isEqualTo(1);
    assertThat(m.availTimeNext()).isEqualTo(PlannerMulti.NONE);
    assertThat(m.lastRefusals()).isZero();
    // a request of cores alone is never refused
    assertThat(m.availTimeFirst(1, 5, new long[] {1, 0})).isEqualTo(10);
    assertThat(m.lastRefusals()).isZero();
  }

  @Test
  void addSpan_failingType_changesNothing() {
    PlannerMulti m = coreNode();
    m.addSpan(0, 30, new long[] {8, 0});
    assertThatThrownBy(() -> m.addSpan(0, 10, new long[] {0, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node");
    assertThat(m.planner(0).spanCount()).isEqualTo(1);
    assertThat(m.addSpan(40, 10, new long[] {1, 1})).isEqualTo(1);
  }

  @Test
  void reduceSpan_removesZeroedTypesThenTheSpan() {
    PlannerMulti m = coreNode();
    long id = m.addSpan(0, 30, new long[] {4, 0});
    // node part holds 0 and is not named: released (removed) by the first partial cancel
    assertThat(m.reduceSpan(id, new long[] {2}, new String[] {"core"})).isFalse();
    assertThat(m.plannerSpanId(id, 1)).isEqualTo(PlannerMulti.NONE);
    assertThat(m.spanAmount(id, 0)).isEqualTo(2);
    assertThat(m.spanAmount(id, 1)).isZero();
    assertThat(m.reduceSpan(id, new long[] {2, 5}, new String[] {"core", "gpu"})).isTrue();
    assertThat(m.hasSpan(id)).isFalse();
    assertThat(m.availableAt(0, 0)).isEqualTo(8);
    assertThatThrownBy(() -> m.removeSpan(id)).hasMessageContaining("no span 0");
  }

  @Test
  void updateAsFluxion_insertedType_keepsStaleSpanIds_andCancelFailsPartway() {
    // Fluxion's planner_multi_update after a re-prime: "gpu" inserted before "node"
    PlannerMulti m = coreNode();
    long a = m.addSpan(0, 10, new long[] {1, 1});
    m.updateAsFluxion(new long[] {8, 4, 2}, new String[] {"core", "gpu", "node"});
    assertThat(m.types()).containsExactly("core", "gpu", "node");
    // the new gpu planner holds none of a; b numbers its gpu span 1 there, as a did its node span
    long b = m.addSpan(20, 10, new long[] {2, 3, 1});
    assertThat(m.planner(1).spanIds()).containsExactly(1L);
    // a's ids {1, 1} hit core's own span and then gpu's span 1, which is b's; node keeps a's span
    m.removeSpan(a);
    assertThat(m.planner(0).spanIds()).containsExactly(2L);
    assertThat(m.planner(1).spanCount()).isZero();
    assertThat(m.availableAt(25, 1)).isEqualTo(4);
    assertThat(m.planner(2).spanIds()).containsExactly(1L, 2L);
    // b's cancel removes its core span, then finds no gpu span 1 and stops: b stays
    assertThatThrownBy(() -> m.removeSpan(b)).isInstanceOf(IllegalArgumentException.class);
    assertThat(m.planner(0).spanCount()).isZero();
    assertThat(m.planner(2).spanIds()).containsExactly(1L, 2L);
    assertThat(m.spanCount()).isEqualTo(1);
  }

  @Test
  void reduceSpanAsFluxion_idsShorterThanTypes_throwsPastThemAfterTheEarlierReleases() {
    // planner_multi_reduce_span after a re-prime inserted "gpu": a's two ids for three planners
    PlannerMulti m = coreNode();
    long a = m.addSpan(0, 10, new long[] {1, 1});
    m.updateAsFluxion(new long[] {8, 4, 2}, new String[] {"core", "gpu", "node"});
    assertThat(m.spanIdCount(a)).isEqualTo(2);
    assertThat(m.size()).isEqualTo(3);
    // a type named at an index past the ids throws before anything changes
    assertThatThrownBy(() -> m.reduceSpanAsFluxion(a, new long[] {1}, new String[] {"node"}))
        .isInstanceOf(PlannerMulti.RangeCheckError.class)
        .hasMessage("vector::_M_range_check: __n (which is 2) >= this->size() (which is 2)");
    assertThat(m.planner(0).spanCount()).isEqualTo(1);
    // core's span goes, gpu has no span 1 and is passed over, the zero pass then reads index 2
    assertThatThrownBy(() -> m.reduceSpanAsFluxion(a, new long[] {1}, new String[] {"core"}))
        .isInstanceOf(PlannerMulti.RangeCheckError.class)
        .hasMessage("vector::_M_range_check: __n (which is 2) >= this->size() (which is 2)");
    assertThat(m.planner(0).spanCount()).isZero();
    assertThat(m.planner(2).spanCount()).isEqualTo(1);
    assertThat(m.hasSpan(a)).isTrue();
  }

  @Test
  void reduceSpanAsFluxion_fullIds_actsAsReduceSpan() {
    PlannerMulti m = coreNode();
    long a = m.addSpan(0, 10, new long[] {3, 1});
    assertThatThrownBy(() -> m.reduceSpanAsFluxion(a, new long[] {4}, new String[] {"core"}))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(PlannerMulti.RangeCheckError.class);
    assertThat(m.reduceSpanAsFluxion(a, new long[] {2, 5}, new String[] {"core", "rack"}))
        .isFalse();
    assertThat(m.spanAmount(a, 0)).isEqualTo(1);
    assertThat(m.spanAmount(a, 1)).isEqualTo(1);
    assertThat(m.reduceSpanAsFluxion(a, new long[] {1, 1}, new String[] {"node", "core"})).isTrue();
    assertThat(m.hasSpan(a)).isFalse();
    assertThat(m.availableAt(0, 0)).isEqualTo(8);
  }

  @Test
  void updateAsFluxion_appendedType_removesCleanly() {
    PlannerMulti m = coreNode();
    long a = m.addSpan(0, 10, new long[] {1, 1});
    m.updateAsFluxion(new long[] {8, 2, 4}, new String[] {"core", "node", "gpu"});
    long b = m.addSpan(0, 10, new long[] {1, 1, 4});
    m.removeSpan(a);
    m.removeSpan(b);
    for (int i = 0; i < 3; i++) {
      assertThat(m.planner(i).spanCount()).isZero();
    }
  }

  @Test
  void skipSpanIds_advancesEveryCounter() {
    PlannerMulti m = coreNode();
    m.skipSpanIds(3);
    assertThat(m.addSpan(0, 10, new long[] {1, 1})).isEqualTo(3);
    assertThat(m.planner(0).spanIds()).containsExactly(4L);
    assertThat(m.planner(1).spanIds()).containsExactly(4L);
    assertThatThrownBy(() -> m.skipSpanIds(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void update_addsReordersAndDropsTypes() {
    PlannerMulti m = coreNode();
    long id = m.addSpan(0, 30, new long[] {4, 1});
    m.update(new long[] {4, 16, 10}, new String[] {"gpu", "core", "memory"});
    assertThat(m.types()).containsExactly("gpu", "core", "memory");
    assertThat(m.total(1)).isEqualTo(16);
    assertThat(m.availableAt(0, 1)).isEqualTo(12);
    assertThat(m.spanAmount(id, 1)).isEqualTo(4);
    assertThat(m.spanAmount(id, 0)).isZero();
    m.removeSpan(id);
    assertThat(m.availableAt(0, 1)).isEqualTo(16);
    m.addType("node", 3);
    assertThat(m.totalByType("node")).isEqualTo(3);
    assertThat(m.totalByType("rack")).isEqualTo(-1);
  }

  // ---------------------------------------------------------------- flux-sched planner_test02
  // facts

  private static final String[] ABCDE = {"A", "B", "C", "D", "E"};

  @Test
  void fluxionPartialCancel_reorderedAndUnderspecifiedTypes() {
    PlannerMulti m = PlannerMulti.create(0, Long.MAX_VALUE, new long[] {10, 20, 30, 40, 50}, ABCDE);
    long span1 = m.addSpan(0, 1000, new long[] {2, 0, 0, 0, 0});
    long span2 = m.addSpan(0, 2000, new long[] {1, 2, 3, 4, 5});
    assertThat(m.reduceSpan(span1, new long[] {1, 0, 0, 0, 0}, ABCDE)).isFalse();
    assertThat(m.availableAt(0, 0)).isEqualTo(8);
    assertThat(m.reduceSpan(span1, new long[] {1, 0, 0, 0, 0}, ABCDE)).isTrue();
    assertThat(m.availableAt(0, 0)).isEqualTo(9);
    assertThat(m.reduceSpan(span2, new long[] {2, 1, 5}, new String[] {"B", "A", "E"})).isFalse();
    assertThat(m.availableAt(0, 1)).isEqualTo(20);
    String[] wrong = {"B", "A", "C", "D", "G", "X", "Y"};
    assertThatThrownBy(() -> m.reduceSpan(span2, new long[] {2, 1, 5, 6, 7, 8, 9}, wrong))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(m.availableAt(0, 2)).isEqualTo(27);
    String[] reordered = {"C", "D", "A", "B", "E"};
    assertThat(m.reduceSpan(span2, new long[] {3, 3, 0, 0, 0}, reordered)).isFalse();
    assertThat(m.availableAt(0, 3)).isEqualTo(39);
    assertThat(m.reduceSpan(span2, new long[] {1}, new String[] {"D"})).isTrue();
    assertThat(m.availableAt(0, 3)).isEqualTo(40);
    m.addSpan(0, 2000, new long[] {10, 20, 30, 40, 50});
    for (int i = 0; i < 5; i++) {
      assertThat(m.availableAt(1000, i)).isZero();
    }
    long span4 = m.addSpan(3000, 1000, new long[] {2, 2, 0, 0, 0});
    assertThat(m.reduceSpan(span4, new long[] {1}, new String[] {"A"})).isFalse();
    assertThat(m.reduceSpan(span4, new long[] {1}, new String[] {"A"})).isFalse();
    assertThat(m.spanAmount(span4, 0)).isZero();
    assertThat(m.reduceSpan(span4, new long[] {1}, new String[] {"B"})).isFalse();
    assertThat(m.reduceSpan(span4, new long[] {1}, new String[] {"B"})).isTrue();
    assertThat(m.availableAt(3500, 0)).isEqualTo(10);
    assertThat(m.availableAt(3500, 1)).isEqualTo(20);
  }

  @Test
  void fluxionUpdate_dropsAddsAndReordersTypes() {
    long[] totals = {10, 20, 30, 40, 50};
    PlannerMulti m = PlannerMulti.create(0, Long.MAX_VALUE, totals, ABCDE);
    m.addSpan(0, 1000, new long[] {1, 0, 0, 0, 0});
    m.addSpan(1000, 1000, new long[] {0, 2, 0, 0, 0});
    m.addSpan(2000, 1000, new long[] {0, 0, 3, 0, 0});
    PlannerMulti before = m.copy();
    m.update(totals, ABCDE);
    assertThat(m.toString()).isEqualTo(before.toString());
    String[] bcd = {"B", "C", "D"};
    m.update(new long[] {5, 10, 20}, bcd);
    assertThat(m.availableAt(1000, 0)).isEqualTo(3);
    m.update(totals, ABCDE);
    m.update(new long[] {5, 10, 20}, bcd);
    m.addSpan(2000, 1000, new long[] {0, 0, 20});
    assertThat(m.availableAt(2000, 2)).isZero();
    assertThatThrownBy(() -> m.addSpan(3000, 1000, new long[] {0, 0, 21}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(m.availableAt(3000, 2)).isEqualTo(20);
    String[] seven = {"B", "A", "C", "D", "G", "X", "Y"};
    long[] totals7 = {10, 20, 30, 40, 50, 60, 70};
    m.update(totals7, seven);
    m.addSpan(4000, 1000, totals7);
    assertThat(m.availableAt(4000, 6)).isZero();
    for (int i = 0; i < seven.length; i++) {
      assertThat(m.totalByType(seven[i])).isEqualTo(totals7[i]);
    }
  }

  // ---------------------------------------------------------------- differential

  /** Fluxion's planner_multi algorithms over oracle planners. */
  static final class MultiOracle {
    final List<PlannerOracle> ps = new ArrayList<>();
    final TreeMap<Long, long[]> spans = new TreeMap<>();
    long counter;
    long iterDur;
    long[] iterCounts;

    long first(long t0, long d, long[] c) {
      for (long x : c) {
        if (x < 0) {
          return PlannerOracle.ERR;
        }
      }
      if (d < 1) {
        return PlannerOracle.ERR;
      }
      iterDur = d;
      iterCounts = c.clone();
      long t = ps.get(0).first(t0, d, c[0]);
      while (t != -1 && !others(t)) {
        t = ps.get(0).next();
      }
      return t;
    }

    long next() {
      long t;
      do {
        t = ps.get(0).next();
      } while (t != -1 && !others(t));
      return t;
    }

    boolean others(long t) {
      for (int i = 1; i < ps.size(); i++) {
        if (ps.get(i).availDuring(t, iterDur, iterCounts[i]) != 1) {
          return false;
        }
      }
      return true;
    }

    long add(long s, long d, long[] a) {
      for (int i = 0; i < a.length; i++) {
        if (new PlannerOracle(ps.get(i)).addSpan(s, d, a[i]) == PlannerOracle.ERR) {
          return PlannerOracle.ERR;
        }
      }
      long[] ids = new long[a.length];
      for (int i = 0; i < a.length; i++) {
        ids[i] = ps.get(i).addSpan(s, d, a[i]);
      }
      spans.put(counter, ids);
      return counter++;
    }

    long rem(long id) {
      long[] ids = spans.remove(id);
      if (ids == null) {
        return PlannerOracle.ERR;
      }
      for (int i = 0; i < ids.length; i++) {
        if (ids[i] != -1) {
          ps.get(i).remSpan(ids[i]);
        }
      }
      return 1;
    }

    long reduce(long id, long[] x) {
      long[] ids = spans.get(id);
      if (ids == null) {
        return PlannerOracle.ERR;
      }
      for (int i = 0; i < ids.length; i++) {
        if (x[i] < 0 || (ids[i] != -1 && x[i] > ps.get(i).spans.get(ids[i])[2])) {
          return PlannerOracle.ERR;
        }
      }
      boolean all = true;
      for (int i = 0; i < ids.length; i++) {
        if (ids[i] != -1 && ps.get(i).reduceSpan(ids[i], x[i]) == 1) {
          ids[i] = -1;
        }
        all &= ids[i] == -1;
      }
      if (all) {
        spans.remove(id);
      }
      return all ? 1 : 0;
    }
  }

  @Test
  void randomSequences_matchOracle() {
    for (long seed = 1; seed <= 600; seed++) {
      try {
        runRandom(seed, 120);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  private static void runRandom(long seed, int ops) {
    Random r = new Random(seed);
    int k = 1 + r.nextInt(3);
    long horizon = 1L + r.nextInt(16);
    long[] totals = new long[k];
    String[] types = new String[k];
    MultiOracle o = new MultiOracle();
    for (int i = 0; i < k; i++) {
      totals[i] = r.nextInt(6);
      types[i] = "t" + i;
      o.ps.add(new PlannerOracle(0, horizon, totals[i]));
    }
    PlannerMulti m = PlannerMulti.create(0, horizon, totals, types);
    for (int op = 0; op < ops; op++) {
      int kind = r.nextInt(100);
      String what = "op " + op + " kind " + kind;
      if (kind < 30) {
        long s = r.nextInt((int) horizon + 1);
        long d = 1L + r.nextInt((int) horizon);
        long[] a = new long[k];
        for (int i = 0; i < k; i++) {
          a[i] = r.nextInt((int) o.ps.get(i).total + 1);
          if (r.nextBoolean() && s + d <= horizon) {
            a[i] = Math.min(a[i], o.ps.get(i).availResDuring(s, d));
          }
        }
        assertThat(call(() -> m.addSpan(s, d, a)))
            .as(what + " add %d %d %s", s, d, Arrays.toString(a))
            .isEqualTo(o.add(s, d, a));
      } else if (kind < 40) {
        long id = o.spans.isEmpty() || r.nextInt(8) == 0 ? r.nextInt(4) : pick(r, o);
        long expect = o.rem(id);
        assertThat(
                call(
                    () -> {
                      m.removeSpan(id);
                      return 1;
                    }))
            .as(what)
            .isEqualTo(expect);
      } else if (kind < 55) {
        long id = o.spans.isEmpty() || r.nextInt(8) == 0 ? r.nextInt(4) : pick(r, o);
        long[] x = new long[k];
        long[] ids = o.spans.get(id);
        for (int i = 0; i < k; i++) {
          long held = ids == null || ids[i] == -1 ? 0 : o.ps.get(i).spans.get(ids[i])[2];
          x[i] = (long) r.nextInt((int) held + 2) - (r.nextInt(15) == 0 ? 1 : 0);
        }
        long expect = o.reduce(id, x);
        assertThat(call(() -> m.reduceSpan(id, x) ? 1 : 0))
            .as(what + " reduce %d %s", id, Arrays.toString(x))
            .isEqualTo(expect);
      } else if (kind < 75) {
        long t = r.nextInt((int) horizon + 1);
        long d = r.nextInt((int) horizon + 1);
        long[] c = new long[k];
        for (int i = 0; i < k; i++) {
          c[i] = r.nextInt((int) o.ps.get(i).total + 2);
        }
        assertThat(call(() -> m.availTimeFirst(t, d, c)))
            .as(what + " first %d %d %s", t, d, Arrays.toString(c))
            .isEqualTo(o.first(t, d, c));
      } else if (kind < 90) {
        assertThat(m.availTimeNext()).as(what + " next").isEqualTo(o.next());
      } else {
        long t = r.nextInt((int) horizon + 1);
        long d = r.nextInt((int) horizon + 1);
        long[] c = new long[k];
        for (int i = 0; i < k; i++) {
          c[i] = r.nextInt((int) o.ps.get(i).total + 2);
        }
        long expect = 1;
        for (int i = 0; i < k; i++) {
          long v = o.ps.get(i).availDuring(t, d, c[i]);
          if (v != 1) {
            expect = v;
            break;
          }
        }
        assertThat(call(() -> m.availDuring(t, d, c) ? 1 : 0))
            .as(what + " during %d %d %s", t, d, Arrays.toString(c))
            .isEqualTo(expect);
      }
      assertThat(m.spanIds())
          .containsExactly(o.spans.keySet().stream().mapToLong(x -> x).toArray());
      for (int i = 0; i < k; i++) {
        PlannerOracle po = o.ps.get(i);
        Planner p = m.planner(i);
        assertThat(p.pointCount()).as(what + " points of " + i).isEqualTo(po.points().size());
        for (int j = 0; j < p.pointCount(); j++) {
          assertThat(p.pointRemaining(j)).isEqualTo(po.rem[(int) p.pointTime(j)]);
        }
      }
    }
  }

  private static long pick(Random r, MultiOracle o) {
    List<Long> ids = new ArrayList<>(o.spans.keySet());
    return ids.get(r.nextInt(ids.size()));
  }
}
