package org.flux4j.policy.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.Hostlist;
import org.flux4j.graph.io.IdSet;
import org.flux4j.policy.match.ResourceRequest.TargetConstraint;

/**
 * RFC 31 constraint matching against one execution-target vertex. Hostlists and idsets are read by
 * flux-graph's {@link Hostlist} and {@link IdSet} (Fluxion's {@code hostlist_find} and {@code
 * idset_decode} semantics), parsed once per text and cached.
 */
final class Constraints {
  private static final int CACHE_LIMIT = 1024;
  private static final ConcurrentHashMap<String, Hostlist> HOSTLISTS = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, IdSet> IDSETS = new ConcurrentHashMap<>();

  private Constraints() {}

  static boolean matches(ResourceGraph g, int v, TargetConstraint c) {
    if (c instanceof TargetConstraint.OfJobspec j) {
      return j.constraint().matches(g, v);
    }
    if (c instanceof TargetConstraint.Properties p) {
      for (String name : p.names()) {
        boolean neg = name.startsWith("^");
        String key = neg ? name.substring(1) : name;
        boolean has = g.properties(v).containsKey(key);
        if (has == neg) {
          return false;
        }
      }
      return true;
    }
    if (c instanceof TargetConstraint.Hostlist h) {
      String name = g.name(v);
      for (String hl : h.hostlists()) {
        if (hostlist(hl).containsHost(name)) {
          return true;
        }
      }
      return false;
    }
    if (c instanceof TargetConstraint.Ranks r) {
      long rank = g.rank(v);
      for (String ids : r.idsets()) {
        if (idset(ids).contains(rank)) {
          return true;
        }
      }
      return false;
    }
    if (c instanceof TargetConstraint.And a) {
      for (TargetConstraint t : a.terms()) {
        if (!matches(g, v, t)) {
          return false;
        }
      }
      return true;
    }
    if (c instanceof TargetConstraint.Or o) {
      for (TargetConstraint t : o.terms()) {
        if (matches(g, v, t)) {
          return true;
        }
      }
      return false;
    }
    if (c instanceof TargetConstraint.Not n) {
      for (TargetConstraint t : n.terms()) {
        if (matches(g, v, t)) {
          return false;
        }
      }
      return true;
    }
    return true;
  }

  /**
   * The parsed hostlist of {@code text}, from a small cache: a constraint is tested at many
   * vertices, and its text is parsed once, not at every test.
   *
   * @throws IllegalArgumentException if {@code text} is not a valid hostlist (see {@link
   *     Hostlist#decode})
   */
  static Hostlist hostlist(String text) {
    return cached(HOSTLISTS, text, Hostlist::decode);
  }

  /**
   * The parsed idset of {@code text}, cached as {@link #hostlist} is.
   *
   * @throws IllegalArgumentException if {@code text} is not a valid idset (see {@link
   *     IdSet#decode})
   */
  static IdSet idset(String text) {
    return cached(IDSETS, text, IdSet::decode);
  }

  /**
   * {@code cache}'s value for {@code text}, parsed on a miss. Lock-free reads; the cache is cleared
   * when it grows past {@value #CACHE_LIMIT} texts; a failed parse caches nothing.
   */
  private static <T> T cached(
      ConcurrentHashMap<String, T> cache, String text, Function<String, T> parse) {
    T value = cache.get(text);
    if (value == null) {
      value = parse.apply(text);
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear();
      }
      cache.put(text, value);
    }
    return value;
  }
}
