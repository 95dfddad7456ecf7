package org.flux4j.examples.rqdiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flux4j.policy.match.MatchPolicies;

/**
 * Writes a random resource-query command script for a graph: every match sub-command (allocate,
 * allocate_orelse_reserve, allocate_with_satisfiability, satisfiability, without_allocating,
 * without_allocating_future) and multi-match, full and partial cancels (with and without {@code
 * stats}), info, find expressions, set-status/get-status on the graph's real paths, node properties
 * (the {@code perf_class} the variation policy reads, and the properties the jobspec constraints
 * ask for), stat and list, and graph changes: {@code update} from an rv1exec R, {@code attach} of a
 * JGF subgraph, {@code remove} of a subtree by path or of the vertices of some ranks. Job ids name
 * jobs that were (probably) started, with an occasional id that does not exist. Partial cancels
 * name rv1exec files of a few ranks or, a third of the time, JGF files of a few vertices of one
 * node's subtree (now and then with an ancestor or the root), which it adds to the scenario's
 * files.
 *
 * <p>Not thread-safe (shares the scenario's random source).
 */
final class CommandGenerator {
  private static final String[] MATCH_OPS = {
    "allocate",
    "allocate",
    "allocate_orelse_reserve",
    "allocate_orelse_reserve",
    "allocate_orelse_reserve",
    "allocate_with_satisfiability",
    "satisfiability",
    "without_allocating",
    "without_allocating_future"
  };

  private final Random rnd;
  private final GraphShape shape;
  private final String policy;
  private final Map<String, String> files;
  private final int jobspecs;
  private final List<String> down = new ArrayList<>();
  private final String format;
  private final List<String> attachables;
  private final RemoveWorlds removes;
  private final Random rankDraws;

  /** The random source of the JGF partial cancels alone (see {@link #jgfPartialCancel}). */
  private final Random jgfDraws;

  /** The random source of the refused rv1exec update shapes alone (see {@link #updateCommand}). */
  private final Random rv1Draws;

  private long nextJob = 1;
  private boolean attached;
  private boolean searchedFuture;

  /**
   * Whether the policy stops on its first match: Fluxion then explores through its out-edge maps,
   * so a remove that leaves a dangling entry there is undefined (see {@link
   * RemoveHangModel#leavesDanglingEntry(String)}) and is not drawn.
   */
  private final boolean dynamicExplore;

  /**
   * A generator of scripts for a graph of {@code shape} loaded with reader {@code format}; {@code
   * attachables} are the names of JGF subgraph files already among {@code files} that an {@code
   * attach} may add to the graph (empty when none fits it); {@code removes} follows the script's
   * graph changes to keep out removes that hang Fluxion, whether each rank remove succeeded or not;
   * {@code rankDraws} is the random source of the rank removes alone, {@code jgfDraws} that of the
   * JGF partial cancels and {@code rv1Draws} that of the refused rv1exec update shapes.
   */
  CommandGenerator(
      Random rnd,
      GraphShape shape,
      String policy,
      Map<String, String> files,
      int jobspecs,
      String format,
      List<String> attachables,
      RemoveWorlds removes,
      Random rankDraws,
      Random jgfDraws,
      Random rv1Draws) {
    this.rnd = rnd;
    this.shape = shape;
    this.policy = policy;
    this.files = files;
    this.jobspecs = jobspecs;
    this.format = format;
    this.attachables = attachables;
    this.removes = removes;
    this.rankDraws = rankDraws;
    this.jgfDraws = jgfDraws;
    this.rv1Draws = rv1Draws;
    this.dynamicExplore =
        MatchPolicies.isKnown(policy) && MatchPolicies.byName(policy).stopOnFirstMatch();
  }

