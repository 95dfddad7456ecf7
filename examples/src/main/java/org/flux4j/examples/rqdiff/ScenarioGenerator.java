package org.flux4j.examples.rqdiff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flux4j.examples.rqdiff.GrugRecipe.Edge;
import org.flux4j.examples.rqdiff.GrugRecipe.Kind;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.GraphFormat;
import org.flux4j.graph.io.GraphReaders;
import org.flux4j.policy.writer.MatchWriters;

/**
 * Draws a random, valid resource-query {@link Scenario} from a seed: the same seed always gives the
 * same scenario. The graph is a generated GRUG recipe (varied levels, counts, pool sizes and id
 * numbering), a generated rv1exec R, or one of Fluxion's own test graphs (GRUG, JGF, rv1exec and
 * hwloc XML, with their subsystems, and the JGF subgraphs its elastic tests attach); the jobspecs
 * and commands are written against the loaded graph's types and paths (see {@link JobspecGenerator}
 * and {@link CommandGenerator}); the options cover every match policy (names and custom strings),
 * every writer, prune filters and the flexible traverser.
 *
 * <p>Thread-safe (no mutable state beyond the constructor's).
 */
public final class ScenarioGenerator {

  /** One of Fluxion's test graphs: its file under the data folder, reader and subsystem options. */
  private record Fixed(String file, String format, List<String> subsystems) {}

  private static final List<Fixed> FIXED =
      List.of(
          new Fixed("grugs/tiny.graphml", "grug", List.of("CA")),
          new Fixed("grugs/small.graphml", "grug", List.of("CA")),
          new Fixed("grugs/medium.graphml", "grug", List.of("CA")),
          new Fixed("grugs/resv_test.graphml", "grug", List.of("CA")),
          new Fixed("grugs/coarse_iobw.graphml", "grug", List.of("CA")),
          new Fixed("grugs/power.graphml", "grug", List.of("CA", "C+PA")),
          new Fixed("grugs/advanced_test.graphml", "grug", List.of("CA")),
          new Fixed("grugs/mt-storage/mtl1.graphml", "grug", List.of("CA")),
          new Fixed("grugs/mt-storage/mtl3.graphml", "grug", List.of("CA")),
          new Fixed("jgfs/tiny.json", "jgf", List.of("CA")),
          new Fixed("jgfs/power.json", "jgf", List.of("CA")),
          new Fixed("jgfs/elastic/node-test.json", "jgf", List.of("CA")),
          new Fixed("rv1exec/tiny_rv1exec.json", "rv1exec", List.of("CA")),
          new Fixed("../hwloc-data/001N/node_local_storage/lassen/0.xml", "hwloc", List.of("CA")),
          new Fixed("../hwloc-data/001N/node_local_storage/catalyst/0.xml", "hwloc", List.of("CA")),
          new Fixed("../hwloc-data/001N/node_local_storage/corona/0.xml", "hwloc", List.of("CA")));

  /** The resource types an hwloc graph is sometimes restricted to ({@code --load-allowlist}). */
  private static final List<String> HWLOC_ALLOWLIST =
      List.of("node", "socket", "core", "gpu", "storage");

  /** JGF subgraphs that Fluxion's elastic tests attach, by the test graph they fit. */
  private static final Map<String, List<String>> ATTACHABLE =
      Map.of(
          "jgfs/elastic/node-test.json",
          List.of("jgfs/elastic/node-add-test.json", "jgfs/elastic/node-add-test-random.json"));

  static final List<String> POLICIES =
      List.of(
          "first",
          "firstnodex",
          "high",
          "low",
          "hinode",
          "lonode",
          "hinodex",
          "lonodex",
          "locality",
          "variation");

  static final List<String> CUSTOM_POLICIES =
      List.of(
          "policy=high",
          "policy=low",
          "policy=high node_centric=true",
          "policy=low node_centric=true",
          "policy=low node_centric=true node_exclusive=true",
          "policy=high node_centric=true stop_on_1_matches=true",
          "policy=low node_centric=true stop_on_1_matches=true",
          "policy=high node_centric=true node_exclusive=true stop_on_1_matches=true",
          "policy=low stop_on_1_matches=true");

  /** Fluxion's writers (flux4j registers them under Fluxion's names, in Fluxion's order). */
  static final List<String> WRITERS = MatchWriters.names();

  private final Path fluxionData;

  /**
   * Creates a generator.
   *
   * @param fluxionData flux-sched's {@code t/data/resource} folder, whose test graphs are used too,
   *     or null to generate every graph
   */
  public ScenarioGenerator(Path fluxionData) {
    this.fluxionData = fluxionData;
  }

