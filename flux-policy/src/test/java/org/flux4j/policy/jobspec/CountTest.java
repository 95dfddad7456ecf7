package org.flux4j.policy.jobspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flux4j.policy.jobspec.Count.Operator;
import org.junit.jupiter.api.Test;

class CountTest {
  @Test
  void candidates_add_stepByOperand() {
    assertThat(Count.of(1, 10, Operator.ADD, 3).candidates(100)).containsExactly(1, 4, 7, 10);
    assertThat(Count.exactly(5).candidates(100)).containsExactly(5);
    assertThat(Count.atLeast(1).candidates(4)).containsExactly(1, 2, 3, 4);
  }

  @Test
  void candidates_multiply_geometric() {
    assertThat(Count.of(2, 16, Operator.MULTIPLY, 2).candidates(100)).containsExactly(2, 4, 8, 16);
    assertThat(Count.of(3, 100, Operator.MULTIPLY, 3).candidates(100))
        .containsExactly(3, 9, 27, 81);
  }

  @Test
  void candidates_power_raisesToOperand() {
    assertThat(Count.of(2, 300, Operator.POWER, 2).candidates(100)).containsExactly(2, 4, 16, 256);
    assertThat(Count.of(2, 1000, Operator.POWER, 3).candidates(100)).containsExactly(2, 8, 512);
  }

  @Test
  void candidates_hugeRanges_doNotOverflow() {
    long[] c = Count.of(2, Count.UNBOUNDED, Operator.POWER, 2).candidates(100);
    assertThat(c).containsExactly(2, 4, 16, 256, 65536);
    long[] m = Count.of(1L << 30, Count.UNBOUNDED, Operator.MULTIPLY, 2).candidates(100);
    assertThat(m).containsExactly(1L << 30, 1L << 31);
    assertThat(Count.of(Count.UNBOUNDED, Count.UNBOUNDED, Operator.ADD, 1).next(Count.UNBOUNDED))
        .isEqualTo(-1);
  }

  @Test
  void calcCount_add_matchesFluxionsMatcher() {
    long all = Count.UNBOUNDED;
    assertThat(Count.of(1, 10, Operator.ADD, 1).calcCount(all)).isEqualTo(10);
    assertThat(Count.of(1, 10, Operator.ADD, 1).calcCount(5)).isEqualTo(5);
    assertThat(Count.of(1, 10, Operator.ADD, 2).calcCount(all)).isEqualTo(9);
    assertThat(Count.of(1, 10, Operator.ADD, 2).calcCount(5)).isEqualTo(5);
    assertThat(Count.of(1, 10, Operator.ADD, 3).calcCount(all)).isEqualTo(10);
    assertThat(Count.of(1, 10, Operator.ADD, 3).calcCount(5)).isEqualTo(4);
    assertThat(Count.of(1, 10, Operator.ADD, 5).calcCount(all)).isEqualTo(6);
    assertThat(Count.of(1, 10, Operator.ADD, 5).calcCount(5)).isEqualTo(1);
    assertThat(Count.of(1, 10, Operator.ADD, 10).calcCount(5)).isEqualTo(1);
    assertThat(Count.of(1, all, Operator.ADD, 1).effectiveMax()).isEqualTo(all);
    assertThat(Count.of(2, all, Operator.ADD, 2).effectiveMax()).isEqualTo(4294967294L);
  }

  @Test
  void calcCount_multiplyAndPower_largestCandidateAvailable() {
    Count mul = Count.of(2, 16, Operator.MULTIPLY, 2);
    assertThat(mul.calcCount(100)).isEqualTo(16);
    assertThat(mul.calcCount(15)).isEqualTo(8);
    assertThat(mul.calcCount(2)).isEqualTo(2);
    Count pow = Count.of(2, 300, Operator.POWER, 2);
    assertThat(pow.calcCount(255)).isEqualTo(16);
    assertThat(pow.effectiveMax()).isEqualTo(256);
  }

  @Test
  void calcCount_tooFewQualified_isZero() {
    assertThat(Count.of(4, 8, Operator.ADD, 1).calcCount(3)).isZero();
    assertThat(Count.exactly(4).calcCount(3)).isZero();
    assertThat(Count.exactly(4).calcCount(4)).isEqualTo(4);
    assertThat(Count.exactly(4).calcCount(100)).isEqualTo(4);
  }

  @Test
  void calcCount_randomRanges_equalsTheLargestCandidateNotAboveQualified() {
    long seed = 20261125L;
    java.util.Random rnd = new java.util.Random(seed);
    for (int i = 0; i < 2000; i++) {
      Operator op =
          switch (rnd.nextInt(3)) {
            case 0 -> Operator.ADD;
            case 1 -> Operator.MULTIPLY;
            default -> Operator.POWER;
          };
      long min = (op == Operator.POWER ? 2L : 1L) + rnd.nextInt(20);
      long max = min + rnd.nextInt(rnd.nextBoolean() ? 50 : 5000);
      int operand = (op == Operator.ADD ? 1 : 2) + rnd.nextInt(4);
      Count c = Count.of(min, max, op, operand);
      long qualified = rnd.nextInt(6000);
      long want = 0;
      for (long cand : c.candidates(100_000)) {
        if (cand <= qualified) {
          want = cand;
        }
      }
      assertThat(c.calcCount(qualified))
          .as("seed %d, %s, qualified %d", seed, c, qualified)
          .isEqualTo(want);
      long[] cands = c.candidates(100_000);
      assertThat(cands[0]).isEqualTo(min);
      assertThat(cands[cands.length - 1]).isLessThanOrEqualTo(max);
      assertThat(c.effectiveMax()).isEqualTo(cands[cands.length - 1]);
    }
  }

  @Test
  void constructor_refusesWhatFluxionRefuses() {
    assertThatThrownBy(() -> Count.of(3, 2, Operator.ADD, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"max\" must be greater than or equal to \"min\"");
    assertThatThrownBy(() -> Count.of(1, 2, Operator.ADD, 0))
        .hasMessageContaining("greater than zero for addition");
    assertThatThrownBy(() -> Count.of(1, 2, Operator.MULTIPLY, 1))
        .hasMessageContaining("greater than one for multiplication");
    assertThatThrownBy(() -> Count.of(2, 2, Operator.POWER, 1))
        .hasMessageContaining("greater than one for exponentiation");
    assertThatThrownBy(() -> Count.of(1, 2, Operator.POWER, 2))
        .hasMessageContaining("\"min\" must be greater than one for exponentiation");
    assertThatThrownBy(() -> Count.exactly(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Count.exactly(Count.UNBOUNDED + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Operator.of('/')).hasMessageContaining("Invalid count operator");
  }

  @Test
  void toString_isJobspecSpelling() {
    assertThat(Count.exactly(4)).hasToString("4");
    assertThat(Count.of(2, 8, Operator.MULTIPLY, 2))
        .hasToString("{min: 2, max: 8, operator: '*', operand: 2}");
    assertThat(Count.exactly(4).isFixed()).isTrue();
    assertThat(Count.range(1, 4).isFixed()).isFalse();
  }
}
