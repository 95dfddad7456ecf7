package org.flux4j.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * {@link VertexSchedule} under random add, remove, rekey, copy and compact operations, against a
 * brute-force model: a plain list of the live entries in insertion order, whose usage is summed at
 * every integer instant of a query window. Adds mostly take fresh job ids, most removals and rekeys
 * pick a live job and one add in 32 repeats one, so that a vertex holds more than {@link
 * VertexSchedule#INDEX_AT} entries (the hash index is built) and sometimes two entries of one job
 * (the index is dropped).
 */
class VertexSchedulePropertiesTest {

  /**
   * One operation; {@code what}: 0-3 add, 4 remove, 5 rekey, 6 copy, 7 compact, 8 drop the
   * exclusivity span.
   */
  record Op(int what, long job, long to, long start, long length, long units, byte kind) {}

  /** An entry of the model. */
  private record Entry(long job, long start, long end, long units, byte kind) {}

  @Provide
  Arbitrary<Op> ops() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 8),
            Arbitraries.longs().between(1, 1000),
            Arbitraries.longs().between(1, 1000),
            Arbitraries.longs().between(0, 100),
            Arbitraries.longs().between(-3, 40),
            Arbitraries.longs().between(0, 4),
            Arbitraries.bytes().between((byte) 0, (byte) 2))
        .as(Op::new);
  }

  @Property(tries = 200)
  void queriesMatchABruteForceModel(@ForAll @Size(min = 80, max = 300) List<@From("ops") Op> ops) {
    run(ops, false);
  }

  /**
   * As above, with the adds' windows starting in time order (a few instants after the step, as a
   * queue's bookings come): the scans then skip the slots that ended before the instant asked,
   * which removals, rekeys and dropped spans leave with a stale bound.
   */
  @Property(tries = 200)
  void queriesMatchWhenEntriesComeInTimeOrder(
      @ForAll @Size(min = 80, max = 300) List<@From("ops") Op> ops) {
    run(ops, true);
  }

  private static void run(List<Op> ops, boolean inTimeOrder) {
    VertexSchedule vs = new VertexSchedule();
    List<Entry> model = new ArrayList<>();
    int step = 0;
    for (Op raw : ops) {
      Op op = resolve(raw, model, step, inTimeOrder);
      switch (op.what) {
        case 4 -> {
          int first = firstOf(model, op.job);
          int slot = vs.remove(op.job);
          if (first < 0) {
            assertThat(slot).isEqualTo(-1);
          } else {
            assertThat(slot).isNotNegative();
            model.remove(first);
          }
        }
        case 5 -> {
          int first = firstOf(model, op.job);
          int slot = vs.rekey(op.job, op.to);
          if (first < 0) {
            assertThat(slot).isEqualTo(-1);
          } else {
            Entry e = model.get(first);
            assertThat(vs.job[slot]).isEqualTo(op.to);
            model.set(first, new Entry(op.to, e.start, e.end, e.units, VertexSchedule.SHARED));
          }
        }
        case 6 -> vs = vs.copy();
        case 8 -> {
          int first = firstOf(model, op.job);
          Entry e = first < 0 ? null : model.get(first);
          boolean drops =
              e != null && e.kind == VertexSchedule.SHARED && e.units == 0 && e.start < e.end;
          assertThat(vs.dropExclusivitySpan(op.job)).isEqualTo(drops);
          if (drops) {
            model.set(first, new Entry(e.job, Long.MAX_VALUE, Long.MIN_VALUE, 0, e.kind));
          }
        }
        case 7 -> {
          vs.compact();
          assertThat(vs.n).isEqualTo(model.size());
          for (int i = 0; i < model.size(); i++) {
            Entry e = model.get(i);
            assertThat(new Entry(vs.job[i], vs.start[i], vs.end[i], vs.units[i], vs.kind[i]))
                .isEqualTo(e);
          }
        }
        default -> {
          vs.add(op.job, op.start, op.start + op.length, op.units, op.kind);
          model.add(new Entry(op.job, op.start, op.start + op.length, op.units, op.kind));
        }
      }
      assertMatches(vs, model, op, step++);
    }
  }

  /**
   * Gives an add a fresh id (1,000,000 + step) except one in 32, which repeats a live job (two
   * entries of one job drop the hash index, so they stay rare enough for lists to grow past it
   * first); points three removals and rekeys in four at a live job (the others name an id never
   * used, 1-1000); and rekeys to 100,000 + {@code to}. With {@code inTimeOrder}, an add starts at
   * the step plus up to 7 instants.
   */
  private static Op resolve(Op op, List<Entry> model, int step, boolean inTimeOrder) {
    long live = model.isEmpty() ? op.job : model.get((int) (op.job % model.size())).job;
    long job = op.job;
    if (op.what < 4) {
      job = op.to % 32 == 0 ? live : 1_000_000 + step;
    } else if (op.what >= 4 && op.what != 6 && op.what != 7 && op.job % 4 != 0) {
      job = live;
    }
    long start = inTimeOrder ? step + op.start % 8 : op.start;
    return new Op(op.what, job, 100_000 + op.to, start, op.length, op.units, op.kind);
  }

  private static void assertMatches(VertexSchedule vs, List<Entry> model, Op op, int step) {
    // a few windows derived from the operation and the step, so every check is deterministic
    long[] ats = {
      op.start, op.start + op.length, step % 110, (op.job * 7) % 110, step - (op.to % 50)
    };
    long[] ds = {1, 1 + op.to % 40, 1 + (step * 13) % 50, 100};
    for (long at : ats) {
      for (long d : ds) {
        long want = bruteMax(model, at, d);
        assertThat(vs.maxUnitsDuring(at, d)).as("max units in [%d, +%d)", at, d).isEqualTo(want);
        long enough = 1 + op.units;
        long capped = vs.maxUnitsDuring(at, d, enough);
        if (want < enough) {
          assertThat(capped).isEqualTo(want);
        } else {
          assertThat(capped).isGreaterThanOrEqualTo(enough);
        }
        assertThat(vs.anyDuring(at, d))
            .isEqualTo(model.stream().anyMatch(e -> e.start < at + d && e.end > at));
      }
      // units at an instant: the window of one instant
      assertThat(vs.maxUnitsDuring(at, 1)).isEqualTo(bruteMax(model, at, 1));
    }
    for (byte k = 0; k < 3; k++) {
      byte kk = k;
      assertThat(vs.has(k)).isEqualTo(model.stream().anyMatch(e -> e.kind == kk));
      assertThat(vs.hasKindFor(op.job, k))
          .isEqualTo(model.stream().anyMatch(e -> e.kind == kk && e.job == op.job));
    }
    for (long j : new long[] {op.job, op.to}) {
      int first = firstOf(model, j);
      int slot = vs.indexOf(j);
      if (first < 0) {
        assertThat(slot).isEqualTo(-1);
      } else {
        Entry e = model.get(first);
        assertThat(
                new Entry(
                    vs.job[slot], vs.start[slot], vs.end[slot], vs.units[slot], vs.kind[slot]))
            .isEqualTo(e);
      }
    }
  }

  private static int firstOf(List<Entry> model, long job) {
    for (int i = 0; i < model.size(); i++) {
      if (model.get(i).job == job) {
        return i;
      }
    }
    return -1;
  }

  /** The largest sum of units over the integer instants of {@code [at, at + d)}, d >= 1. */
  private static long bruteMax(List<Entry> model, long at, long d) {
    long best = 0;
    for (long t = at; t < at + d; t++) {
      long sum = 0;
      for (Entry e : model) {
        if (e.start <= t && t < e.end) {
          sum += e.units;
        }
      }
      best = Math.max(best, sum);
    }
    return best;
  }
}