  /** The script (without {@code quit}). */
  List<String> script() {
    List<String> cs = new ArrayList<>();
    List<String> nodes = shape.paths.getOrDefault("node", List.of());
    if (policy.equals("variation") || rnd.nextInt(4) == 0) {
      for (String n : nodes) {
        if (rnd.nextInt(3) > 0) {
          cs.add("set-property " + n + " perf_class=" + (1 + rnd.nextInt(3)));
        }
      }
    }
    if (rnd.nextInt(3) == 0) {
      for (String n : nodes) {
        if (rnd.nextInt(3) == 0) {
          String p =
              JobspecGenerator.PROPERTIES.get(rnd.nextInt(JobspecGenerator.PROPERTIES.size()));
          cs.add("set-property " + n + " " + p + "=" + (1 + rnd.nextInt(2)));
        }
      }
    }
    int n = 4 + rnd.nextInt(30);
    for (int i = 0; i < n; i++) {
      cs.add(command());
    }
    return cs;
  }

  private String job() {
    return "job" + rnd.nextInt(jobspecs) + ".yaml";
  }

  private long someJob() {
    if (nextJob <= 1 || rnd.nextInt(12) == 0) {
      return nextJob + (long) rnd.nextInt(3);
    }
    return 1L + rnd.nextInt((int) Math.min(nextJob - 1, 1 << 20));
  }

  private String command() {
    if (rnd.nextInt(100) < 8) {
      String c = graphChange();
      if (c != null) {
        return c;
      }
    }
    int r = rnd.nextInt(100);
    if (r < 55) {
      String op = MATCH_OPS[rnd.nextInt(MATCH_OPS.length)];
      if (op.startsWith("allocate")) {
        nextJob++;
      }
      noteFutureSearch(op);
      return (rnd.nextInt(5) == 0 ? "m " : "match ") + op + " " + job();
    }
    if (r < 59) {
      String op = MATCH_OPS[rnd.nextInt(6)];
      noteFutureSearch(op);
      StringBuilder sb = new StringBuilder(rnd.nextBoolean() ? "multi-match " : "M ").append(op);
      int k = 2 + rnd.nextInt(3);
      for (int i = 0; i < k; i++) {
        sb.append(' ').append(job());
        if (op.startsWith("allocate")) {
          nextJob++;
        }
      }
      return sb.toString();
    }
    if (r < 70) {
      return (rnd.nextBoolean() ? "cancel " : "c ")
          + someJob()
          + (rnd.nextInt(4) == 0 ? " stats" : "");
    }
    if (r < 73 && !shape.ranks.isEmpty()) {
      long job = someJob();
      String file = partialCancelFile();
      String stats = rnd.nextInt(3) == 0 ? " stats" : "";
      String jgf = jgfDraws.nextInt(3) == 0 ? jgfPartialCancel(file) : null;
      return "partial-cancel " + job + (jgf != null ? " jgf " + jgf : " rv1exec " + file) + stats;
    }
    if (r < 76) {
      return "info " + someJob();
    }
    if (r < 83) {
      return "find " + findExpression();
    }
    if (r < 89) {
      return statusCommand();
    }
    if (r < 94) {
      String path = anyPath("node");
      return rnd.nextBoolean()
          ? "get-property " + path
          : "set-property " + path + " " + JobspecGenerator.PROPERTIES.get(rnd.nextInt(2)) + "=1";
    }
    return rnd.nextInt(3) == 0 ? "list" : "stat";
  }

