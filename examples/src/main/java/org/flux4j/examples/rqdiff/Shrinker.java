package org.flux4j.examples.rqdiff;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Greedy test-case reduction: from a failing input, tries its one-step reductions in order and
 * moves to the first that still fails, until no reduction fails (a local minimum) or the budget of
 * tests is spent.
 *
 * <p>Stateless; thread-safe if the predicate is.
 *
 * @param <T> the input type
 */
public final class Shrinker<T> {
  private final Function<T, List<T>> reductions;
  private final int budget;

  /**
   * Creates a shrinker.
   *
   * @param reductions the one-step smaller inputs of an input, the most promising first
   * @param budget the most predicate tests one {@link #shrink} runs
   */
  public Shrinker(Function<T, List<T>> reductions, int budget) {
    this.reductions = reductions;
    this.budget = budget;
  }

  /** The result of a shrink: the smallest failing input found and the tests it took. */
  public record Result<T>(T value, int tests, int steps) {}

  /**
   * Shrinks {@code failing}, for which {@code fails} holds, to a smaller input for which it still
   * holds.
   */
  public Result<T> shrink(T failing, Predicate<T> fails) {
    T cur = failing;
    int tests = 0;
    int steps = 0;
    boolean progress = true;
    while (progress && tests < budget) {
      progress = false;
      for (T candidate : reductions.apply(cur)) {
        if (tests >= budget) {
          break;
        }
        tests++;
        if (fails.test(candidate)) {
          cur = candidate;
          steps++;
          progress = true;
          break;
        }
      }
    }
    return new Result<>(cur, tests, steps);
  }
}
