package org.flux4j.graph.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A slow, obviously-correct model of Fluxion's planner for differential tests: one array slot per
 * time unit of a small horizon, Fluxion's algorithms written literally (explicit visited set for
 * the min-time iteration, per-slot keys for its index). Errors are reported as {@code ERR}.
 */
final class PlannerOracle {
  static final long ERR = Long.MIN_VALUE;

  final long base;
  final long end;
  long total;
  final long[] rem; // slot t - base, for t in [base, end]
  final long[] key;
  final int[] refs; // > 0 where a scheduled point is
  final boolean[] tracked;
  final TreeMap<Long, long[]> spans = new TreeMap<>(); // id -> {start, last, planned}
  long counter;
  boolean iterSet;
  long reqAfter;
  long reqDur;
  long reqCount;

  PlannerOracle(long base, long horizon, long total) {
    this.base = base;
    this.end = base + horizon;
    this.total = total;
    int n = (int) horizon + 1;
    rem = new long[n];
    key = new long[n];
    refs = new int[n];
    tracked = new boolean[n];
    java.util.Arrays.fill(rem, total);
    java.util.Arrays.fill(key, total);
    refs[0] = 1;
  }

  PlannerOracle(PlannerOracle o) {
    base = o.base;
    end = o.end;
    total = o.total;
    rem = o.rem.clone();
    key = o.rem.clone();
    refs = o.refs.clone();
    tracked = new boolean[rem.length];
    for (var e : o.spans.entrySet()) {
      spans.put(e.getKey(), e.getValue().clone());
    }
    counter = o.counter;
    iterSet = o.iterSet;
    reqAfter = o.reqAfter;
    reqDur = o.reqDur;
    reqCount = o.reqCount;
  }

  private int slot(long t) {
    return (int) (t - base);
  }

  /** Slots of the point at slot p: [p, nextPoint). */
  private int nextPoint(int p) {
    int q = p + 1;
    while (q < rem.length && refs[q] == 0) {
      q++;
    }
    return q;
  }

  private int prevPoint(int p) {
    int q = p - 1;
    while (refs[q] == 0) {
      q--;
    }
    return q;
  }

  List<Long> points() {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < rem.length; i++) {
      if (refs[i] > 0) {
        out.add(base + i);
      }
    }
    return out;
  }

  private void restore() {
    for (int p = 0; p < rem.length; p++) {
      if (refs[p] > 0 && tracked[p]) {
        for (int t = p; t < nextPoint(p); t++) {
          key[t] = rem[t];
        }
        tracked[p] = false;
      }
    }
  }

  private boolean staticAvailDuring(long at, long d, long n) {
    if (at + d > end) {
      return false;
    }
    if (at < base) {
      return true;
    }
    for (long t = at; t < at + d; t++) {
      if (rem[slot(t)] < n) {
        return false;
      }
    }
    return true;
  }

  long addSpan(long s, long d, long n) {
    if (!staticAvailDuring(s, d, n)) {
      return ERR;
    }
    if (s < base || d < 1 || s + d - 1 > end || n > total || n < 0) {
      return ERR;
    }
    counter++;
    restore();
    long last = s + d;
    newPoint(slot(s));
    newPoint(slot(last));
    for (long t = s; t < last; t++) {
      rem[slot(t)] -= n;
      key[slot(t)] = rem[slot(t)];
    }
    spans.put(counter, new long[] {s, last, n});
    iterSet = false;
    return counter;
  }

  private void newPoint(int p) {
    if (refs[p] == 0) {
      for (int t = p; t < nextPoint(p); t++) {
        key[t] = rem[t];
      }
    }
    refs[p]++;
  }

  private void dropRef(int p) {
    if (--refs[p] == 0) {
      int q = prevPoint(p);
      for (int t = p; t < nextPoint(p); t++) {
        rem[t] = rem[q];
        key[t] = key[q];
      }
    }
  }

  boolean remSpan(long id) {
    long[] sp = spans.get(id);
    if (sp == null) {
      return false;
    }
    restore();
    for (long t = sp[0]; t < sp[1]; t++) {
      rem[slot(t)] += sp[2];
      key[slot(t)] = rem[slot(t)];
    }
    dropRef(slot(sp[1]));
    dropRef(slot(sp[0]));
    spans.remove(id);
    iterSet = false;
    return true;
  }

  /** 1 removed, 0 kept, ERR error. */
  long reduceSpan(long id, long x) {
    long[] sp = spans.get(id);
    if (sp == null) {
      return ERR;
    }
    if (x == sp[2]) {
      remSpan(id);
      return 1;
    } else if (x == 0) {
      return 0;
    } else if (x > 0 && x < sp[2]) {
      restore();
      sp[2] -= x;
      for (long t = sp[0]; t < sp[1]; t++) {
        rem[slot(t)] += x;
        key[slot(t)] = rem[slot(t)];
      }
      return 0;
    }
    return ERR;
  }

  void updateTotal(long nt) {
    long delta = nt - total;
    if (delta == 0) {
      return;
    }
    total = nt;
    for (int t = 0; t < rem.length; t++) {
      rem[t] = Math.max(0, rem[t] + delta);
    }
  }

  long availAt(long t) {
    if (t > end || t < base) {
      return ERR;
    }
    return rem[slot(t)];
  }

  long availResDuring(long t, long d) {
    if (d < 1 || t < base || t > end || t + d > end) {
      return ERR;
    }
    long min = Long.MAX_VALUE;
    for (long u = t; u < t + d; u++) {
      min = Math.min(min, rem[slot(u)]);
    }
    return min;
  }

  /** 1 true, 0 false, ERR error. */
  long availDuring(long t, long d, long n) {
    if (d < 1 || n < 0) {
      return ERR;
    }
    if (n > total) {
      return 0;
    }
    return staticAvailDuring(t, d, n) ? 1 : 0;
  }

  long first(long after, long d, long n) {
    if (d < 1 || n < 0) {
      return ERR;
    }
    if (after < base || after >= end || n > total) {
      return -1;
    }
    restore();
    iterSet = true;
    reqAfter = after;
    reqDur = d;
    reqCount = n;
    return search();
  }

  long next() {
    if (!iterSet || reqCount > total) {
      return -1;
    }
    return search();
  }

  private long search() {
    while (true) {
      int p = -1;
      for (int i = 0; i < rem.length; i++) {
        if (refs[i] > 0 && !tracked[i] && key[i] >= reqCount) {
          p = i;
          break;
        }
      }
      if (p < 0) {
        return -1;
      }
      tracked[p] = true;
      long at = base + p;
      if (at < reqAfter) {
        continue;
      }
      boolean ok = true;
      for (long u = at; u < Math.min(at + reqDur, end + 1); u++) {
        if (rem[slot(u)] < reqCount) {
          ok = false;
          break;
        }
      }
      if (ok) {
        return at + reqDur > end ? -1 : at;
      }
    }
  }
}
