package org.flux4j.testing;

import java.util.Arrays;
import org.assertj.core.api.AbstractAssert;
import org.flux4j.core.Allocation;

/** AssertJ assertions on an {@link Allocation}: its ranks, node, core and GPU counts. */
public final class AllocationAssert extends AbstractAssert<AllocationAssert, Allocation> {
  AllocationAssert(Allocation actual) {
    super(actual, AllocationAssert.class);
  }

  /** The allocation spans exactly these ranks (in any order). */
  public AllocationAssert hasRanks(int... expected) {
    isNotNull();
    int[] want = expected.clone();
    Arrays.sort(want);
    if (!Arrays.equals(actual.ranks(), want)) {
      failWithMessage(
          "expected ranks %s but the allocation has %s (%s)",
          Arrays.toString(want), Arrays.toString(actual.ranks()), actual);
    }
    return this;
  }

  /** The allocation spans this many nodes. */
  public AllocationAssert spansNodes(int expected) {
    isNotNull();
    if (actual.nnodes() != expected) {
      failWithMessage(
          "expected %d nodes but the allocation spans %d (%s)", expected, actual.nnodes(), actual);
    }
    return this;
  }

  /** The allocation holds this many cores. */
  public AllocationAssert hasCores(int expected) {
    isNotNull();
    if (actual.coreCount() != expected) {
      failWithMessage(
          "expected %d cores but the allocation holds %d (%s)",
          expected, actual.coreCount(), actual);
    }
    return this;
  }

  /** The allocation holds this many GPUs. */
  public AllocationAssert hasGpus(int expected) {
    isNotNull();
    if (actual.gpuCount() != expected) {
      failWithMessage(
          "expected %d GPUs but the allocation holds %d (%s)", expected, actual.gpuCount(), actual);
    }
    return this;
  }
}
