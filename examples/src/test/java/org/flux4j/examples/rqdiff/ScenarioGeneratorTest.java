package org.flux4j.examples.rqdiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.GraphFormat;
import org.flux4j.graph.io.GraphReaders;
import org.flux4j.policy.jobspec.Jobspec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario generator writes valid scenarios: every jobspec parses, every graph loads, every
 * command is one the tool accepts (flux4j runs each scenario without a usage, jobspec or file
 * error), the same seed gives the same scenario, and a few hundred seeds cover every policy,
 * writer, match sub-command, load format (hwloc XML included) and graph change (update from R,
 * attach, remove).
 */
class ScenarioGeneratorTest {
  private static final Path DATA = RqDiff.findFluxionData(Path.of("").toAbsolutePath());
  private static final ScenarioGenerator GEN = new ScenarioGenerator(DATA);

  @BeforeAll
  static void needsFluxionsTestData() {
    // the generator draws Fluxion's test graphs (shared/conformance), as the conformance suite does
    assumeTrue(
        DATA != null,
        "no shared/conformance/flux-sched/t/data/resource above the working directory: the"
            + " scenario generator's tests are skipped");
  }

  @Test
  void generate_manySeeds_jobspecsParseAndGraphsLoad() {
    for (long seed = 0; seed < 300; seed++) {
      Scenario s = GEN.generate(seed);
      String format =
          s.options().stream()
              .filter(o -> o.startsWith("--load-format="))
              .findFirst()
              .orElseThrow()
              .substring("--load-format=".length());
      ResourceGraph g =
          GraphReaders.read(s.graph(), s.graphFile(), GraphFormat.byName(format).orElseThrow());
      assertThat(g.vertexCount()).as("seed %d", seed).isPositive();
      for (JobspecModel j : s.jobspecs()) {
        String yaml = j.toYaml();
        assertThatCode(() -> Jobspec.parse(yaml, "job.yaml"))
            .as("seed %d jobspec:%n%s", seed, yaml)
            .doesNotThrowAnyException();
      }
    }
  }

  @Test
  void generate_manySeeds_flux4jRunsThemWithoutInputErrors(@TempDir Path tmp) throws IOException {
    for (long seed = 0; seed < 60; seed++) {
      Scenario s = GEN.generate(seed);
      Path dir = tmp.resolve("s" + seed);
      s.writeTo(dir);
      Runs.Outcome o = Runs.flux4j(dir, s.args());
      assertThat(o.exit()).as("seed %d: %s", seed, o.stderr()).isZero();
      assertThat(o.stderr())
          .as("seed %d", seed)
          .doesNotContain("Jobspec error")
          .doesNotContain("malformed command")
          .doesNotContain("can't open")
          .doesNotContain("unknown subcmd");
      assertThat(Files.exists(dir.resolve("out.txt"))).isTrue();
    }
  }

  @Test
  void generate_sameSeed_sameScenario() {
    for (long seed = 0; seed < 20; seed++) {
      assertThat(GEN.generate(seed)).isEqualTo(GEN.generate(seed));
    }
    assertThat(GEN.generate(1)).isNotEqualTo(GEN.generate(2));
  }

  @Test
  void generate_fewHundredSeeds_drawOrSlotsAndXorSlotsOnlyUnderTheFlexibleTraverser() {
    int orSlots = 0;
    int xorSlots = 0;
    for (long seed = 0; seed < 400; seed++) {
      Scenario s = GEN.generate(seed);
      for (JobspecModel j : s.jobspecs()) {
        String yaml = j.toYaml();
        int slots = yaml.split("type: slot\n", -1).length - 1;
        boolean xor = yaml.contains("type: xor_slot\n");
        if (slots > 1 || xor) {
          assertThat(s.options()).as("seed %d", seed).contains("--traverser-policy=flexible");
          assertThatCode(() -> Jobspec.parse(yaml, "job.yaml"))
              .as("seed %d jobspec:%n%s", seed, yaml)
              .doesNotThrowAnyException();
        }
        orSlots += slots > 1 ? 1 : 0;
        xorSlots += xor ? 1 : 0;
      }
    }
    assertThat(orSlots).as("jobspecs with or-slots").isGreaterThan(5);
    assertThat(xorSlots).as("jobspecs with xor_slot").isGreaterThan(2);
  }