  /** The scenario of {@code seed}. */
  public Scenario generate(long seed) {
    Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + 17);
    String graphFile;
    String graphText = "";
    GrugRecipe recipe = null;
    String format;
    String subsystems = "CA";
    String graphName;
    int pick = rnd.nextInt(100);
    if (fluxionData != null && pick < 40) {
      Fixed f = FIXED.get(rnd.nextInt(FIXED.size()));
      if (f.file().equals("jgfs/tiny.json")
          && new Random(seed * 0xD6E8FEB86659FD93L + 71).nextBoolean()) {
        // half the time its twin with a rank on every vertex of a node (Fluxion's partial-cancel
        // tests), whose rank cancels free sockets and cores too: drawn from a random source of
        // its own so that the scenarios of the other seeds stay as they were
        f = new Fixed("jgfs/elastic/tiny-partial-cancel.json", "jgf", List.of("CA"));
      }
      graphText = read(fluxionData.resolve(f.file()));
      format = f.format();
      graphFile =
          switch (format) {
            case "grug" -> "graph.graphml";
            case "hwloc" -> "graph.xml";
            default -> "graph.json";
          };
      subsystems = f.subsystems().get(rnd.nextInt(f.subsystems().size()));
      graphName = f.file();
    } else if (pick < 47) {
      graphText = rv1exec(rnd);
      format = "rv1exec";
      graphFile = "graph.json";
      graphName = "generated-rv1exec";
    } else {
      recipe = recipe(rnd);
      format = "grug";
      graphFile = "graph.graphml";
      graphName = "generated";
    }
    // a power subsystem beside a generated containment tree, matched as CA or C+PA: drawn from a
    // random source of its own so that the scenarios of the seeds that draw none stay as they were
    Random power = new Random(seed * 0x165667B19E3779F9L + 37);
    if (recipe != null && power.nextInt(6) == 0) {
      int[] pools = {1, 2, 10, 100};
      recipe = recipe.withPower(pools[power.nextInt(pools.length)]);
      if (recipe.power() > 0) {
        graphName = "generated-power";
        if (power.nextInt(3) > 0) {
          subsystems = "C+PA";
        }
      }
    }
    String text = recipe != null ? recipe.toGraphml() : graphText;
    boolean allowlist = format.equals("hwloc") && rnd.nextBoolean();
    ResourceGraph g =
        GraphReaders.read(
            text,
            graphFile,
            GraphFormat.byName(format).orElseThrow(),
            allowlist ? java.util.Set.copyOf(HWLOC_ALLOWLIST) : java.util.Set.of());
    GraphShape shape = new GraphShape(g);

    String policy =
        rnd.nextInt(5) == 0
            ? CUSTOM_POLICIES.get(rnd.nextInt(CUSTOM_POLICIES.size()))
            : POLICIES.get(rnd.nextInt(POLICIES.size()));
    String writer = WRITERS.get(rnd.nextInt(WRITERS.size()));
    List<String> options = new ArrayList<>();
    options.add("--load-format=" + format);
    options.add("--match-subsystems=" + subsystems);
    options.add("--match-policy=" + policy);
    options.add("--match-format=" + writer);
    String prune = pruneFilters(rnd, shape);
    if (!prune.isEmpty()) {
      options.add("--prune-filters=" + prune);
    }
    if (rnd.nextInt(20) == 0) {
      options.add("--traverser-policy=flexible");
    }
    if (allowlist) {
      options.add("--load-allowlist=" + String.join(",", HWLOC_ALLOWLIST));
    }
    // one scenario in four prints the load statistics and each operation's visit counts (-e),
    // drawn from a random source of its own so that the other draws of every seed stay as they were
    if (new Random(seed * 0x94D049BB133111EBL + 79).nextInt(4) == 0) {
      options.add("-e");
    }

