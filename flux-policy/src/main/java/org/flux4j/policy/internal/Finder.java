package org.flux4j.policy.internal;

import java.util.List;
import java.util.Locale;
import org.flux4j.graph.Adjacency;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;
import org.flux4j.policy.match.ResourceSet;

/**
 * Fluxion's {@code find}: evaluates a predicate expression at every vertex of the dominant
 * subsystem and emits the matching vertices with their ancestors, in post-order.
 *
 * <p>Expressions are {@code key=value} leaves joined by {@code and}, {@code or} or juxtaposition
 * (and), evaluated strictly left to right without precedence; parentheses group. Status down,
 * allocated-now and reserved-in-future are inherited from ancestors, as in Fluxion.
 */
final class Finder {
  private static final List<String> KEYS =
      List.of(
          "status",
          "sched-now",
          "sched-future",
          "jobid-alloc",
          "jobid-span",
          "jobid-tag",
          "jobid-reserved",
          "agfilter",
          "names",
          "property");

  private final ResourceGraph g;
  private final SchedState st;
  private final int root;
  private ResourceSet.Builder out;
  private long agJob;
  private boolean agfilter;
  private int levelShift;

  /** When agfilter usage is read (Fluxion: the wall clock), with time 0 as the fallback. */
  private final long agfilterTime;

  Finder(ResourceGraph g, SchedState st, int root, long agfilterTime) {
    this.g = g;
    this.st = st;
    this.root = root;
    this.agfilterTime = agfilterTime;
  }

  ResourceSet find(String expr) {
    Node n;
    try {
      n = parse(expr);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("find: invalid criteria: " + expr + ".", e);
    }
    out = ResourceSet.builder(g).fromFind().levelShift(levelShift);
    dfv(root, n, false, false, false, new boolean[g.vertexLimit()]);
    out.schedule(0, 0);
    return out.build();
  }

  private int dfv(int u, Node n, boolean down, boolean alloc, boolean rsv, boolean[] seen) {
    seen[u] = true;
    VertexSchedule s = st.sched[u];
    boolean d = down || g.status(u) == Status.DOWN;
    boolean a = alloc || (s != null && s.has(VertexSchedule.ALLOCATED));
    boolean r = rsv || (s != null && s.has(VertexSchedule.RESERVED));
    int nchildren = 0;
    Adjacency adj = g.out(0);
    for (int i = adj.start(u); i < adj.end(u); i++) {
      int t = adj.target(i);
      if (seen[t] || !g.isLive(t)) {
        continue;
      }
      int rc = dfv(t, n, d, a, r, seen);
      if (rc > 0) {
        out.edge(u, t, 0);
        nchildren += rc;
      }
    }
    if (!n.eval(this, u, d, a, r) && nchildren == 0) {
      return 0;
    }
    if (!agfilter) {
      out.add(u, g.size(u), true);
      return nchildren + 1;
    }
    // With agfilter, Fluxion emits only vertices that carry an aggregate filter plan and, when a
    // job is named, only those where that job has a span in the plan; the others are left out
    // (descendants already emitted stay, with their edges).
    SubtreePlan p = st.sub[u];
    if (p == null) {
      return 0;
    }
    int idx = -1;
    if (agJob != 0) {
      for (int i = 0; i < p.n; i++) {
        if (p.job[i] == agJob) {
          idx = i;
        }
      }
      if (idx < 0) {
        return 0;
      }
    }
    int e = out.add(u, g.size(u), true);
    for (int k = 0; k < p.types.length; k++) {
      long used;
      if (agJob != 0) {
        used = p.amounts[idx * p.types.length + k];
      } else {
        // Fluxion: the usage now (wall clock), or at time 0 when nothing is used now
        used = p.usedAt(k, agfilterTime);
        if (used == 0) {
          used = p.usedAt(k, 0);
        }
      }
      out.ephemeral(
          e, "agfilter." + typeName(p.types[k]), "used:" + used + ", total:" + p.totals[k]);
    }
    return nchildren + 1;
  }

  private String typeName(int pruneIndex) {
    return pruneNames[pruneIndex];
  }

  private String[] pruneNames = new String[0];

  Finder withPruneNames(String[] names) {
    this.pruneNames = names;
    return this;
  }

  /** Sets the level shift of the emitted entries (see {@link TraversalMarks#levelLeak}). */
  Finder withLevelShift(int levels) {
    this.levelShift = levels;
    return this;
  }

  // ------------------------------------------------------------------ expression tree

  private interface Node {
    boolean eval(Finder f, int u, boolean down, boolean alloc, boolean rsv);
  }

  private record Leaf(String key, String value) implements Node {
    @Override
    public boolean eval(Finder f, int u, boolean down, boolean alloc, boolean rsv) {
      return f.leaf(this, u, down, alloc, rsv);
    }
  }

  private record Bin(Node left, boolean and, Node right) implements Node {
    @Override
    public boolean eval(Finder f, int u, boolean down, boolean alloc, boolean rsv) {
      boolean l = left.eval(f, u, down, alloc, rsv);
      boolean r = right.eval(f, u, down, alloc, rsv);
      return and ? l && r : l || r;
    }
  }

