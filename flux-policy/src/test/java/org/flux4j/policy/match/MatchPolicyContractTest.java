package org.flux4j.policy.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;

/**
 * The laws every match policy obeys: never over-allocate, cancel restores the state exactly, a
 * failed match changes nothing, and the same inputs give the same outputs. One small subclass per
 * built-in policy.
 */
abstract class MatchPolicyContractTest {
  /** The policy name under test. */
  abstract String policy();

  ResourceQuery newQuery(ResourceGraph g) {
    return ResourceQuery.create(g, ResourceQuery.Options.builder().policy(policy()).build());
  }

  /** A fingerprint of the scheduling state seen through the public API. */
  static String state(ResourceQuery rq) {
    StringBuilder sb = new StringBuilder();
    for (String expr :
        List.of("sched-now=allocated", "sched-future=reserved", "jobid-tag=1", "jobid-tag=2")) {
      ResourceSet s = rq.find(expr);
      sb.append(expr).append(':');
      for (int i = 0; i < s.size(); i++) {
        sb.append(s.vertex(i)).append(',');
      }
      sb.append('\n');
    }
    for (ScheduledJob j : rq.jobs()) {
      sb.append(j.jobId()).append(j.state()).append(j.at()).append('\n');
    }
    return sb.toString();
  }

  @Test
  void match_neverOverAllocates_exclusiveVerticesHeldOnce() {
    ResourceQuery rq = newQuery(Clusters.sockets(3, 4));
    Set<Integer> held = new HashSet<>();
    long id = 1;
    int allocated = 0;
    while (true) {
      MatchResult r = rq.match(MatchOp.ALLOCATE, Clusters.slots(1, 3, 100), id++);
      rq.checkInvariants();
      if (!r.isSuccess()) {
        break;
      }
      allocated++;
      ResourceSet s = r.resourceSet().orElseThrow();
      for (int i = 0; i < s.size(); i++) {
        if (s.exclusive(i)) {
          assertThat(held.add(s.vertex(i))).as("vertex %s held twice", s.vertex(i)).isTrue();
        }
      }
    }
    // 3 nodes x 2 sockets x 4 cores: a slot of 3 cores fits once per socket (per node if the
    // policy takes nodes exclusively)
    assertThat(allocated).isEqualTo(policy().contains("nodex") ? 3 : 6);
  }

  @Test
  void match_insufficientCores_isUnsatisfiableAndChangesNothing() {
    ResourceQuery rq = newQuery(Clusters.sockets(2, 4));
    rq.match(MatchOp.ALLOCATE, Clusters.slots(1, 2, 100), 1);
    String before = state(rq);
    MatchResult r = rq.match(MatchOp.ALLOCATE_ORELSE_RESERVE, Clusters.slots(1, 5, 100), 2);
    assertThat(r).isInstanceOf(MatchResult.Unsatisfiable.class);
    assertThat(state(rq)).isEqualTo(before);
    rq.checkInvariants();
  }

  @Test
  void match_busy_changesNothing() {
    ResourceQuery rq = newQuery(Clusters.sockets(1, 2));
    assertThat(rq.match(MatchOp.ALLOCATE, Clusters.slots(2, 2, 100), 1).isSuccess()).isTrue();
    String before = state(rq);
    MatchResult r = rq.match(MatchOp.ALLOCATE, Clusters.slots(1, 1, 100), 2);
    assertThat(r).isInstanceOf(MatchResult.Busy.class);
    assertThat(state(rq)).isEqualTo(before);
  }

  @Test
  void cancel_restoresStateExactly() {
    ResourceQuery rq = newQuery(Clusters.sockets(2, 4));
    String fresh = state(rq);
    assertThat(rq.match(MatchOp.ALLOCATE, Clusters.slots(1, 3, 100), 1).isSuccess()).isTrue();
    String afterOne = state(rq);
    assertThat(rq.match(MatchOp.ALLOCATE_ORELSE_RESERVE, Clusters.slots(4, 4, 50), 2))
        .isInstanceOf(MatchResult.Reserved.class);
    assertThat(rq.cancel(2)).isEqualTo(CancelStatus.CANCELLED);
    assertThat(state(rq)).isEqualTo(afterOne);
    assertThat(rq.cancel(1)).isEqualTo(CancelStatus.CANCELLED);
    assertThat(state(rq)).isEqualTo(fresh);
    assertThat(rq.cancel(1)).isEqualTo(CancelStatus.NO_SUCH_JOB);
    rq.checkInvariants();
  }

