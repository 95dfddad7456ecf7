package org.flux4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.fixtures.ClusterBuilder;

/**
 * Invariants of an instance under random sequences of operations (submit, cancel, urgency,
 * hold/release, drain/undrain, down/up, exceptions, clock advances), on a virtual clock with the
 * simulated executor, with and without a store: no core is allocated to two jobs at once, the count
 * of active jobs equals the jobs not INACTIVE, every job ends INACTIVE once nothing holds it
 * (everything undrained, up and released) with every core free, the cheap accessors {@link
 * Instance#allocation} and {@link Instance#result} agree with the job's snapshot at every event,
 * and the same sequence gives the same eventlogs, run twice without a store and once with one.
 */
class InstancePropertiesTest {
  private static final int NODES = 2;
  private static final int CORES = 4;
  private static final long T0 = 1_700_000_000_000L;

  /** One operation; {@code a} and {@code b} are its arguments, read according to {@code kind}. */
  record Op(String kind, int a, int b) {}

  @Provide
  Arbitrary<List<Op>> sequences() {
    Arbitrary<Op> op =
        Arbitraries.frequencyOf(
            Tuple.of(
                6, Arbitraries.integers().between(0, 999).map(a -> new Op("submit", a, a / 7))),
            Tuple.of(1, idx().map(i -> new Op("cancel", i, 0))),
            Tuple.of(
                2,
                Arbitraries.integers()
                    .between(0, 31)
                    .flatMap(u -> idx().map(i -> new Op("urgency", i, u)))),
            Tuple.of(
                1, Arbitraries.integers().between(0, NODES - 1).map(r -> new Op("drain", r, 0))),
            Tuple.of(
                1, Arbitraries.integers().between(0, NODES - 1).map(r -> new Op("undrain", r, 0))),
            Tuple.of(
                1, Arbitraries.integers().between(0, NODES - 1).map(r -> new Op("down", r, 0))),
            Tuple.of(1, Arbitraries.integers().between(0, NODES - 1).map(r -> new Op("up", r, 0))),
            Tuple.of(
                1,
                Arbitraries.integers()
                    .between(0, 7)
                    .flatMap(s -> idx().map(i -> new Op("raise", i, s)))),
            Tuple.of(
                3, Arbitraries.integers().between(0, 6000).map(ms -> new Op("advance", ms, 0))));
    return op.list().ofMinSize(1).ofMaxSize(40);
  }

  private static Arbitrary<Integer> idx() {
    return Arbitraries.integers().between(0, 1000);
  }

  @Property(tries = 25)
  void randomOperations_keepTheInvariants_andAreDeterministic(@ForAll("sequences") List<Op> ops)
      throws Exception {
    Map<JobId, List<String>> first = run(ops, null);
    Map<JobId, List<String>> again = run(ops, null);
    assertThat(again).as("same sequence, same eventlogs").isEqualTo(first);
    Path dir = Files.createTempDirectory("flux4j-prop");
    try {
      Map<JobId, List<String>> stored = run(ops, dir.resolve("store.db"));
      assertThat(stored).as("with a store, the same eventlogs").isEqualTo(first);
    } finally {
      deleteTree(dir);
    }
  }