  private boolean leaf(Leaf l, int u, boolean down, boolean alloc, boolean rsv) {
    String lc = l.value().toLowerCase(Locale.ROOT);
    VertexSchedule s = st.sched[u];
    switch (l.key()) {
      case "status":
        return lc.equals("down") ? down : !down && g.status(u) == Status.UP;
      case "sched-now":
        return lc.equals("allocated") ? alloc : !alloc;
      case "sched-future":
        return lc.equals("reserved") ? rsv : !rsv;
      case "jobid-alloc":
        return s != null && s.hasKindFor(parseJob(l.value()), VertexSchedule.ALLOCATED);
      case "jobid-reserved":
        return s != null && s.hasKindFor(parseJob(l.value()), VertexSchedule.RESERVED);
      case "jobid-span":
        return st.sub[u] != null && st.sub[u].has(parseJob(l.value()));
      case "jobid-tag":
        return s != null && s.indexOf(parseJob(l.value())) >= 0;
      case "agfilter":
        return lc.equals("true") || lc.equals("t");
      case "names":
        return Constraints.hostlist(lc).containsHost(g.name(u));
      case "property":
        return g.properties(u).containsKey(lc);
      default:
        return false;
    }
  }

  private static long parseJob(String x) {
    try {
      return Long.parseLong(x.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid job id " + x, e);
    }
  }

  private Node parse(String e) {
    int[] pos = {0};
    Node n = parseSeq(e, pos, false);
    skipWs(e, pos);
    if (pos[0] != e.length()) {
      throw new IllegalArgumentException("trailing input at " + pos[0]);
    }
    return n;
  }

  private Node parseSeq(String e, int[] pos, boolean inParen) {
    Node left = parseTerm(e, pos);
    while (true) {
      skipWs(e, pos);
      if (pos[0] >= e.length() || (inParen && e.charAt(pos[0]) == ')')) {
        return left;
      }
      boolean and = true;
      int save = pos[0];
      String word = word(e, pos);
      if (word.equals("or")) {
        and = false;
      } else if (!word.equals("and")) {
        pos[0] = save;
      }
      Node right = parseTerm(e, pos);
      left = new Bin(left, and, right);
    }
  }

  private Node parseTerm(String e, int[] pos) {
    skipWs(e, pos);
    if (pos[0] >= e.length()) {
      throw new IllegalArgumentException("missing predicate");
    }
    if (e.charAt(pos[0]) == '(') {
      pos[0]++;
      Node n = parseSeq(e, pos, true);
      skipWs(e, pos);
      if (pos[0] >= e.length() || e.charAt(pos[0]) != ')') {
        throw new IllegalArgumentException("unbalanced parenthesis");
      }
      pos[0]++;
      return n;
    }
    String w = word(e, pos);
    int eq = w.indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException("predicate without '=': " + w);
    }
    String key = w.substring(0, eq);
    String value = w.substring(eq + 1);
    validate(key, value);
    if (key.equals("agfilter")) {
      String lc = value.toLowerCase(Locale.ROOT);
      agfilter = lc.equals("true") || lc.equals("t");
    }
    if (key.startsWith("jobid-")) {
      agJob = parseJob(value);
    }
    return new Leaf(key, value);
  }

  private static void validate(String key, String value) {
    String lc = value.toLowerCase(Locale.ROOT);
    boolean ok =
        switch (key) {
          case "status" -> lc.equals("down") || lc.equals("up");
          case "sched-now" -> lc.equals("allocated") || lc.equals("free");
          case "sched-future" -> lc.equals("reserved") || lc.equals("free");
          case "jobid-alloc", "jobid-span", "jobid-tag", "jobid-reserved" -> isJobId(value);
          case "agfilter" -> List.of("true", "t", "false", "f").contains(lc);
          case "names" -> !lc.isEmpty() && isHostlist(key, value, lc);
          case "property" -> !lc.isEmpty();
          default -> false;
        };
    if (!ok || !KEYS.contains(key)) {
      throw new IllegalArgumentException("invalid predicate " + key + "=" + value);
    }
  }

  /** Fluxion's validate: {@code hostlist_decode} must accept the (lower-cased) value. */
  private static boolean isHostlist(String key, String value, String lc) {
    try {
      Constraints.hostlist(lc);
      return true;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid predicate " + key + "=" + value + ": " + e.getMessage(), e);
    }
  }

  private static boolean isJobId(String v) {
    try {
      return Long.parseLong(v.trim()) >= 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String word(String e, int[] pos) {
    skipWs(e, pos);
    int start = pos[0];
    while (pos[0] < e.length()
        && e.charAt(pos[0]) != ' '
        && e.charAt(pos[0]) != '\t'
        && e.charAt(pos[0]) != ')') {
      pos[0]++;
    }
    return e.substring(start, pos[0]);
  }

  private static void skipWs(String e, int[] pos) {
    while (pos[0] < e.length() && (e.charAt(pos[0]) == ' ' || e.charAt(pos[0]) == '\t')) {
      pos[0]++;
    }
  }
}
