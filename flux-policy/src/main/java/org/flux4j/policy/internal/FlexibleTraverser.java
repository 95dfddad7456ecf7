package org.flux4j.policy.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The flexible traverser (resource-query's {@code -T flexible}): after Fluxion's {@code
 * dfu_flexible_t} ({@code resource/traversers/dfu_flexible.cpp}), a {@link Traverser} whose slot
 * siblings are or-slots (alternatives packed into the combination that yields the most slots) and
 * whose {@code xor_slot}s are alternatives tried one variant of the request at a time.
 *
 * <p>It replaces five steps of the select: priming (alternatives contribute their minimum), select
 * (split the xor slots first), test (the vertex is a slot if any or-slot fits), prune (a failing
 * or-slot does not stop the scan) and dom_slot (pack the or-slots). Not thread-safe.
 */
final class FlexibleTraverser extends Traverser {
  /** Fluxion's SYSTEM_MAX_XOR_EXPANSION: the most jobspec variants xor slots may expand to. */
  static final int MAX_XOR_EXPANSION = 1000;

  FlexibleTraverser(TraversalMarks mk, boolean commitSlotPaths) {
    super(mk, commitSlotPaths);
  }

  private FlexibleTraverser(FlexibleTraverser o, TraversalMarks mk) {
    super(o, mk);
  }

  @Override
  Traverser copyFor(TraversalMarks copy) {
    return new FlexibleTraverser(this, copy);
  }

  // ------------------------------------------------------------------ jobspec priming

  /** Slots and xor slots are alternatives: see {@link JobspecPriming#primeAlternatives}. */
  @Override
  void primeJobspec(Req[] resources, long[] toParent) {
    priming.primeAlternatives(resources, toParent);
  }

  // ------------------------------------------------------------------ select

  /** Selects each variant of the request in turn (see {@link #splitXorSlots}) until one fits. */
  @Override
  int select(Req[] resources, int root, JobMeta m, boolean excl) {
    List<Req[]> variants = splitXorSlots(resources);
    if (variants == null) {
      mk.err
          .append("select: split_xor_slots failed.\n")
          .append("Value too large for defined data type\n");
      mk.errno = EOVERFLOW;
      return EINVAL;
    }
    // a variant that fails before the one that matches leaves its errno (TraversalMarks.errno):
    // an ENODEV makes an allocate_with_satisfiability "Unsatisfiable"
    int rc = EBUSY;
    for (Req[] variant : variants) {
      rc = selectOne(variant, root, m, excl);
      if (rc == OK) {
        return OK;
      }
    }
    return rc;
  }

  /** Fluxion's errno when split_xor_slots expands past {@link #MAX_XOR_EXPANSION}. */
  static final int EOVERFLOW = 75;

  /**
   * Fluxion's split_xor_slots: every combination of the required siblings' expansions with exactly
   * one xor-slot alternative (turned into a plain slot) per level; null past {@link
   * #MAX_XOR_EXPANSION}.
   */
  static List<Req[]> splitXorSlots(Req[] resources) {
    List<Req[]> base = new ArrayList<>();
    base.add(new Req[0]);
    List<Req> xorOptions = new ArrayList<>();
    for (Req r : resources) {
      List<Req[]> childVariants = splitXorSlots(r.with);
      if (childVariants == null) {
        return null;
      }
      if (r.isXorSlot()) {
        for (Req[] cv : childVariants) {
          xorOptions.add(r.asSlot(cv));
          if (xorOptions.size() > MAX_XOR_EXPANSION) {
            return null;
          }
        }
        continue;
      }
      List<Req[]> next = new ArrayList<>();
      for (Req[] v : base) {
        for (Req[] cv : childVariants) {
          next.add(append(v, r.withChildren(cv)));
          if (next.size() > MAX_XOR_EXPANSION) {
            return null;
          }
        }
      }
      base = next;
    }
    if (xorOptions.isEmpty()) {
      return base;
    }
    List<Req[]> results = new ArrayList<>();
    for (Req[] v : base) {
      for (Req o : xorOptions) {
        results.add(append(v, o));
        if (results.size() > MAX_XOR_EXPANSION) {
          return null;
        }
      }
    }
    return results;
  }

  private static Req[] append(Req[] v, Req r) {
    Req[] out = Arrays.copyOf(v, v.length + 1);
    out[v.length] = r;
    return out;
  }

  // ------------------------------------------------------------------ test and prune

  /**
   * The flexible test: a level's slot siblings (or the slot children of the matched resource) are
   * or-slots; the vertex is a slot if any of them fits its children.
   */
  @Override
  int test(int u, Req[] resources, boolean pristine) {
    if (!scanLevel(u, resources, true)) {
      return testedConflict(u, resources, pristine);
    }
    if (scanSlot != null) {
      Req[] orSlots = scanSlotLevel;
      int kind = tested(pristine ? PRISTINE_NONE_MATCH : NONE_MATCH, resources, pristine);
      for (Req r : orSlots) {
        if (slotMatch(u, r)) {
          kind = tested(SLOT_MATCH, orSlots, false);
        }
      }
      return kind;
    }
    if (scanMatch != null) {
      return tested(RESOURCE_MATCH, scanMatch.with, false);
    }
    return tested(pristine ? PRISTINE_NONE_MATCH : NONE_MATCH, resources, pristine);
  }

  /** Or-slots: a slot failing the subtree check does not stop the scan; the last one decides. */
  @Override
  boolean pruneResources(boolean xIn, int u, Req[] resources) {
    int ut = g.typeOf(u);
    boolean ok = true;
    for (Req r : resources) {
      if (ut != r.type && !r.isSlot()) {
        continue;
      }
      if (r.isSlot()) {
        ok = pr.bySubplan(u, r);
      } else {
        if (!pr.byExcl(u, xIn, r) || !pr.bySubplan(u, r)) {
          return false;
        }
        ok = true;
      }
    }
    return ok;
  }

  // ------------------------------------------------------------------ or-slots

  /**
   * The flexible dom_slot: explores {@code u} for the union of the or-slots' shapes (per type the
   * shape with the largest minimum count), then packs the qualified counts into the combination of
   * or-slots that yields the most slots (first listed wins ties), and emits one slot candidate per
   * packed slot.
   */
  @Override
  void domSlot(int u, Req[] slots, long nslots, boolean pristine, Dfu dfu, int myDepth) {
    TreeMap<Integer, Req> union = new TreeMap<>();
    for (Req slot : slots) {
      for (Req r : slot.with) {
        Req prev = union.get(r.type);
        if (prev == null || prev.min < r.min) {
          union.put(r.type, r);
        }
      }
    }
    Req[] shape = union.values().toArray(new Req[0]);
    int[] types = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      types[i] = shape[i].type;
    }
    Dfu dfuSlot = exploreSlot(u, shape, nslots, pristine, myDepth);
    long[] counts = new long[types.length];
    for (int i = 0; i < types.length; i++) {
      counts[i] = dfuSlot.qualifiedCount(types[i]);
    }
    Map<CountsKey, OrConfig> memo = new HashMap<>();
    OrConfig cur = selectOrConfig(slots, types, counts, nslots, memo);
    // Fluxion keeps the score in an int and loops over it as unsigned: a negative score (a slot
    // without max) runs until the candidates are exhausted, then fails
    long qualNumSlots = Integer.toUnsignedLong((int) cur.score);
    List<EGroup> made = new ArrayList<>();
    for (long s = 0; s < qualNumSlots; s++) {
      EGroup slotGroup = this.slots.fill(slots[cur.index].with, dfuSlot);
      if (slotGroup == null) {
        return;
      }
      made.add(slotGroup);
      OrConfig nxt = memo.get(new CountsKey(cur.next));
      cur = nxt != null ? nxt : new OrConfig(new long[0], 0, 0);
    }
    for (EGroup eg : made) {
      dfu.add(Req.SLOT, eg);
    }
  }

  /** Remaining qualified counts per union type, as a memo key. */
  @SuppressWarnings("ArrayRecordComponent") // private; never compared by its array
  private record CountsKey(long[] counts) {
    @Override
    public boolean equals(Object o) {
      return o instanceof CountsKey k && Arrays.equals(counts, k.counts);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
      return Arrays.toString(counts);
    }
  }

  /** A packing step: the counts left after taking or-slot {@code index}, and the slots packed. */
  @SuppressWarnings("ArrayRecordComponent") // private; never compared by its array
  private record OrConfig(long[] next, long score, int index) {}

  /**
   * Fluxion's select_or_config: the most or-slots that fit in {@code counts}, memoized by counts; a
   * single shape is packed greedily up to {@code nslots}.
   */
  private static OrConfig selectOrConfig(
      Req[] slots, int[] types, long[] counts, long nslots, Map<CountsKey, OrConfig> memo) {
    CountsKey key = new CountsKey(counts);
    OrConfig known = memo.get(key);
    if (known != null) {
      return known;
    }
    if (slots.length == 1) {
      // Fluxion: int max_matches = nslots (unsigned); an effective max of 2^31 or more (a count
      // without max is UINT_MAX) wraps to a negative bound that the min below keeps
      long maxMatches = (int) nslots;
      for (Req elem : slots[0].with) {
        long have = counts[indexOf(types, elem.type)];
        long count = elem.calcCount(have);
        if (count <= 0 || have < count) {
          maxMatches = 0;
          break;
        }
        maxMatches = Math.min(maxMatches, have / count);
      }
      OrConfig c = new OrConfig(counts, maxMatches, 0);
      memo.put(key, c);
      return c;
    }
    long best = -1;
    for (int i = 0; i < slots.length; i++) {
      long[] updated = counts.clone();
      boolean fits = true;
      for (Req elem : slots[i].with) {
        int at = indexOf(types, elem.type);
        long count = elem.calcCount(counts[at]);
        if (count <= 0) {
          fits = false;
          break;
        }
        updated[at] -= count;
      }
      if (!fits) {
        continue;
      }
      long test = selectOrConfig(slots, types, updated, nslots, memo).score;
      if (best < test) {
        best = test;
        memo.put(key, new OrConfig(updated, best + 1, i));
      }
    }
    if (best < 0) {
      memo.put(key, new OrConfig(new long[0], 0, -1));
    }
    return memo.get(key);
  }

  private static int indexOf(int[] types, int t) {
    for (int i = 0; i < types.length; i++) {
      if (types[i] == t) {
        return i;
      }
    }
    throw new IllegalStateException(
        "type "
            + t
            + " is not in the or-slot union: the union must be built from the same slots"
            + " (a bug in the flexible traverser)");
  }
}