  /** Runs the sequence, checking the invariants; returns every job's eventlog as JSON lines. */
  private static Map<JobId, List<String>> run(List<Op> ops, Path store) throws Exception {
    VirtualClock clock = new VirtualClock(T0);
    Instance.Builder b =
        Instance.builder(ClusterBuilder.nodes(NODES).cores(CORES).leafRanks().build())
            .clock(clock)
            .executor(new SimulatedExecutor())
            .queuePolicy("easy");
    if (store != null) {
      b.store(store);
    }
    List<JobId> ids = new ArrayList<>();
    Map<JobId, List<String>> logs = new LinkedHashMap<>();
    List<String> violations = new ArrayList<>();
    try (Instance in = b.build()) {
      Map<JobId, Set<String>> held = new HashMap<>();
      Set<String> taken = new HashSet<>();
      in.addListener(
          (id, e, s) -> {
            if (in.result(id).isPresent() != (s == JobState.INACTIVE)) {
              violations.add("result " + in.result(id) + " of " + id + " in state " + s);
            }
            switch (e.name()) {
              case "alloc" -> {
                Allocation a = in.allocation(id).orElseThrow();
                if (a != in.info(id).allocation().orElseThrow()) {
                  violations.add("allocation of " + id + " differs from its snapshot's");
                }
                Set<String> cores = new HashSet<>();
                for (Allocation.Slot slot : a.slots()) {
                  for (int c : slot.cores()) {
                    String core = slot.rank() + "/" + c;
                    if (!taken.add(core)) {
                      violations.add("core " + core + " allocated twice, to " + id);
                    }
                    cores.add(core);
                  }
                }
                held.put(id, cores);
              }
              case "free" -> {
                Set<String> cores = held.remove(id);
                if (cores != null) {
                  taken.removeAll(cores);
                }
              }
              default -> {}
            }
          });
      for (Op op : ops) {
        apply(in, clock, op, ids);
        assertThat(clock.awaitQuiet(30_000)).isTrue();
        long notInactive = ids.stream().filter(id -> in.state(id) != JobState.INACTIVE).count();
        assertThat(in.activeJobs()).as("active count after %s", op).isEqualTo((int) notInactive);
        assertThat(violations).isEmpty();
      }
      // let go of everything that holds jobs: every job then ends
      for (int r = 0; r < NODES; r++) {
        in.undrain(r);
        in.setUp(r);
      }
      assertThat(clock.awaitQuiet(30_000)).isTrue(); // states read below must not race them
      for (JobId id : ids) {
        if (in.state(id).isPending()) {
          in.setUrgency(id, 16);
        }
      }
      clock.runUntilIdle();
      assertThat(violations).isEmpty();
      assertThat(in.activeJobs()).isZero();
      for (JobId id : ids) {
        JobInfo info = in.info(id);
        assertThat(info.state())
            .as("job %s: %s", id, info.eventNames())
            .isEqualTo(JobState.INACTIVE);
        assertThat(info.result()).isPresent();
        assertThat(in.result(id)).isEqualTo(info.result());
        assertThat(in.allocation(id)).isEqualTo(info.allocation());
        logs.put(id, info.eventlog().stream().map(JobEvent::toJson).toList());
      }
      int[] counts = in.resourceCounts().get();
      assertThat(counts[0]).as("free cores at the end").isEqualTo(counts[1]);
    }
    return logs;
  }

  private static void apply(Instance in, VirtualClock clock, Op op, List<JobId> ids) {
    JobId target = ids.isEmpty() ? null : ids.get(op.a() % ids.size());
    switch (op.kind()) {
      case "submit" -> {
        int a = op.a();
        JobRequest.Builder r =
            JobRequest.builder()
                .name("j" + a % 3)
                .tasks(1 + a % 3)
                .runtime(Duration.ofMillis(1000L * (a % 5)))
                .duration(a % 4 == 0 ? Duration.ofSeconds(3) : Duration.ZERO)
                .urgency(a % 6 == 0 ? 0 : a % 32);
        if (target != null && a % 5 == 1) {
          r.dependency((a % 2 == 0 ? "afterok:" : "afterany:") + ids.get(op.b() % ids.size()));
        }
        ids.add(in.submit(r.build()));
      }
      case "cancel" -> {
        if (target != null) {
          in.cancel(target);
        }
      }
      case "urgency" -> {
        if (target != null) {
          in.setUrgency(target, op.b());
        }
      }
      case "raise" -> {
        if (target != null) {
          in.raise(target, "test", op.b(), "raised by the property");
        }
      }
      case "drain" -> in.drain(op.a());
      case "undrain" -> in.undrain(op.a());
      case "down" -> in.setDown(op.a());
      case "up" -> in.setUp(op.a());
      case "advance" -> clock.advanceBy(op.a());
      default -> throw new IllegalStateException(op.kind());
    }
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