  /**
   * An {@code update} from an rv1exec R (on graphs read from rv1exec, the only ones whose vertices
   * Fluxion's rv1exec reader finds), an {@code attach} of a JGF subgraph that fits the graph (not
   * after a future search, see {@link #noteFutureSearch}), or a {@code remove} of a subtree (one
   * that Fluxion can remove without hanging, see {@link RemoveHangModel}, and under a policy that
   * stops on its first match without leaving a dangling out-edge entry); null when none applies.
   */
  private String graphChange() {
    // a JGF update now and then, drawn from a random source of its own
    if (jgfDraws.nextInt(8) == 0 && !shape.paths.getOrDefault("node", List.of()).isEmpty()) {
      return jgfUpdateCommand();
    }
    int r = rnd.nextInt(10);
    if (r < 5 && format.startsWith("rv1exec") && !shape.childIdsOfRank.isEmpty()) {
      return updateCommand();
    }
    if (r < 7 && !attachables.isEmpty() && !attached && !searchedFuture) {
      attached = true;
      String name = attachables.get(rnd.nextInt(attachables.size()));
      removes.attach(files.get(name));
      return "attach " + name;
    }
    if (r < 10) {
      String[] types = {"node", "socket", "core", "core", "gpu", "memory"};
      String drawn = anyPath(types[rnd.nextInt(types.length)]);
      // a third of the removes take ranks instead, drawn from a random source of their own, so
      // that the scripts of the seeds that draw none stay as they were
      if (rankDraws.nextInt(3) == 0) {
        String ranks = rankRemove();
        if (ranks != null) {
          return "remove " + ranks + " false";
        }
      }
      // Fluxion hangs removing a vertex that is its parent's last child (RemoveHangModel): such a
      // draw removes the smallest enclosing subtree it can remove instead, with no extra random
      // draw, so that the scripts of the seeds that draw no such remove stay as they were
      String path = removes.removable(drawn);
      if (dynamicExplore && removes.leavesDanglingEntry(path)) {
        return null;
      }
      removes.remove(path);
      return "remove " + path + " true";
    }
    return null;
  }

  /**
   * The idset of a {@code remove RANKS false} that Fluxion ends ({@link RemoveHangModel}): mostly
   * one live rank, else two or three neighbouring live ranks, two live ranks anywhere, or a rank
   * the graph never had (an error that changes nothing); a set that would hang Fluxion (its
   * parent's last ranks) or is undefined there shrinks to its first rank that does not; null when
   * none is left (the caller removes a path instead).
   */
  private String rankRemove() {
    List<Integer> live = removes.liveRanks();
    int kind = rankDraws.nextInt(20);
    if (kind == 0 || live.isEmpty()) {
      int unknown = 1 + removes.knownRanks().stream().mapToInt(Integer::intValue).max().orElse(0);
      return kind == 0 ? String.valueOf(unknown + rankDraws.nextInt(3)) : null;
    }
    int a = rankDraws.nextInt(live.size());
    java.util.SortedSet<Integer> pick = new java.util.TreeSet<>();
    pick.add(live.get(a));
    if (kind < 6) {
      int b = Math.min(live.size() - 1, a + 1 + rankDraws.nextInt(2));
      pick.addAll(live.subList(a, b + 1));
    } else if (kind < 8) {
      pick.add(live.get(rankDraws.nextInt(live.size())));
    }
    if (removes.rankRemove(pick) != RemoveHangModel.RankRemove.REMOVES) {
      java.util.SortedSet<Integer> one = null;
      for (int x : pick) {
        java.util.SortedSet<Integer> s = new java.util.TreeSet<>(List.of(x));
        if (removes.rankRemove(s) == RemoveHangModel.RankRemove.REMOVES) {
          one = s;
          break;
        }
      }
      if (one == null) {
        return null;
      }
      pick = one;
    }
    if (dynamicExplore && removes.leavesDanglingEntry(pick)) {
      return null;
    }
    removes.removeRanks(pick);
    List<Long> ids = new ArrayList<>();
    pick.forEach(x -> ids.add((long) x));
    String text = idset(ids);
    return rankDraws.nextInt(6) == 0 ? "[" + text + "]" : text;
  }

  /**
   * Notes a match sub-command that walks the root planner's future times ({@code
   * allocate_orelse_reserve}, {@code without_allocating_future}). Such a walk can end with
   * scheduled points still taken out of the planner's min-time tree; an {@code attach} after it
   * grows Fluxion's vertex vector, which copies every planner, and {@code planner::copy_trees} puts
   * those points into the copy's tree while {@code copy_maps} keeps them tracked, so the copy's
   * next {@code restore_track_points} (the next span, or its destructor at {@code quit}) inserts
   * them a second time and loops in the red-black tree's insert. So no {@code attach} follows one.
   */
  private void noteFutureSearch(String op) {
    if (op.equals("allocate_orelse_reserve") || op.equals("without_allocating_future")) {
      searchedFuture = true;
    }
  }