  @Test
  void generate_fewHundredSeeds_drawPowerSubsystemsMatchedAsCaOrCPlusPa() {
    int withPower = 0;
    Set<String> subsystems = new HashSet<>();
    for (long seed = 0; seed < 400; seed++) {
      Scenario s = GEN.generate(seed);
      if (!s.label().contains("graph=generated-power")) {
        continue;
      }
      withPower++;
      ResourceGraph g =
          GraphReaders.read(s.graph(), s.graphFile(), GraphFormat.byName("grug").get());
      assertThat(g.subsystems()).as("seed %d", seed).contains("containment", "power");
      assertThat(s.graph()).as("seed %d", seed).contains("ASSOCIATE_BY_PATH_IN");
      s.options().stream()
          .filter(o -> o.startsWith("--match-subsystems="))
          .forEach(subsystems::add);
    }
    assertThat(withPower).as("scenarios with a power subsystem").isGreaterThan(5);
    assertThat(subsystems)
        .containsExactlyInAnyOrder("--match-subsystems=CA", "--match-subsystems=C+PA");
  }

  @Test
  void generate_fewHundredSeeds_coverPoliciesWritersOpsAndFormats() {
    Set<String> seen = new HashSet<>();
    for (long seed = 0; seed < 400; seed++) {
      Scenario s = GEN.generate(seed);
      seen.addAll(s.options());
      for (String c : s.commands()) {
        String[] t = c.split(" ", -1);
        seen.add("cmd:" + t[0]);
        if (t.length > 1) {
          seen.add("cmd:" + t[0] + " " + t[1]);
        }
      }
    }
    for (String p : ScenarioGenerator.POLICIES) {
      assertThat(seen).contains("--match-policy=" + p);
    }
    assertThat(seen).anyMatch(o -> o.startsWith("--match-policy=policy="));
    for (String w : ScenarioGenerator.WRITERS) {
      assertThat(seen).contains("--match-format=" + w);
    }
    for (String op :
        new String[] {
          "allocate", "allocate_orelse_reserve", "allocate_with_satisfiability",
          "satisfiability", "without_allocating", "without_allocating_future"
        }) {
      assertThat(seen).contains("cmd:match " + op);
    }
    assertThat(seen)
        .contains(
            "--load-format=grug",
            "--load-format=rv1exec",
            "--traverser-policy=flexible",
            "cmd:multi-match",
            "cmd:cancel",
            "cmd:partial-cancel",
            "cmd:info",
            "cmd:find",
            "cmd:set-status",
            "cmd:get-status",
            "cmd:set-property",
            "cmd:get-property",
            "cmd:stat",
            "--load-format=hwloc",
            "--load-format=jgf",
            "cmd:update allocate",
            "cmd:update reserve",
            "cmd:attach",
            "cmd:remove");
    assertThat(seen).anyMatch(o -> o.startsWith("--load-allowlist="));
    assertThat(seen).anyMatch(o -> o.startsWith("--prune-filters="));
  }

