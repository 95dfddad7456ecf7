package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.flux4j.fixtures.ClusterBuilder;
import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Copies share their state copy-on-write: random operations interleaved on an original and its
 * copies (and copies of copies) must give each the results that an engine which never shared
 * anything gives, built by replaying the same operations on a fresh engine over a freshly built
 * graph.
 */
class CopyDifferentialTest {
  private static final int NODES = 4;
  private static final int CORES = 3;

  /** One operation, with its arguments fixed, and what it answered. */
  private record Op(String what, Function<ResourceQuery, String> apply) {}

  /** One engine under test and every operation applied to it since the fresh start. */
  private static final class Run {
    final ResourceQuery q;
    final List<Op> log;
    final List<String> results;

    Run(ResourceQuery q, List<Op> log, List<String> results) {
      this.q = q;
      this.log = log;
      this.results = results;
    }

    void apply(Op op) {
      log.add(op);
      results.add(op.apply().apply(q));
      q.checkInvariants();
    }
  }

  private static ResourceQuery fresh(String policy) {
    return ResourceQuery.create(
        Clusters.sockets(NODES, CORES), ResourceQuery.Options.builder().policy(policy).build());
  }

  @ParameterizedTest
  @CsvSource({"first, 1", "first, 2", "low, 3", "high, 4", "lonodex, 5", "first, 6"})
  void interleavedOperations_onCopies_matchAnEngineThatNeverShared(String policy, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Run> runs = new ArrayList<>();
    runs.add(new Run(fresh(policy), new ArrayList<>(), new ArrayList<>()));
    long[] nextJob = {1};
    int[] grown = {0};
    for (int step = 0; step < 400; step++) {
      Run run = runs.get(r.nextInt(runs.size()));
      int kind = r.nextInt(100);
      if (kind < 8 && runs.size() < 8) {
        runs.add(new Run(run.q.copy(), new ArrayList<>(run.log), new ArrayList<>(run.results)));
        continue;
      }
      run.apply(randomOp(r, run.q, kind, nextJob, grown));
    }
    for (Run run : runs) {
      run.apply(new Op("describe", CopyDifferentialTest::describe));
    }
    for (int k = 0; k < runs.size(); k++) {
      verify(runs.get(k), policy, seed, k);
    }
  }

