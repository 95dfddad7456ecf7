package org.flux4j.policy.jobspec;

import java.util.Arrays;

/**
 * The {@code count} of a jobspec resource (RFC 14): a range {@code [min, max]} walked by an
 * operator and operand, as in {@code {min: 2, max: 16, operator: "*", operand: 2}} (2, 4, 8, 16).
 *
 * <p>A plain integer count {@code n} is {@code min = max = n}, operator {@code +}, operand 1. A
 * mapping with only {@code min} has {@code max =} {@link #UNBOUNDED} (Fluxion's {@code UINT_MAX}),
 * operator {@code +}, operand 1. Counts are unsigned 32-bit values in Fluxion and are kept as
 * {@code long} here so that every value Fluxion accepts is representable.
 *
 * <p>The candidate counts of a moldable request are {@code min}, then repeatedly the next value by
 * the operator ({@code +}: add the operand; {@code *}: multiply by it; {@code ^}: raise to its
 * power), while not above {@code max}. {@link #calcCount(long)} picks among them as Fluxion's
 * matcher does. Immutable.
 *
 * @param min the smallest acceptable count (0 only for a plain count of 0, which Fluxion accepts)
 * @param max the largest acceptable count, at least {@code min}, at most {@link #UNBOUNDED}
 * @param operator how candidate counts step from {@code min} towards {@code max}
 * @param operand the step: at least 1 for {@code +}, at least 2 for {@code *} and {@code ^}
 */
public record Count(long min, long max, Operator operator, int operand) {
  /** The largest count (Fluxion's {@code UINT_MAX}); the {@code max} of a min-only count. */
  public static final long UNBOUNDED = 0xFFFF_FFFFL;

  /** How the candidate counts of a range step from {@code min} to {@code max}. */
  public enum Operator {
    /** {@code +}: each candidate adds the operand to the previous one. */
    ADD('+'),
    /** {@code *}: each candidate multiplies the previous one by the operand. */
    MULTIPLY('*'),
    /** {@code ^}: each candidate raises the previous one to the operand-th power. */
    POWER('^');

    private final char symbol;

    Operator(char symbol) {
      this.symbol = symbol;
    }

    /** The jobspec spelling: {@code '+'}, {@code '*'} or {@code '^'}. */
    public char symbol() {
      return symbol;
    }

    /**
     * The operator spelled {@code symbol}.
     *
     * @throws IllegalArgumentException if {@code symbol} is none of {@code + * ^}
     */
    public static Operator of(char symbol) {
      for (Operator op : values()) {
        if (op.symbol == symbol) {
          return op;
        }
      }
      throw new IllegalArgumentException(
          "Invalid count operator '" + symbol + "': use '+', '*' or '^'");
    }
  }

  /**
   * Checks the range.
   *
   * @throws IllegalArgumentException if {@code min} is negative, {@code max < min}, {@code max}
   *     exceeds {@link #UNBOUNDED}, or the operand does not suit the operator (as Fluxion's parser
   *     requires)
   */
  public Count {
    if (operator == null) {
      throw new IllegalArgumentException("count operator must not be null");
    }
    if (min < 0 || max > UNBOUNDED) {
      throw new IllegalArgumentException(
          "count must be within [0, " + UNBOUNDED + "], got min " + min + " max " + max);
    }
    if (max < min) {
      throw new IllegalArgumentException(
          "\"max\" must be greater than or equal to \"min\" (min " + min + ", max " + max + ")");
    }
    switch (operator) {
      case ADD:
        if (operand < 1) {
          throw new IllegalArgumentException(
              "\"operand\" must be greater than zero for addition '+', got " + operand);
        }
        break;
      case MULTIPLY:
        if (operand < 2) {
          throw new IllegalArgumentException(
              "\"operand\" must be greater than one for multiplication '*', got " + operand);
        }
        break;
      default:
        if (operand < 2) {
          throw new IllegalArgumentException(
              "\"operand\" must be greater than one for exponentiation '^', got " + operand);
        }
        if (min < 2) {
          throw new IllegalArgumentException(
              "\"min\" must be greater than one for exponentiation '^', got " + min);
        }
        break;
    }
  }

  /** Exactly {@code n}: what a plain integer count means. */
  public static Count exactly(long n) {
    return new Count(n, n, Operator.ADD, 1);
  }

  /** At least {@code min}, as many as possible: what {@code {min: n}} means. */
  public static Count atLeast(long min) {
    return new Count(min, UNBOUNDED, Operator.ADD, 1);
  }

  /** Any of {@code min, min+1, ..., max}. */
  public static Count range(long min, long max) {
    return new Count(min, max, Operator.ADD, 1);
  }

  /** The candidates {@code min..max} stepped by {@code operator} and {@code operand}. */
  public static Count of(long min, long max, Operator operator, int operand) {
    return new Count(min, max, operator, operand);
  }

  /** Whether exactly one count is acceptable ({@code min == max}). */
  public boolean isFixed() {
    return min == max;
  }

  /**
   * The candidate after {@code current}, by the operator, or -1 if it would pass {@code max}. Does
   * not check that {@code current} is itself a candidate. O(operand) for {@code ^}, O(1) otherwise.
   */
  public long next(long current) {
    long n;
    switch (operator) {
      case ADD:
        n = current + operand;
        break;
      case MULTIPLY:
        n = current > max / operand ? max + 1 : current * operand;
        break;
      default:
        n = current;
        for (int i = 1; i < operand && n <= max; i++) {
          n = n > max / current ? max + 1 : n * current;
        }
        if (current < 2) {
          return -1; // a power of 0 or 1 never moves on
        }
        break;
    }
    return n > max || n <= current ? -1 : n;
  }

  /**
   * The candidate counts in increasing order: {@code min}, then {@link #next(long)} of each, up to
   * {@code max}, but never more than {@code limit} values (a min-only count has four billion).
   */
  public long[] candidates(int limit) {
    long[] out = new long[Math.max(0, Math.min(limit, 64))];
    int n = 0;
    for (long c = min; c >= 0 && n < limit; c = next(c)) {
      if (n == out.length) {
        out = Arrays.copyOf(out, Math.min(limit, Math.max(8, n * 2)));
      }
      out[n++] = c;
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * The count Fluxion's matcher takes when {@code qualified} units are available: the largest
   * candidate not above {@code qualified}, or 0 if even {@code min} is not available. This is
   * Fluxion's {@code calc_count}; unlike Fluxion it cannot overflow (Fluxion's unsigned arithmetic
   * wraps for huge {@code *} and {@code ^} ranges).
   *
   * @param qualified how many units qualify (0 to {@link #UNBOUNDED})
   */
  public long calcCount(long qualified) {
    if (min > qualified) {
      return 0;
    }
    long limit = Math.min(qualified, max);
    if (operator == Operator.ADD) {
      return limit - (limit - min) % operand;
    }
    long best = min;
    for (long c = next(min); c >= 0 && c <= limit; c = next(c)) {
      best = c;
    }
    return best;
  }

  /** The largest candidate: {@link #calcCount(long)} with everything available. */
  public long effectiveMax() {
    return calcCount(UNBOUNDED);
  }

  /**
   * The jobspec spelling: {@code 4} when fixed, else {@code {min: 2, max: 8, operator: *, ...}}.
   */
  @Override
  public String toString() {
    if (isFixed() && operator == Operator.ADD && operand == 1) {
      return Long.toString(min);
    }
    return "{min: "
        + min
        + ", max: "
        + max
        + ", operator: '"
        + operator.symbol()
        + "', operand: "
        + operand
        + "}";
  }
}