  /**
   * Over 2000 seeds, no script holds a command shape that hangs or crashes Fluxion, checked by a
   * model written here independently of {@link RemoveHangModel} (containment paths as strings,
   * children found by path prefix, ranks per path): no {@code remove} of its parent's last entry
   * (live containment children, plus the parent's out-edges in other subsystems, which Fluxion
   * keeps), by path or by ranks (their roots one after the other), no rank remove that Fluxion does
   * not define (a rank with no vertex left, a root without a parent, an unknown rank after a known
   * one), no {@code attach} after a future search, no prune filter of the root's type alone. A rank
   * remove takes exactly the vertices of its ranks: a GRUG node's sockets and cores stay, by path,
   * without a parent. And removes are still drawn as often as before the rules: measured on seeds
   * 0-1999, 1449 scenarios (72%) remove something (as before rank removes, which replace a third of
   * the path removes drawn: 2872 removes in all, as before); 1748 of their 2089 path removes (84%)
   * take a live non-root subtree away (the rest name a path already gone, one left without a
   * parent, or the root, which Fluxion refuses with an error), on every type the generator draws;
   * 629 scenarios (31%) hold 783 rank removes, 735 of them (94%) of live ranks (the rest name a
   * rank the graph never had, an error).
   */
  @Test
  void generate_2000Seeds_noHangingShapeAndRemovesStillDrawn() {
    int scenarios = 2000;
    int withRemove = 0;
    int withRankRemove = 0;
    int removes = 0;
    int effective = 0;
    int rankRemoves = 0;
    int effectiveRank = 0;
    Set<String> removedTypes = new HashSet<>();
    for (long seed = 0; seed < scenarios; seed++) {
      Scenario s = GEN.generate(seed);
      ResourceGraph g = graphOf(s);
      PathModel m = new PathModel(g);
      boolean futureSearched = false;
      boolean removed = false;
      boolean rankRemoved = false;
      String root = g.path(g.roots()[0]);
      for (String o : s.options()) {
        if (o.startsWith("--prune-filters=")) {
          assertThat(o)
              .as("seed %d", seed)
              .isNotEqualTo("--prune-filters=ALL:" + g.type(g.roots()[0]));
        }
      }
      for (String c : s.commands()) {
        String[] t = c.split(" ", -1);
        if (c.contains("allocate_orelse_reserve") || c.contains("without_allocating_future")) {
          futureSearched = true;
        }
        if (t[0].equals("attach")) {
          assertThat(futureSearched).as("seed %d: %s after a future search", seed, c).isFalse();
          m.attach(graphOfJgf(s.files().get(t[1])));
        }
        if (t[0].equals("remove") && t[2].equals("false")) {
          assertThat(t).as("seed %d", seed).hasSize(3);
          String what = m.removeRanks(rankList(t[1]));
          assertThat(what).as("seed %d: %s", seed, c).isIn("removes", "error");
          rankRemoves++;
          effectiveRank += what.equals("removes") ? 1 : 0;
          rankRemoved = true;
          removed = true;
        } else if (t[0].equals("remove")) {
          assertThat(t).as("seed %d", seed).hasSize(3);
          assertThat(t[2]).isEqualTo("true");
          assertThat(m.lastEntry(t[1])).as("seed %d: %s hangs Fluxion", seed, c).isFalse();
          removes++;
          removed = true;
          if (m.live.contains(t[1]) && !t[1].equals(root) && m.hasParent(t[1])) {
            effective++;
            removedTypes.add(
                g.vertexByPath(t[1]).isPresent()
                    ? g.type(g.vertexByPath(t[1]).getAsInt())
                    : "attached");
          }
          m.remove(t[1]);
        }
      }
      withRemove += removed ? 1 : 0;
      withRankRemove += rankRemoved ? 1 : 0;
    }
    assertThat(withRemove).as("scenarios with a remove").isGreaterThan(scenarios * 65 / 100);
    assertThat(effective).as("removes of a live subtree").isGreaterThan(removes * 80 / 100);
    assertThat(removedTypes).contains("node", "socket", "core", "gpu", "memory", "rack");
    assertThat(withRankRemove).as("scenarios with a rank remove").isGreaterThan(scenarios / 4);
    assertThat(effectiveRank).as("removes of live ranks").isGreaterThan(rankRemoves * 85 / 100);
  }

