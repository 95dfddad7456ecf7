package org.flux4j.examples.rqdiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RemoveHangModel} against the real Fluxion: on the graphs of 40 generated scenarios, a
 * script of one to four {@code remove PATH true} of random containment paths (of two random paths
 * the one with fewer siblings, not filtered by the generator's rule, so that many hang), run
 * through Fluxion's resource-query with a 3 s timeout. Where the model predicts no hang, Fluxion
 * ends; where it predicts a hang at command k, Fluxion ends on the first k-1 commands and times out
 * on the first k. Runs only when {@code FLUXION_RQ} names Fluxion's resource-query (skipped with a
 * message otherwise); about a minute. A second test does the same with rank removes.
 */
class RemoveHangFluxionTest {
  private static final long TIMEOUT_MILLIS = 3_000;

  @Test
  void firstHang_randomRemoveScripts_agreesWithFluxion(@TempDir Path tmp) throws IOException {
    String ref = FluxionBinary.orSkip("remove-hang oracle").toString();
    ScenarioGenerator gen =
        new ScenarioGenerator(RqDiff.findFluxionData(Path.of("").toAbsolutePath()));
    Outcomes outcomes = new Outcomes();
    for (long seed = 0; seed < 40; seed++) {
      Scenario s = gen.generate(seed);
      ResourceGraph g = ScenarioGeneratorTest.graphOf(s);
      GraphShape shape = new GraphShape(g);
      Random rnd = new Random(seed);
      List<String> script = new ArrayList<>();
      List<String> types = new ArrayList<>(shape.paths.keySet());
      int n = 1 + rnd.nextInt(4);
      for (int i = 0; i < n; i++) {
        // of two random paths, the one with the fewer siblings, so that about half the scripts
        // reach a parent's last child
        String a = anyPath(shape, types, rnd);
        String b = anyPath(shape, types, rnd);
        script.add("remove " + (siblings(shape, a) <= siblings(shape, b) ? a : b) + " true");
      }
      outcomes.count(checkAgainstFluxion(ref, tmp, seed, s, g, script));
    }
    outcomes.assertBothSeen();
  }

  /**
   * The same with rank removes: on the graphs of 60 generated scenarios that have ranks, one to
   * four removes, each of one or two random ranks of the graph (a rank already gone is left out,
   * its remove is undefined in Fluxion) or of a path (the one of two with fewer siblings).
   */
  @Test
  void firstHang_randomRankRemoveScripts_agreesWithFluxion(@TempDir Path tmp) throws IOException {
    String ref = FluxionBinary.orSkip("remove-hang oracle").toString();
    ScenarioGenerator gen =
        new ScenarioGenerator(RqDiff.findFluxionData(Path.of("").toAbsolutePath()));
    Outcomes outcomes = new Outcomes();
    int rankRemoves = 0;
    for (long seed = 0; outcomes.hangs + outcomes.ends < 60; seed++) {
      Scenario s = gen.generate(seed);
      ResourceGraph g = ScenarioGeneratorTest.graphOf(s);
      GraphShape shape = new GraphShape(g);
      if (shape.ranks.isEmpty()) {
        continue;
      }
      Random rnd = new Random(seed);
      List<Integer> ranks = new ArrayList<>(shape.ranks);
      List<String> types = new ArrayList<>(shape.paths.keySet());
      RemoveHangModel m = new RemoveHangModel(g);
      List<String> script = new ArrayList<>();
      int n = 1 + rnd.nextInt(4);
      for (int i = 0; i < n; i++) {
        if (rnd.nextBoolean()) {
          java.util.SortedSet<Integer> pick = new java.util.TreeSet<>();
          pick.add(ranks.get(rnd.nextInt(ranks.size())));
          if (rnd.nextBoolean()) {
            pick.add(ranks.get(rnd.nextInt(ranks.size())));
          }
          RemoveHangModel.RankRemove what = m.rankRemove(pick);
          if (what == RemoveHangModel.RankRemove.UNDEFINED) {
            continue;
          }
          List<Long> ids = new ArrayList<>();
          pick.forEach(x -> ids.add((long) x));
          script.add("remove " + CommandGenerator.idset(ids) + " false");
          rankRemoves++;
          if (what == RemoveHangModel.RankRemove.HANGS) {
            break;
          }
          m.removeRanks(pick);
        } else {
          String a = anyPath(shape, types, rnd);
          String b = anyPath(shape, types, rnd);
          String path = siblings(shape, a) <= siblings(shape, b) ? a : b;
          script.add("remove " + path + " true");
          if (m.hangs(path)) {
            break;
          }
          m.remove(path);
        }
      }
      if (script.isEmpty()) {
        continue;
      }
      outcomes.count(checkAgainstFluxion(ref, tmp, seed, s, g, script));
    }
    outcomes.assertBothSeen();
    assertThat(rankRemoves).as("rank removes").isGreaterThan(40);
  }

  /**
   * Runs {@code script} on the scenario's graph through Fluxion as the model predicts it: to its
   * end when no remove hangs, else up to the hanging remove (which must time out) and before it
   * (which must not). Returns whether a hang was predicted.
   */
  private static boolean checkAgainstFluxion(
      String ref, Path tmp, long seed, Scenario s, ResourceGraph g, List<String> script)
      throws IOException {
    String hang = RemoveHangModel.firstHang(g, script, s.files(), true);
    if (hang == null) {
      assertThat(timesOut(ref, tmp.resolve(seed + "-all"), s, script))
          .as("seed %d: %s", seed, script)
          .isFalse();
      return false;
    }
    int k = script.indexOf(hang);
    assertThat(timesOut(ref, tmp.resolve(seed + "-before"), s, script.subList(0, k)))
        .as("seed %d: %s before %s", seed, script, hang)
        .isFalse();
    assertThat(timesOut(ref, tmp.resolve(seed + "-with"), s, script.subList(0, k + 1)))
        .as("seed %d: %s up to %s", seed, script, hang)
        .isTrue();
    return true;
  }

  private static String anyPath(GraphShape shape, List<String> types, Random rnd) {
    List<String> ps = shape.paths.get(types.get(rnd.nextInt(types.size())));
    return ps.get(rnd.nextInt(ps.size()));
  }

  /** The containment paths that share {@code path}'s parent path (itself included). */
  private static long siblings(GraphShape shape, String path) {
    String parent = path.substring(0, Math.max(0, path.lastIndexOf('/')) + 1);
    return shape.paths.values().stream()
        .flatMap(List::stream)
        .filter(q -> q.startsWith(parent) && q.indexOf('/', parent.length()) < 0)
        .count();
  }

  private static boolean timesOut(String ref, Path dir, Scenario s, List<String> script)
      throws IOException {
    Scenario run = s.withCommands(script);
    run.writeTo(dir);
    Runs.Outcome o = Runs.fluxion(Path.of(ref), dir, run.args(), TIMEOUT_MILLIS);
    assertThat(o.exit()).as("Fluxion crashed: %s", o.stderr()).isLessThan(128);
    return o.timedOut();
  }

  /** How many scripts the model said hang and how many end (each checked against Fluxion). */
  private static final class Outcomes {
    int hangs;
    int ends;

    void count(boolean hung) {
      if (hung) {
        hangs++;
      } else {
        ends++;
      }
    }

    void assertBothSeen() {
      assertThat(hangs).as("scripts predicted to hang").isGreaterThan(8);
      assertThat(ends).as("scripts predicted to end").isGreaterThan(8);
    }
  }
}