  /**
   * {@code update allocate|reserve rv1exec FILE JOBID AT DURATION} with an R of one or two ranks:
   * mostly every child of each rank (the node is then held whole), else one child. One R in six
   * (drawn from {@link #rv1Draws} alone) names a rank again in an extra entry, with no child, one
   * or all of them, or names no child of one of its ranks: shapes Fluxion's reader refuses.
   */
  private String updateCommand() {
    List<Integer> ranks = new ArrayList<>(shape.childIdsOfRank.keySet());
    int a = rnd.nextInt(ranks.size());
    int b = Math.min(ranks.size() - 1, a + rnd.nextInt(2));
    boolean whole = rnd.nextInt(4) > 0;
    List<Integer> entryRanks = new ArrayList<>();
    List<String> entryChildren = new ArrayList<>();
    List<String> hosts = new ArrayList<>();
    for (int i = a; i <= b; i++) {
      int rank = ranks.get(i);
      Map<String, List<Long>> kids = shape.childIdsOfRank.get(rank);
      List<String> types = new ArrayList<>(kids.keySet());
      if (!whole) {
        types = List.of(types.get(rnd.nextInt(types.size())));
      }
      entryRanks.add(rank);
      entryChildren.add(children(kids, types, whole, rnd));
      hosts.add("\"" + shape.nodeOfRank.get(rank) + "\"");
    }
    if (rv1Draws.nextInt(6) == 0) {
      int k = rv1Draws.nextInt(entryRanks.size());
      int rank = entryRanks.get(k);
      Map<String, List<Long>> kids = shape.childIdsOfRank.get(rank);
      List<String> types = new ArrayList<>(kids.keySet());
      int kind = rv1Draws.nextInt(4);
      if (kind == 0) {
        entryChildren.set(k, ""); // the rank names no child
      } else {
        // the rank again, with no child, one or all of them
        entryRanks.add(rank);
        entryChildren.add(
            switch (kind) {
              case 1 -> "";
              case 2 ->
                  children(
                      kids, List.of(types.get(rv1Draws.nextInt(types.size()))), false, rv1Draws);
              default -> children(kids, types, true, rv1Draws);
            });
      }
    }
    StringBuilder rlite = new StringBuilder();
    for (int i = 0; i < entryRanks.size(); i++) {
      rlite.append(rlite.length() == 0 ? "" : ", ");
      rlite.append("{\"rank\": \"").append(entryRanks.get(i)).append("\", \"children\": {");
      rlite.append(entryChildren.get(i)).append("}}");
    }
    String name = "r" + files.size() + ".json";
    files.put(
        name,
        "{\"version\": 1, \"execution\": {\"R_lite\": ["
            + rlite
            + "], \"nodelist\": ["
            + String.join(", ", hosts)
            + "], \"starttime\": 0, \"expiration\": 0}}\n");
    return updateLine(rnd, "rv1exec", name);
  }

  /**
   * The members of an R_lite entry's {@code children} object for {@code types} of a rank whose
   * child ids by type are {@code kids}: every id of each ({@code whole}), else one drawn.
   */
  private static String children(
      Map<String, List<Long>> kids, List<String> types, boolean whole, Random draws) {
    StringBuilder children = new StringBuilder();
    for (String t : types) {
      List<Long> ids = kids.get(t);
      List<Long> pick = whole ? ids : List.of(ids.get(draws.nextInt(ids.size())));
      children.append(children.length() == 0 ? "" : ", ");
      children.append('"').append(t).append("\": \"").append(idset(pick)).append('"');
    }
    return children.toString();
  }