  /** The ranks of a generated idset: "3", "0-2", "1,4", "[2]". */
  /**
   * Under a policy that stops on its first match, no remove clears a vertex that a vertex of
   * another subsystem staying behind supplies (a pdu's power edge to a removed node): Fluxion's
   * explore then reads a freed edge (RemoveHangModel#danglingAfter). Checked against the graph as
   * loaded: a path remove's containment subtree by path prefix, a rank remove's vertices by rank.
   * Such scenarios still draw removes of the vertices nothing else supplies.
   */
  @Test
  void generate_2000Seeds_noRemoveLeavesAFreedEdgeBehindForFirstMatchPolicies() {
    int guarded = 0;
    int removesThere = 0;
    for (long seed = 0; seed < 2000; seed++) {
      Scenario s = GEN.generate(seed);
      String policy =
          s.options().stream()
              .filter(o -> o.startsWith("--match-policy="))
              .map(o -> o.substring("--match-policy=".length()))
              .findFirst()
              .orElse("first");
      if (!org.flux4j.policy.match.MatchPolicies.byName(policy).stopOnFirstMatch()) {
        continue;
      }
      ResourceGraph g = graphOf(s);
      if (g.subsystems().size() < 2) {
        continue;
      }
      guarded++;
      for (String c : s.commands()) {
        String[] t = c.split(" ", -1);
        if (!t[0].equals("remove")) {
          continue;
        }
        java.util.OptionalInt named = g.vertexByPath(t[1]);
        if (t[2].equals("true")
            && (named.isEmpty() || g.parent(named.getAsInt()) == ResourceGraph.NONE)) {
          continue; // Fluxion refuses the root's remove and changes nothing
        }
        removesThere++;
        Set<Integer> cleared = new HashSet<>();
        java.util.List<Integer> ranks = t[2].equals("false") ? rankList(t[1]) : null;
        for (int v = 0; v < g.vertexLimit(); v++) {
          if (!g.isLive(v) || !g.isMember(v, 0)) {
            continue;
          }
          String p = g.path(v);
          if (ranks == null
              ? p.equals(t[1]) || p.startsWith(t[1] + "/")
              : ranks.contains(g.rank(v))) {
            cleared.add(v);
          }
        }
        long sd = seed;
        for (int sub = 1; sub < g.subsystems().size(); sub++) {
          int ss = sub;
          g.forEachEdge(
              sub,
              (a, b, rel) ->
                  assertThat(cleared.contains(b) && !cleared.contains(a))
                      .as("seed %d: %s leaves %s's entry for %s", sd, c, g.path(a, ss), g.path(b))
                      .isFalse());
        }
      }
    }
    assertThat(guarded).as("power graphs under first-match policies").isGreaterThan(20);
    assertThat(removesThere).as("removes still drawn there").isGreaterThan(5);
  }

  private static java.util.List<Integer> rankList(String idset) {
    java.util.List<Integer> out = new java.util.ArrayList<>();
    for (String part : idset.replace("[", "").replace("]", "").split(",", -1)) {
      String[] ends = part.split("-", -1);
      int lo = Integer.parseInt(ends[0]);
      int hi = Integer.parseInt(ends[ends.length - 1]);
      for (int r = lo; r <= hi; r++) {
        out.add(r);
      }
    }
    java.util.Collections.sort(out);
    return out;
  }

  /** The graph of {@code s} as Fluxion loads it (format and hwloc allowlist from its options). */
  static ResourceGraph graphOf(Scenario s) {
    String format = option(s, "--load-format=");
    String allow = option(s, "--load-allowlist=");
    return GraphReaders.read(
        s.graph(),
        s.graphFile(),
        GraphFormat.byName(format).orElseThrow(),
        allow == null ? Set.of() : Set.of(allow.split(",", -1)));
  }

  private static ResourceGraph graphOfJgf(String text) {
    return GraphReaders.read(text, "attach.json", GraphFormat.JGF);
  }

  private static String option(Scenario s, String prefix) {
    return s.options().stream()
        .filter(o -> o.startsWith(prefix))
        .map(o -> o.substring(prefix.length()))
        .findFirst()
        .orElse(null);
  }

  /**
   * Live containment paths with their ranks (in load order), and per path the out-edges that do not
   * lead to a child named under it (edges of other subsystems, and containment edges to a vertex
   * whose path runs through another parent, as the storage units of flux-sched's mt-storage
   * graphs); the generator never removes their targets, so they stay. A path whose parent path is
   * gone while it stays was left behind by a rank remove: it has no parent.
   */
  private static final class PathModel {
    final Set<String> live = new HashSet<>();
    final java.util.Map<String, Integer> otherOut = new java.util.HashMap<>();
    final java.util.Map<String, Integer> rankOf = new java.util.LinkedHashMap<>();
    final Set<Integer> knownRanks = new HashSet<>();

