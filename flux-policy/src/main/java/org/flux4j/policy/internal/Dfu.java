package org.flux4j.policy.internal;

import java.util.Arrays;

/**
 * The scoring scratch of one vertex visit (Fluxion's {@code scoring_api_t}) for the dominant
 * subsystem: candidate lists per resource type, the overall score and availability handed to the
 * parent, and whether a choice was made here (then the choice is enforced here rather than merged
 * into the parent).
 */
final class Dfu {
  Evals[] byType = new Evals[4];
  int n;

  /** Evals objects kept for reuse past {@link #n}. */
  private int pooled;

  long overallScore = -1;
  long avail;
  boolean hierConstrainNow;

  /** The auxiliary subsystems' entries (null until a visit adds one; see {@link AuxEvals}). */
  AuxEvals aux;

  void reset() {
    n = 0;
    overallScore = -1;
    avail = 0;
    hierConstrainNow = false;
    if (aux != null) {
      aux.clear();
    }
  }

  /** The auxiliary subsystems' entries, created on first use. */
  AuxEvals aux() {
    if (aux == null) {
      aux = new AuxEvals();
    }
    return aux;
  }

  private void mergeAux(Dfu o) {
    if (o.aux != null && !o.aux.isEmpty()) {
      aux().merge(o.aux);
    }
  }

  Evals find(int type) {
    for (int i = 0; i < n; i++) {
      if (byType[i].type == type) {
        return byType[i];
      }
    }
    return null;
  }

  Evals get(int type) {
    Evals e = find(type);
    if (e == null) {
      if (n < pooled) {
        e = byType[n];
        e.reset(type);
        n++;
        return e;
      }
      e = new Evals(type);
      if (n == byType.length) {
        byType = Arrays.copyOf(byType, n * 2);
      }
      byType[n++] = e;
      pooled = n;
    }
    return e;
  }

  void add(int type, EGroup g) {
    get(type).add(g);
  }

  long qualifiedCount(int type) {
    Evals e = find(type);
    return e == null ? 0 : e.qual;
  }

  long totalCount(int type) {
    Evals e = find(type);
    return e == null ? 0 : e.total;
  }

  /**
   * Chooses the best {@code k} candidates of {@code type} here: the choice is then enforced at this
   * vertex, so only the chosen groups' order matters.
   */
  boolean chooseAccumBestK(int type, long k, Order order) {
    return chooseAccumBestK(type, k, order, false);
  }

  /**
   * {@link #chooseAccumBestK(int, long, Order)}; {@code sortedAgain}: the request names the type
   * again further on (or-slot siblings, two requests of one type), and Fluxion's next choice sorts
   * the whole order this one leaves, so this one sorts all candidates as {@code std::sort} does,
   * not only as far as the chosen ones.
   */
  boolean chooseAccumBestK(int type, long k, Order order, boolean sortedAgain) {
    Evals e = get(type);
    if (e.chooseBestK(k, order, !sortedAgain)) {
      hierConstrainNow = true;
      return true;
    }
    return false;
  }

  void merge(Dfu o) {
    for (int i = 0; i < o.n; i++) {
      get(o.byType[i].type).merge(o.byType[i]);
    }
    mergeAux(o);
  }

  /**
   * Merges {@code o} into this, taking over (rather than copying) the candidate arrays of every
   * type that has none here yet: {@code o} must not be read again before it is reset.
   */
  void mergeTaking(Dfu o) {
    for (int i = 0; i < o.n; i++) {
      Evals mine = get(o.byType[i].type);
      if (mine.n == 0) {
        mine.takeFrom(o.byType[i]);
      } else {
        mine.merge(o.byType[i]);
      }
    }
    mergeAux(o);
  }
}