  /**
   * {@code update allocate|reserve READER FILE JOBID AT DURATION} for the R file {@code name}: a
   * new job id (sometimes one skipped), now or a little later, for an hour or a short while; drawn
   * from {@code draws}.
   */
  private String updateLine(Random draws, String reader, String name) {
    long id = nextJob + draws.nextInt(2);
    nextJob = id + 1;
    long at = draws.nextInt(3) == 0 ? 100L * (1 + draws.nextInt(20)) : 0;
    long d = draws.nextBoolean() ? 3600 : 1 + draws.nextInt(1000);
    String sub = at > 0 || draws.nextInt(6) == 0 ? "reserve" : "allocate";
    return "update " + sub + " " + reader + " " + name + " " + id + " " + at + " " + d;
  }

  /** An RFC 22 idset of ascending {@code ids} ("0-3,5"). */
  static String idset(List<Long> ids) {
    List<Long> sorted = new ArrayList<>(ids);
    java.util.Collections.sort(sorted);
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < sorted.size()) {
      int j = i;
      while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
        j++;
      }
      sb.append(sb.length() == 0 ? "" : ",").append(sorted.get(i));
      if (j > i) {
        sb.append('-').append(sorted.get(j));
      }
      i = j + 1;
    }
    return sb.toString();
  }

  private String statusCommand() {
    int r = rnd.nextInt(10);
    if (r < 3 && !down.isEmpty()) {
      String p = down.remove(rnd.nextInt(down.size()));
      return "set-status " + p + " up";
    }
    if (r < 6) {
      String[] types = {"node", "node", "socket", "rack", "core", "gpu"};
      String p = anyPath(types[rnd.nextInt(types.length)]);
      down.add(p);
      return "set-status " + p + " down";
    }
    return "get-status " + anyPath("node");
  }

  /** A path of a vertex of {@code type}, or of any type when the graph has none. */
  private String anyPath(String type) {
    List<String> ps = shape.paths.get(type);
    if (ps == null || ps.isEmpty()) {
      List<List<String>> all = new ArrayList<>(shape.paths.values());
      ps = all.get(rnd.nextInt(all.size()));
    }
    return ps.get(rnd.nextInt(ps.size()));
  }

  private String findExpression() {
    String[] simple = {
      "sched-now=allocated",
      "sched-now=free",
      "sched-future=reserved",
      "status=down",
      "status=up and sched-now=allocated",
      "sched-now=allocated or sched-future=reserved",
      "property=fast",
      "agfilter=true",
    };
    int r = rnd.nextInt(10);
    if (r < 5) {
      return simple[rnd.nextInt(simple.length)];
    }
    if (r < 8) {
      String[] by = {"jobid-alloc=", "jobid-span=", "jobid-reserved=", "jobid-tag="};
      return by[rnd.nextInt(by.length)] + someJob();
    }
    if (!shape.nodeNames.isEmpty()) {
      return "names=" + shape.nodeNames.get(rnd.nextInt(shape.nodeNames.size()));
    }
    return "(sched-now=free or status=down) and sched-future=free";
  }

  /**
   * Replaces the rv1exec file {@code rv1exec} just drawn by a JGF R of one to four vertices of one
   * node's subtree (the node included), now and then with an ancestor of the node or the root, each
   * written as the graph's JGF writer writes it (Fluxion's reader checks every field); null when
   * the graph has no node. Draws from {@link #jgfDraws} alone, so that the other draws of a seed
   * stay as they were.
   */
  private String jgfPartialCancel(String rv1exec) {
    List<String> nodes = shape.paths.getOrDefault("node", List.of());
    if (nodes.isEmpty()) {
      return null;
    }
    String node = nodes.get(jgfDraws.nextInt(nodes.size()));
    List<String> under = new ArrayList<>();
    for (String path : shape.jgfNodes.keySet()) {
      if (path.equals(node) || path.startsWith(node + "/")) {
        under.add(path);
      }
    }
    List<String> pick = new ArrayList<>();
    int k = 1 + jgfDraws.nextInt(4);
    for (int i = 0; i < k; i++) {
      String path = under.get(jgfDraws.nextInt(under.size()));
      if (!pick.contains(path)) {
        pick.add(path);
      }
    }
    if (jgfDraws.nextInt(5) == 0) {
      // an ancestor of the node: the root or one between
      List<String> above = new ArrayList<>();
      for (String path : shape.jgfNodes.keySet()) {
        if (node.startsWith(path + "/")) {
          above.add(path);
        }
      }
      pick.add(jgfDraws.nextInt(pick.size() + 1), above.get(jgfDraws.nextInt(above.size())));
    }
    StringBuilder sb = new StringBuilder("{\"graph\": {\"nodes\": [");
    for (int i = 0; i < pick.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(shape.jgfNodes.get(pick.get(i)));
    }
    sb.append("], \"edges\": []}}\n");
    files.remove(rv1exec);
    String name = "pcj" + files.size() + ".json";
    files.put(name, sb.toString());
    return name;
  }

  /**
   * {@code update allocate|reserve jgf FILE JOBID AT DURATION} with a JGF R of one node's subtree
   * (or of one of its children's) taken exclusively, its ancestors shared, and the containment
   * edges between them, each vertex written as the JGF writer writes it; a tenth of the time one
   * vertex is left out of the nodes while its edges stay (Fluxion's reader then fails at an edge,
   * after it read the vertices). Draws from {@link #jgfDraws} alone.
   */
  private String jgfUpdateCommand() {
    List<String> nodes = shape.paths.get("node");
    String node = nodes.get(jgfDraws.nextInt(nodes.size()));
    String top = node;
    List<String> below = new ArrayList<>();
    for (String path : shape.jgfNodes.keySet()) {
      if (path.startsWith(node + "/") && path.indexOf('/', node.length() + 1) < 0) {
        below.add(path);
      }
    }
    if (!below.isEmpty() && jgfDraws.nextBoolean()) {
      top = below.get(jgfDraws.nextInt(below.size()));
    }
    List<String> picked = new ArrayList<>();
    List<Boolean> exclusive = new ArrayList<>();
    for (String path : shape.jgfNodes.keySet()) {
      boolean inside = path.equals(top) || path.startsWith(top + "/");
      if (inside || top.startsWith(path + "/")) {
        picked.add(path);
        exclusive.add(inside);
      }
    }
    int dropped = jgfDraws.nextInt(10) == 0 ? jgfDraws.nextInt(picked.size()) : -1;
    java.util.Set<String> inR = new java.util.HashSet<>(picked);
    StringBuilder nodesText = new StringBuilder();
    StringBuilder edges = new StringBuilder();
    for (int i = 0; i < picked.size(); i++) {
      String path = picked.get(i);
      if (i != dropped) {
        String json = shape.jgfNodes.get(path);
        if (!exclusive.get(i)) {
          json = json.replace(",\"exclusive\":true", "");
        }
        nodesText.append(nodesText.length() == 0 ? "" : ", ").append(json);
      }
      String parent = path.substring(0, path.lastIndexOf('/'));
      if (inR.contains(parent)) {
        edges.append(edges.length() == 0 ? "" : ", ");
        edges.append("{\"source\": \"").append(shape.jgfIds.get(parent));
        edges.append("\", \"target\": \"").append(shape.jgfIds.get(path)).append("\"}");
      }
    }
    String name = "ru" + files.size() + ".json";
    files.put(name, "{\"graph\": {\"nodes\": [" + nodesText + "], \"edges\": [" + edges + "]}}\n");
    return updateLine(jgfDraws, "jgf", name);
  }

  private String partialCancelFile() {
    String name = "pc" + files.size() + ".json";
    List<Integer> ranks = new ArrayList<>(shape.ranks);
    int a = rnd.nextInt(ranks.size());
    int b = Math.min(ranks.size() - 1, a + rnd.nextInt(2));
    String idset = ranks.get(a) + (b > a ? "-" + ranks.get(b) : "");
    files.put(
        name,
        "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \""
            + idset
            + "\", \"children\": {\"core\": \"0\"}}], \"nodelist\": [\"node0\"], \"starttime\": 0,"
            + " \"expiration\": 0}}\n");
    return name;
  }
}