    PathModel(ResourceGraph g) {
      add(g);
    }

    void attach(ResourceGraph sub) {
      add(sub);
    }

    private void add(ResourceGraph g) {
      java.util.Map<String, Set<Integer>> other = new java.util.HashMap<>();
      for (int v = 0; v < g.vertexLimit(); v++) {
        if (g.isLive(v) && g.isMember(v, 0) && live.add(g.path(v))) {
          rankOf.put(g.path(v), g.rank(v));
          knownRanks.add(g.rank(v));
        }
      }
      for (int s = 0; s < g.subsystems().size(); s++) {
        g.forEachEdge(
            s,
            (a, b, rel) -> {
              if (g.isMember(a, 0) && g.parent(b) != a) {
                other.computeIfAbsent(g.path(a), k -> new HashSet<>()).add(b);
              }
            });
      }
      other.forEach((p, ts) -> otherOut.merge(p, ts.size(), Integer::sum));
    }

    private static String parentOf(String path) {
      return path.substring(0, Math.max(0, path.lastIndexOf('/')));
    }

    boolean hasParent(String path) {
      return live.contains(parentOf(path));
    }

    /** The entries {@code parent}'s out-edge map holds. */
    private long entries(String parent) {
      int depth = parent.length();
      long children =
          live.stream()
              .filter(q -> q.lastIndexOf('/') == depth && q.startsWith(parent + "/"))
              .count();
      return children + otherOut.getOrDefault(parent, 0);
    }

    /** Whether {@code path} is live, has a parent, and is its parent's only entry. */
    boolean lastEntry(String path) {
      return live.contains(path) && hasParent(path) && entries(parentOf(path)) == 1;
    }

    void remove(String path) {
      if (lastEntry(path) || !live.contains(path) || !hasParent(path)) {
        return;
      }
      // the subtree reachable from path: below it, every path between is live
      Set<String> gone = new HashSet<>();
      gone.add(path);
      for (String q : live) {
        if (!q.startsWith(path + "/")) {
          continue;
        }
        boolean reached = true;
        for (String up = parentOf(q); up.length() > path.length(); up = parentOf(up)) {
          reached &= live.contains(up);
        }
        if (reached) {
          gone.add(q);
        }
      }
      live.removeAll(gone);
    }

    /**
     * Fluxion's {@code remove RANKS false}, applied when it ends: "removes", "error" (the lowest
     * rank is unknown, nothing changes), "hangs" or "undefined".
     */
    String removeRanks(java.util.List<Integer> ranks) {
      if (!knownRanks.contains(ranks.get(0))) {
        return "error";
      }
      java.util.Map<String, Integer> erased = new java.util.HashMap<>();
      Set<String> doomed = new HashSet<>();
      for (int r : ranks) {
        String top = null;
        for (java.util.Map.Entry<String, Integer> e : rankOf.entrySet()) {
          String p = e.getKey();
          if (e.getValue() == r && live.contains(p)) {
            doomed.add(p);
            if (top == null || p.length() < top.length()) {
              top = p;
            }
          }
        }
        if (!knownRanks.contains(r) || top == null || !hasParent(top)) {
          return "undefined";
        }
        String parent = parentOf(top);
        if (entries(parent) - erased.getOrDefault(parent, 0) == 1) {
          return "hangs";
        }
        erased.merge(parent, 1, Integer::sum);
      }
      live.removeAll(doomed);
      return "removes";
    }
  }

  @Test
  void idset_compressesRunsAsRfc22Writes() {
    assertThat(CommandGenerator.idset(java.util.List.of(3L, 0L, 1L, 2L, 5L, 7L, 8L)))
        .isEqualTo("0-3,5,7-8");
    assertThat(CommandGenerator.idset(java.util.List.of(4L))).isEqualTo("4");
  }
}