    int nJobs = 1 + rnd.nextInt(4);
    JobspecGenerator jobs = new JobspecGenerator(rnd, shape);
    List<JobspecModel> jobspecs = new ArrayList<>();
    for (int i = 0; i < nJobs; i++) {
      jobspecs.add(jobs.jobspec());
    }
    // or-slots and xor_slot alternatives under the flexible traverser, drawn from a random source
    // of their own so that the scenarios of the seeds that draw none stay as they were
    Random flexible = new Random(seed * 0xC2B2AE3D27D4EB4FL + 31);
    if (flexible.nextInt(8) == 0) {
      if (!options.contains("--traverser-policy=flexible")) {
        options.add("--traverser-policy=flexible");
      }
      for (int i = 0; i < jobspecs.size(); i++) {
        if (flexible.nextBoolean()) {
          jobspecs.set(i, JobspecGenerator.orSlots(flexible, jobspecs.get(i)));
        }
      }
    }
    Map<String, String> files = new LinkedHashMap<>();
    List<String> attachables = new ArrayList<>();
    for (String a : ATTACHABLE.getOrDefault(graphName, List.of())) {
      String name = "attach" + attachables.size() + ".json";
      files.put(name, read(fluxionData.resolve(a)));
      attachables.add(name);
    }
    List<String> script =
        new CommandGenerator(
                rnd,
                shape,
                policy,
                files,
                nJobs,
                format,
                attachables,
                new RemoveWorlds(g),
                new Random(seed * 0x2545F4914F6CDD1DL + 43),
                new Random(seed * 0x9E3779B97F4A7C15L + 59),
                new Random(seed * 0xBF58476D1CE4E5B9L + 67))
            .script();
    String label = "policy=" + policy + " format=" + writer + " graph=" + graphName;
    return new Scenario(label, recipe, graphFile, graphText, options, jobspecs, files, script);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A containment recipe: cluster, optional racks, nodes, optional sockets, cores, gpus, memory.
   */
  static GrugRecipe recipe(Random rnd) {
    List<Kind> kinds = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    String[] roots = {"tiny", "sim", "cz", "cluster", "medium"};
    kinds.add(new Kind("cluster", roots[rnd.nextInt(roots.length)], 1, ""));
    int parent = 0;
    int budget = 1;
    if (rnd.nextInt(3) > 0) {
      int racks = 1 + rnd.nextInt(3);
      parent = add(kinds, edges, new Kind("rack", "rack", 1, ""), 0, racks, rnd, 0);
      budget *= racks;
    }
    int nodes = 1 + rnd.nextInt(Math.max(1, 12 / budget));
    int node = add(kinds, edges, new Kind("node", "node", 1, ""), parent, nodes, rnd, 1);
    int under = node;
    if (rnd.nextInt(4) > 0) {
      under =
          add(kinds, edges, new Kind("socket", "socket", 1, ""), node, 1 + rnd.nextInt(2), rnd, 0);
    }
    List<Kind> leaves = new ArrayList<>();
    leaves.add(new Kind("core", "core", 1, ""));
    if (rnd.nextInt(2) == 0) {
      leaves.add(new Kind("gpu", "gpu", 1, ""));
    }
    if (rnd.nextInt(2) == 0) {
      long[] sizes = {1, 2, 4, 8, 16};
      leaves.add(new Kind("memory", "memory", sizes[rnd.nextInt(sizes.length)], "GB"));
    }
    java.util.Collections.shuffle(leaves, rnd);
    for (Kind k : leaves) {
      int scale =
          switch (k.type()) {
            case "core" -> 1 + rnd.nextInt(16);
            case "gpu" -> 1 + rnd.nextInt(2);
            default -> 1 + rnd.nextInt(4);
          };
      add(kinds, edges, k, under, scale, rnd, rnd.nextInt(2));
    }
    return new GrugRecipe(kinds, edges);
  }

  private static int add(
      List<Kind> kinds, List<Edge> edges, Kind k, int parent, int scale, Random rnd, int scope) {
    kinds.add(k);
    int idx = kinds.size() - 1;
    int start = rnd.nextInt(8) == 0 ? 1 + rnd.nextInt(3) : 0;
    int stride = scope > 0 && rnd.nextInt(8) == 0 ? 2 : 1;
    int s = scope > 0 && rnd.nextInt(6) == 0 ? 2 : scope;
    edges.add(new Edge(parent, idx, scale, s, start, stride));
    return idx;
  }

  /** An RFC 20 R of a few nodes with cores and sometimes gpus. */
  static String rv1exec(Random rnd) {
    int nodes = 1 + rnd.nextInt(8);
    int cores = 1 + rnd.nextInt(16);
    int gpus = rnd.nextInt(3);
    String children =
        "{\"core\": \""
            + upTo(cores)
            + "\""
            + (gpus > 0 ? ", \"gpu\": \"" + upTo(gpus) + "\"" : "")
            + "}";
    return "{\"version\": 1, \"execution\": {\"R_lite\": [{\"rank\": \""
        + upTo(nodes)
        + "\", \"children\": "
        + children
        + "}], \"starttime\": 0, \"expiration\": 0, \"nodelist\": [\""
        + (nodes == 1 ? "node0" : "node[" + upTo(nodes) + "]")
        + "\"]}}\n";
  }

  /** The idset 0..n-1 as a user writes it ("0" for one). */
  private static String upTo(int n) {
    return n == 1 ? "0" : "0-" + (n - 1);
  }

  /**
   * Prune filters over the graph's types, all of the form ALL:type: Fluxion aborts
   * (std::out_of_range "no element available") with a filter at one type (e.g. rack:core,
   * node:core) on JGF graphs, and on GRUG graphs once reservations start; and none that names the
   * root's type alone (see the end).
   */
  private static String pruneFilters(Random rnd, GraphShape shape) {
    if (rnd.nextInt(5) < 2) {
      return "";
    }
    List<String> leaves = new ArrayList<>();
    List<String> inner = new ArrayList<>();
    for (String t : shape.total.keySet()) {
      (shape.childrenOf(t).isEmpty() ? leaves : inner).add(t);
    }
    List<String> parts = new ArrayList<>();
    int n = 1 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      List<String> from = rnd.nextInt(4) == 0 && !inner.isEmpty() ? inner : leaves;
      String p = "ALL:" + from.get(rnd.nextInt(from.size()));
      if (!parts.contains(p)) {
        parts.add(p);
      }
    }
    if (parts.equals(List.of("ALL:" + shape.rootType))) {
      // the root's own type alone gives the root no subtree planner, and Fluxion aborts
      // (std::out_of_range from subplans.at in dfu_traverser_t::schedule) on the first
      // allocate_orelse_reserve or without_allocating_future that has to search the future
      return "";
    }
    return String.join(",", parts);
  }
}