  @ParameterizedTest
  @CsvSource({"first, 11", "high, 12"})
  void copiesUsedOnDifferentThreads_matchAnEngineThatNeverShared(String policy, long seed)
      throws Exception {
    SplittableRandom r0 = new SplittableRandom(seed);
    Run base = new Run(fresh(policy), new ArrayList<>(), new ArrayList<>());
    long[] job0 = {1};
    int[] grown0 = {0};
    for (int step = 0; step < 40; step++) {
      base.apply(randomOp(r0, base.q, r0.nextInt(60), job0, grown0));
    }
    int threads = 4;
    List<Run> runs = new ArrayList<>();
    runs.add(base);
    for (int t = 1; t < threads; t++) {
      runs.add(new Run(base.q.copy(), new ArrayList<>(base.log), new ArrayList<>(base.results)));
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Run run = runs.get(t);
        SplittableRandom r = new SplittableRandom(seed * 31 + t);
        long[] nextJob = {1_000L * (t + 1)};
        int[] grown = {1_000 * (t + 1)};
        done.add(
            pool.submit(
                () -> {
                  for (int step = 0; step < 150; step++) {
                    run.apply(randomOp(r, run.q, r.nextInt(100), nextJob, grown));
                  }
                  run.apply(new Op("describe", CopyDifferentialTest::describe));
                }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    for (int k = 0; k < runs.size(); k++) {
      verify(runs.get(k), policy, seed, k);
    }
  }

  private static void verify(Run run, String policy, long seed, int k) {
    ResourceQuery ref = fresh(policy);
    for (int i = 0; i < run.log.size(); i++) {
      Op op = run.log.get(i);
      String expected = op.apply().apply(ref);
      assertThat(run.results.get(i))
          .as("policy %s seed %d engine %d operation %d (%s)", policy, seed, k, i, op.what())
          .isEqualTo(expected);
    }
  }

  private static Op randomOp(
      SplittableRandom r, ResourceQuery q, int kind, long[] nextJob, int[] grown) {
    List<String> nodes = livePaths(q.graph(), "node");
    if (kind < 40) {
      long id = nextJob[0]++;
      MatchOp op = r.nextBoolean() ? MatchOp.ALLOCATE : MatchOp.ALLOCATE_ORELSE_RESERVE;
      ResourceRequest req =
          r.nextInt(4) == 0
              ? Clusters.nodes(1 + r.nextInt(2), 1, 1 + r.nextInt(CORES), 10 + r.nextInt(100))
              : Clusters.slots(1 + r.nextInt(3), 1 + r.nextInt(2 * CORES), 10 + r.nextInt(100));
      if (r.nextInt(5) == 0) {
        req =
            new ResourceRequest(
                req.resources(),
                req.duration(),
                Optional.of(new ResourceRequest.TargetConstraint.Properties(List.of("fast"))));
      }
      ResourceRequest request = req;
      long now = r.nextInt(3) * 5L;
      return new Op(
          "match " + op + " job " + id + " at " + now, x -> show(x.match(op, request, id, now)));
    }
    if (kind < 56) {
      List<ScheduledJob> jobs = q.jobs();
      long id = jobs.isEmpty() ? 999_999 : jobs.get(r.nextInt(jobs.size())).jobId();
      return new Op("cancel " + id, x -> x.cancel(id).toString());
    }
    if (kind >= 56 && kind < 60) {
      // partial cancel of one node of a job
      List<ScheduledJob> jobs = q.jobs();
      if (!jobs.isEmpty()) {
        ScheduledJob j = jobs.get(r.nextInt(jobs.size()));
        ResourceSet set = j.resources();
        ResourceGraph g = set.graph();
        List<Integer> held = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
          if (g.type(set.vertex(i)).equals("node")) {
            held.add(set.vertex(i));
          }
        }
        if (!held.isEmpty()) {
          int v = held.get(r.nextInt(held.size()));
          String name = g.name(v);
          long vid = g.id(v);
          long uid = g.uniqId(v);
          int rank = g.rank(v);
          String path = g.path(v);
          long id = j.jobId();
          return new Op(
              "partial cancel " + id + " " + path,
              x -> {
                GraphBuilder b = ResourceGraph.builder();
                int n = b.addVertex("node", "node", name, vid, uid, rank, 1, "");
                b.path(n, "containment", path);
                return x.partialCancel(id, b.build()) + " " + describe(x);
              });
        }
      }
    }
    if (kind < 65) {
      long id = nextJob[0]++;
      ResourceRequest req = Clusters.slots(1 + r.nextInt(4), 1 + r.nextInt(CORES), 50);
      return new Op("probe " + id, x -> show(x.match(MatchOp.WITHOUT_ALLOCATING, req, id, 0)));
    }
    if (kind < 75 && !nodes.isEmpty()) {
      String path = nodes.get(r.nextInt(nodes.size()));
      Status s = r.nextBoolean() ? Status.DOWN : Status.UP;
      return new Op("status " + path + " " + s, x -> Boolean.toString(x.setStatus(path, s)));
    }
    if (kind < 85 && !nodes.isEmpty()) {
      String path = nodes.get(r.nextInt(nodes.size()));
      String value = Integer.toString(r.nextInt(3));
      return new Op(
          "property " + path + " fast=" + value,
          x -> Boolean.toString(x.setProperty(path, "fast", value)));
    }
    if (kind < 92 && nodes.size() > 2) {
      String path = nodes.get(r.nextInt(nodes.size()));
      return new Op(
          "shrink " + path, x -> x.shrink(path) + " " + x.jobs().size() + " " + describe(x));
    }
    int k = 100 + grown[0]++;
    return new Op("grow node" + k, x -> x.grow(newNode(k)).length + " " + describe(x));
  }

  /** cluster0 -> node{k} (rank k) with two sockets of {@link #CORES} cores, to attach. */
  private static ResourceGraph newNode(int k) {
    return ClusterBuilder.nodes(1)
        .firstNode(k)
        .sockets(2)
        .cores(CORES)
        .uniqIdsFrom(1_000_000L + k * 100L)
        .build();
  }

  private static List<String> livePaths(ResourceGraph g, String type) {
    List<String> out = new ArrayList<>();
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (g.isLive(v) && g.type(v).equals(type)) {
        out.add(g.path(v));
      }
    }
    return out;
  }

  private static String show(MatchResult m) {
    return m.getClass().getSimpleName()
        + " "
        + m.resourceSet().map(s -> s.startTime() + "+" + TestSupport.simple(s)).orElse("");
  }

  /** Everything observable: the graph's vertices with status and properties, finds and jobs. */
  private static String describe(ResourceQuery q) {
    StringBuilder sb = new StringBuilder();
    ResourceGraph g = q.graph();
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (g.isLive(v)) {
        String p = g.path(v);
        sb.append(p).append(' ').append(q.getStatus(p).orElseThrow());
        sb.append(' ').append(q.getProperties(p).orElseThrow()).append('\n');
      }
    }
    for (String expr :
        List.of("sched-now=allocated", "sched-future=reserved", "status=down", "agfilter=true")) {
      sb.append(expr).append(": ").append(TestSupport.simple(q.find(expr))).append('\n');
    }
    for (ScheduledJob j : q.jobs()) {
      sb.append(j.jobId()).append(' ').append(j.state()).append(' ').append(j.at());
      sb.append(' ').append(j.duration()).append(' ');
      sb.append(TestSupport.simple(j.resources())).append('\n');
    }
    return sb.toString();
  }
}