  @Test
  void match_sameInputs_sameOutputs() {
    List<String> a = run(7);
    List<String> b = run(7);
    assertThat(a).isEqualTo(b);
  }

  private List<String> run(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    ResourceQuery rq = newQuery(Clusters.sockets(3, 3));
    List<String> out = new ArrayList<>();
    for (int id = 1; id <= 12; id++) {
      MatchResult m =
          rq.match(
              MatchOp.ALLOCATE_ORELSE_RESERVE,
              Clusters.slots(1 + r.nextInt(2), 1 + r.nextInt(3), 10 + r.nextInt(50)),
              id);
      out.add(m.getClass().getSimpleName() + m.at());
      m.resourceSet()
          .ifPresent(
              s -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < s.size(); i++) {
                  sb.append(s.vertex(i)).append(s.exclusive(i) ? 'x' : 's');
                }
                out.add(sb.toString());
              });
    }
    return out;
  }

  @Test
  void copy_isIndependentOfTheOriginal() {
    ResourceQuery rq = newQuery(Clusters.sockets(1, 2));
    ResourceQuery what = rq.copy();
    assertThat(what.match(MatchOp.ALLOCATE, Clusters.slots(2, 2, 100), 1).isSuccess()).isTrue();
    assertThat(rq.jobs()).isEmpty();
    assertThat(rq.match(MatchOp.ALLOCATE, Clusters.slots(2, 2, 100), 1).isSuccess()).isTrue();
  }

  @Test
  void withoutAllocating_leavesStateUntouched() {
    ResourceQuery rq = newQuery(Clusters.sockets(2, 2));
    String before = state(rq);
    MatchResult r = rq.match(MatchOp.WITHOUT_ALLOCATING, Clusters.slots(1, 2, 100), 1);
    assertThat(r).isInstanceOf(MatchResult.Matched.class);
    assertThat(state(rq)).isEqualTo(before);
  }
}

class FirstPolicyContractTest extends MatchPolicyContractTest {
  @Override
  String policy() {
    return "first";
  }
}

class LowPolicyContractTest extends MatchPolicyContractTest {
  @Override
  String policy() {
    return "low";
  }
}

class HighPolicyContractTest extends MatchPolicyContractTest {
  @Override
  String policy() {
    return "high";
  }
}

class LonodePolicyContractTest extends MatchPolicyContractTest {
  @Override
  String policy() {
    return "lonode";
  }
}

class HinodePolicyContractTest extends MatchPolicyContractTest {
  @Override
  String policy() {
    return "hinode";
  }
}

class LonodexPolicyContractTest extends MatchPolicyContractTest {
  @Override
  String policy() {
    return "lonodex";
  }
}

class HinodexPolicyContractTest extends MatchPolicyContractTest {
  @Override
  String policy() {
    return "hinodex";
  }
}

class FirstnodexPolicyContractTest extends MatchPolicyContractTest {
  @Override
  String policy() {
    return "firstnodex";
  }
}

class LocalityPolicyContractTest extends MatchPolicyContractTest {
  @Override
  String policy() {
    return "locality";
  }
}

class VariationPolicyContractTest extends MatchPolicyContractTest {
  @Override
  String policy() {
    return "variation";
  }
}

class CustomPolicyContractTest extends MatchPolicyContractTest {
  @Override
  String policy() {
    return "policy=low node_centric=true stop_on_1_matches=true";
  }
}

class StableHighPolicyContractTest extends MatchPolicyContractTest {
  @Override
  String policy() {
    return "policy=high stable_ties=true";
  }
}

class StableLonodePolicyContractTest extends MatchPolicyContractTest {
  @Override
  String policy() {
    return "policy=low node_centric=true stable_ties=true";
  }
}
