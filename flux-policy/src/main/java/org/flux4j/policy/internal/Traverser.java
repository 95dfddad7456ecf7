package org.flux4j.policy.internal;

import org.flux4j.graph.Adjacency;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.policy.match.MatchPolicy;

/**
 * The select pass of the depth-first-and-up traverser: after Fluxion's {@code dfu_impl_t} select
 * ({@code resource/traversers/dfu_impl.cpp}): prime the jobspec, visit, test, prune, explore,
 * score, resolve and enforce. {@link FlexibleTraverser} is the flexible variant ({@code
 * dfu_flexible.cpp}); the update and remove passes are {@link TraversalUpdate} ({@code
 * dfu_impl_update.cpp}); both read the {@link TraversalMarks} this pass leaves. Parts of the select
 * live beside it: {@link JobspecPriming} (prime_jobspec), {@link SelectPrune} (the by_* pruning
 * tests), {@link ShareTally} (when a stop-on-first-match explore has enough), {@link
 * SlotCandidates} (cnt_slot and the slot candidates), {@link Enforcer} (enforce, resolve_graph),
 * {@link OutEdgeOrder} (by_outedges order), {@link AuxScoring} (the auxiliary subsystems' half of
 * dom_exp) and {@link CandidateArena} (the scoring scratch).
 *
 * <h2>Implementation notes</h2>
 *
 * <p>A select walks the dominant subsystem from the root. Each visit tests the vertex against the
 * current request level (resource match, slot match, or pristine pass-through when the jobspec
 * omits the prefix), prunes by status, constraint, plan availability, exclusivity and subtree
 * aggregates, explores the children (statically in adjacency order, or for stop-on-first-match
 * policies in descending (weight, uniq_id) order until enough is found), then lets the policy
 * choose the best k candidates of each requested child type and marks the chosen edges with the
 * current sequence number. Unconstrained candidate lists merge into the parent. Visits of large
 * enough subtrees are remembered ({@link VisitMemo}) and replayed while nothing below changed. Not
 * thread-safe.
 */
class Traverser {
  static final int OK = 0;
  static final int EBUSY = 16;
  static final int ENODEV = 19;
  static final int EINVAL = 22;

  // what test() found a vertex to be for the current request level (Fluxion's match_kind_t)
  static final int NONE_MATCH = 0;
  static final int PRISTINE_NONE_MATCH = 1;
  static final int RESOURCE_MATCH = 2;
  static final int SLOT_MATCH = 3;

  final TraversalMarks mk;
  final ResourceGraph g;
  final MatchPolicy policy;

  /** See {@code ResourceQuery.Options.commitSlotPaths()}. */
  private final boolean commitSlotPaths;

  private final Order vertexOrder;
  final Order slotOrder;
  final SelectPrune pr;
  final JobspecPriming priming;
  private final Enforcer enforcer;
  private final AuxScoring auxScoring;

  final CandidateArena arena = new CandidateArena();
  final SlotCandidates slots;

  /** The vertex whose visit is being remembered innermost (its Dfu is read after the visit). */
  private int recordedVertex = -1;

  private int depth;
  private long factorSum;
  private boolean childExcl;

  // what the last test() found besides its kind: the next request level, the slot count, and
  // whether the walk is still pristine (read right after the call, before any recursion)
  Req[] testNext;
  long testSlots;
  boolean testPristine;

  /**
   * Whether visits test and prune as this class does (not overridden, as {@link FlexibleTraverser}
   * does), so that {@link #surelyPruned} may stand for a visit.
   */
  private final boolean plainVisits = getClass() == Traverser.class;

  /** A select pass over {@code mk}'s graph. */
  Traverser(TraversalMarks mk, boolean commitSlotPaths) {
    this.mk = mk;
    this.g = mk.g;
    this.policy = mk.policy;
    this.commitSlotPaths = commitSlotPaths;
    this.vertexOrder = Order.of(policy.higherFirst(), policy.stableTies());
    this.slotOrder = Order.of(policy.higherFirstInSlots(), policy.stableTies());
    this.pr = new SelectPrune(mk);
    this.enforcer = new Enforcer(mk);
    this.slots = new SlotCandidates(mk, arena);
    this.priming = new JobspecPriming(mk);
    this.auxScoring = new AuxScoring(mk, pr);
  }

  /** The select pass of a copy of {@code o}'s engine, over {@code mk}, the copy's marks. O(1). */
  Traverser(Traverser o, TraversalMarks mk) {
    this.mk = mk;
    this.g = mk.g;
    this.policy = o.policy;
    this.commitSlotPaths = o.commitSlotPaths;
    this.vertexOrder = o.vertexOrder;
    this.slotOrder = o.slotOrder;
    this.pr = new SelectPrune(o.pr, mk);
    this.enforcer = new Enforcer(mk);
    this.slots = new SlotCandidates(mk, arena);
    this.priming = new JobspecPriming(mk);
    this.auxScoring = new AuxScoring(mk, pr);
  }

  /** This pass for a copy of the engine, over the copy's marks (same kind of traverser). */
  Traverser copyFor(TraversalMarks copy) {
    return new Traverser(this, copy);
  }

  // ------------------------------------------------------------------ jobspec priming

  /** Fluxion's prime_jobspec: per-request user data and the top-level totals (by prune type). */
  void primeJobspec(Req[] resources, long[] toParent) {
    priming.prime(resources, toParent);
  }

  final boolean exclusivity(Req[] resources, int u) {
    boolean x = false;
    for (Req r : resources) {
      if (r.type == g.typeOf(u) && r.exclusive == 1) {
        x = true;
      }
    }
    return x;
  }

  // ------------------------------------------------------------------ select

  /** Fluxion's select: returns OK or an errno-like code; on OK the root is marked. */
  int select(Req[] resources, int root, JobMeta m, boolean excl) {
    return selectOne(resources, root, m, excl);
  }

  /** One select of {@code resources} (a request without xor alternatives). */
  final int selectOne(Req[] resources, int root, JobMeta m, boolean excl) {
    pr.meta = m;
    mk.ensureScratch();
    mk.beginSelect(resources, m);
    mk.tick++;
    mk.seq++;
    mk.preorder = 0;
    mk.postorder = 0;
    arena.reset();
    depth = 0;
    Dfu dfu = arena.vertex(0);
    depth = 1;
    boolean xIn = excl;
    int rc = domDfv(root, resources, true, xIn, dfu);
    if (rc == OK) {
      xIn = childExcl;
      EGroup eg = newGroup();
      eg.score = dfu.overallScore;
      eg.count = dfu.avail;
      eg.exclusive = excl;
      eg.root = true;
      eg.addEdge(-1, dfu.avail, dfu.avail, excl);
      dfu.add(g.typeOf(root), eg);
      long needs = enforcer.resolveGraph(root, resources, dfu);
      factorSum = 0;
      if (needs < 0) {
        rc = ENODEV;
        mk.errno = ENODEV;
      }
      mk.markRoot(needs < 0 ? 0 : needs, xIn);
    }
    return rc;
  }

  /**
   * Visits {@code u} for {@code resources}: replays a remembered visit when one is valid, else
   * visits it (remembering the visit when {@code u} is eligible).
   */
  private int domDfv(int u, Req[] resources, boolean pristine, boolean excl, Dfu toParent) {
    VisitMemo memo = mk.memo;
    if (memo == null || !memo.eligible(u)) {
      return visit(u, resources, pristine, excl, toParent);
    }
    int request = memo.requestId(resources);
    long factorIn = factorSum;
    VisitMemo.Entry e = memo.lookup(u, request, pristine, excl, factorIn);
    if (e != null) {
      return replay(u, e, toParent);
    }
    int markFrom = memo.logN;
    int labelFrom = memo.labelN;
    int errFrom = mk.err.length();
    int errnoBefore = mk.errno;
    mk.errno = 0;
    long pre = mk.preorder;
    long post = mk.postorder;
    int myDepth = depth;
    memo.beginRecording();
    int rc;
    int outerRecorded = recordedVertex;
    recordedVertex = u;
    try {
      rc = visit(u, resources, pristine, excl, toParent);
    } catch (RuntimeException | Error t) {
      memo.abandonRecording();
      throw t;
    } finally {
      recordedVertex = outerRecorded;
    }
    e = memo.endRecording(u, request, pristine, excl, factorIn, markFrom, labelFrom);
    e.rc = rc;
    e.factorDelta = factorSum - factorIn;
    e.preorder = mk.preorder - pre;
    e.postorder = mk.postorder - post;
    e.error = mk.err.length() > errFrom ? mk.err.substring(errFrom) : null;
    e.errno = mk.errno;
    if (mk.errno == 0) {
      mk.errno = errnoBefore;
    }
    Dfu dfu = arena.vertexAsLeft(myDepth);
    if (rc == OK) {
      e.avail = toParent.avail;
      e.overallScore = toParent.overallScore;
      e.childExcl = childExcl;
      if (dfu.overallScore > 0 && !dfu.hierConstrainNow) {
        VisitMemo.keepCandidates(e, dfu);
      } else {
        VisitMemo.noCandidates(e);
      }
    } else {
      VisitMemo.noCandidates(e);
    }
    return rc;
  }

  /** The effects of a remembered visit of {@code u}, exactly as the visit had them. */
  private int replay(int u, VisitMemo.Entry e, Dfu toParent) {
    if (e.errno != 0) {
      mk.errno = e.errno;
    }
    mk.preorder += e.preorder;
    mk.postorder += e.postorder;
    factorSum += e.factorDelta;
    if (e.error != null) {
      mk.err.append(e.error);
    }
    for (int i = 0; i < e.markSlot.length; i++) {
      mk.mark(e.markSlot[i], e.markNeeds[i], e.markExcl[i]);
    }
    for (int i = 0; i < e.labelVertex.length; i++) {
      mk.setLabel(e.labelVertex[i], e.labelText[i]);
    }
    mk.color[u] = mk.tick;
    if (e.rc != OK) {
      return e.rc;
    }
    VisitMemo.mergeCandidates(e, toParent);
    toParent.avail = e.avail;
    toParent.overallScore = e.overallScore;
    childExcl = e.childExcl;
    return OK;
  }

  private int visit(int u, Req[] resources, boolean pristine, boolean excl, Dfu toParent) {
    boolean xIn = excl || exclusivity(resources, u);
    int kind = test(u, resources, pristine);
    Req[] next = testNext;
    long nslots = testSlots;
    boolean pris = testPristine;
    int ut = g.typeOf(u);
    mk.preorder++;
    if (kind == NONE_MATCH) {
      return busy();
    }
    if (!pr.byVertex(u) || !pruneResources(xIn, u, resources)) {
      // the tests set errno; Fluxion's prune turns an ERANGE into EBUSY
      if (mk.errno == SelectPrune.ERANGE) {
        mk.errno = EBUSY;
      }
      return EBUSY;
    }
    long ownFactor = policy.factor(g, u);
    factorSum += ownFactor;
    mk.color[u] = mk.tick;
    int myDepth = depth;
    Dfu dfu = arena.vertex(myDepth);
    depth = myDepth + 1;
    if (kind == SLOT_MATCH) {
      domSlot(u, next, nslots, pris, dfu, myDepth);
    } else {
      explore(u, next, pris, xIn, dfu, 1);
      auxScoring.explore(u, next, xIn, dfu);
    }
    depth = myDepth;
    long avail = pr.planAvail(u);
    if (avail == 0) {
      return busy();
    }
    // dom_finish_vtx
    boolean met = true;
    for (Req r : resources) {
      if (r.type != ut) {
        continue;
      }
      for (int i = 0; i < r.with.length; i++) {
        Req c = r.with[i];
        long qc = dfu.qualifiedCount(c.type);
        long count = c.calcCount(qc);
        if (count == 0) {
          met = false;
          break;
        }
        dfu.chooseAccumBestK(c.type, count, vertexOrder, Req.typeRecurs(r.with, i));
      }
    }
    factorSum -= ownFactor;
    dfu.overallScore = met ? policy.score(g, u, factorSum) : 0;
    if (!met) {
      return busy();
    }
    resolve(u, dfu, toParent, u != recordedVertex);
    toParent.avail = avail;
    toParent.overallScore = dfu.overallScore;
    for (Req r : resources) {
      if (r.type == ut && !r.label.isEmpty()) {
        mk.setLabel(u, r.label);
      }
    }
    mk.postorder++;
    childExcl = xIn;
    return OK;
  }

  /** A visit failed: Fluxion's dom_dfv sets EBUSY ({@link TraversalMarks#errno}). */
  private int busy() {
    mk.errno = EBUSY;
    return EBUSY;
  }

  /**
   * Fluxion's test: what {@code u} is for the request level {@code resources} (a resource match, a
   * slot match, or none, pristine while the jobspec omits the prefix above). Returns the kind and
   * leaves the next level, the slot count and the pristine flag in {@link #testNext}, {@link
   * #testSlots} and {@link #testPristine}.
   */
  int test(int u, Req[] resources, boolean pristine) {
    if (!scanLevel(u, resources, false)) {
      return testedConflict(u, resources, pristine);
    }
    if (scanSlot != null && slotMatch(u, scanSlot)) {
      return tested(SLOT_MATCH, scanSlot.with, false);
    }
    if (scanMatch != null) {
      return tested(RESOURCE_MATCH, scanMatch.with, false);
    }
    return tested(pristine ? PRISTINE_NONE_MATCH : NONE_MATCH, resources, pristine);
  }

  // what the last scanLevel() found (read right after the call)
  Req scanMatch;
  Req scanSlot;
  Req[] scanSlotLevel;

  /**
   * The scan both tests share: the request of {@code u}'s type ({@link #scanMatch}), and the slot
   * at this level ({@link #scanSlot}: the last slot child of that request, or else the last slot
   * sibling, with {@link #scanSlotLevel} the level it is in and {@link #testSlots} its count).
   * Returns false on a conflict: a second request of the type, a request of the type beside a slot,
   * or, unless {@code slotsAreAlternatives}, two slot siblings.
   */
  final boolean scanLevel(int u, Req[] resources, boolean slotsAreAlternatives) {
    scanMatch = null;
    scanSlot = null;
    scanSlotLevel = null;
    testSlots = 0;
    boolean slotSeen = false;
    int ut = g.typeOf(u);
    for (Req r : resources) {
      if (r.type == ut) {
        if (scanMatch != null || slotSeen) {
          return false;
        }
        scanMatch = r;
        for (Req c : r.with) {
          if (c.isSlot()) {
            scanSlot = c;
            scanSlotLevel = r.with;
            testSlots = c.effectiveMax();
          }
        }
      } else if (r.isSlot()) {
        if (scanMatch != null || (slotSeen && !slotsAreAlternatives)) {
          return false;
        }
        scanSlot = r;
        scanSlotLevel = resources;
        testSlots = r.effectiveMax();
        slotSeen = true;
      }
    }
    return true;
  }

  /** Leaves a test's findings and returns its kind. */
  final int tested(int kind, Req[] next, boolean pristine) {
    testNext = next;
    testPristine = pristine;
    return kind;
  }

  /** Fluxion's answer to two siblings of one level that request the same type. */
  final int testedConflict(int u, Req[] resources, boolean pristine) {
    mk.err
        .append("test: siblings in jobspec request same resource type : ")
        .append(g.type(u))
        .append(".\n");
    return tested(NONE_MATCH, resources, pristine);
  }

  /** Whether {@code u} has, in some subsystem, a child of every type the slot asks for. */
  final boolean slotMatch(int u, Req slot) {
    int subsystems = -1;
    Adjacency dom = mk.adj;
    for (Req c : slot.with) {
      // the dominant subsystem first (where such a child mostly is), then all of them
      boolean found = false;
      for (int i = dom.start(u); i < dom.end(u) && !found; i++) {
        found = g.typeOf(dom.target(i)) == c.type;
      }
      if (!found && subsystems < 0) {
        subsystems = g.subsystems().size();
      }
      for (int s = 0; s < subsystems && !found; s++) {
        if (s == mk.dom) {
          continue;
        }
        Adjacency a = g.out(s);
        for (int i = a.start(u); i < a.end(u); i++) {
          if (g.typeOf(a.target(i)) == c.type) {
            found = true;
            break;
          }
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** Fluxion's prune_resources: exclusivity and subtree aggregates of each request that applies. */
  boolean pruneResources(boolean xIn, int u, Req[] resources) {
    int ut = g.typeOf(u);
    for (Req r : resources) {
      if (ut != r.type && !r.isSlot()) {
        continue;
      }
      if (!r.isSlot() && !pr.byExcl(u, xIn, r)) {
        return false;
      }
      if (!pr.bySubplan(u, r)) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ explore

  final void explore(int u, Req[] resources, boolean pristine, boolean excl, Dfu dfu, long mult) {
    if (!policy.stopOnFirstMatch()) {
      Adjacency a = mk.adj;
      for (int i = a.start(u); i < a.end(u); i++) {
        int tgt = a.target(i);
        if (mk.color[tgt] == mk.tick) {
          continue;
        }
        if (domDfv(tgt, resources, pristine, excl, dfu) == OK) {
          addCandidate(dfu, i);
        }
      }
      return;
    }
    exploreDynamically(u, resources, pristine, excl, dfu, mult);
  }

  private void addCandidate(Dfu dfu, int slot) {
    long count = dfu.avail;
    EGroup eg = newGroup();
    eg.score = dfu.overallScore;
    eg.count = count;
    eg.exclusive = childExcl;
    eg.addEdge(slot, count, count, childExcl);
    dfu.add(g.typeOf(mk.adj.target(slot)), eg);
  }

  private void exploreDynamically(
      int u, Req[] resources, boolean pristine, boolean excl, Dfu dfu, long multiplier) {
    int[] order = mk.orders.of(u);
    if (order.length == 0) {
      return;
    }
    ShareTally tally = tallyAt(depth).reset(resources, multiplier);
    // the requests whose witnesses may stand for a visit, for children of type checkedType
    int checkedType = -1;
    Req[] checks = NO_REQS;
    long[][] checkData = null; // their user data, for the blocks
    boolean useChecks = plainVisits && order.length >= WITNESS_CHECKS_FROM;
    for (int pos = 0; pos < order.length; pos++) {
      int slot = order[pos];
      int tgt = mk.adj.target(slot);
      if (useChecks && pos % WitnessBlocks.SIZE == 0 && !tally.satisfied(g.typeOf(tgt))) {
        // a whole block of children whose witnesses all refuse: each would be passed below
        if (g.typeOf(tgt) != checkedType) {
          checkedType = g.typeOf(tgt);
          checks = witnessChecks(tgt, resources, excl);
          checkData = null;
        }
        if (checks.length > 0 && checkData == null) {
          checkData = new long[checks.length][];
          for (int i = 0; i < checks.length; i++) {
            checkData[i] = checks[i].userData;
          }
        }
        int passed = checks.length == 0 ? -1 : refusedBlock(u, order, pos, checkData);
        if (passed >= 0) {
          mk.preorder += passed; // all that their visits would have done
          pos += WitnessBlocks.SIZE - 1;
          continue;
        }
      }
      if (mk.color[tgt] == mk.tick) {
        continue;
      }
      int tt = g.typeOf(tgt);
      if (tally.satisfied(tt)) {
        continue;
      }
      if (useChecks && tt != checkedType) {
        checkedType = tt;
        checks = witnessChecks(tgt, resources, excl);
        checkData = null;
      }
      if (checks.length > 0 && surelyPruned(tgt, checks)) {
        mk.preorder++; // all that the visit would have done
        mk.errno = EBUSY;
        continue;
      }
      if (domDfv(tgt, resources, pristine, excl, dfu) != OK) {
        continue;
      }
      addCandidate(dfu, slot);
      if (tally.enoughAfter(dfu)) {
        break;
      }
    }
  }

  private static final Req[] NO_REQS = new Req[0];

  /** One tally per explore depth, reused by the explores at that depth one after another. */
  private ShareTally[] tallies = new ShareTally[8];

  private ShareTally tallyAt(int d) {
    if (d >= tallies.length) {
      tallies = java.util.Arrays.copyOf(tallies, Math.max(d + 1, 2 * tallies.length));
    }
    if (tallies[d] == null) {
      tallies[d] = new ShareTally(NO_REQS, 1);
    }
    return tallies[d];
  }

  /**
   * The block of {@code u}'s children at places {@code [from, from + WitnessBlocks.SIZE)} of its
   * {@code order} passed at once ({@link WitnessBlocks}) when each is refused by one of {@code
   * requests} (the user data of the witness checks): the number of visits it stands for, or -1 when
   * some child of it needs a look of its own.
   */
  private int refusedBlock(int u, int[] order, int from, long[][] requests) {
    return mk.witnesses.blocks.refusedBlock(
        u,
        order,
        children,
        from,
        requests,
        pr.meta.at,
        pr.meta.duration,
        mk.color,
        mk.tick,
        mk.memo);
  }

  /** The dominant subsystem's children of a vertex, for {@link WitnessBlocks}. */
  private final WitnessBlocks.Children children =
      new WitnessBlocks.Children() {
        @Override
        public int target(int slot) {
          return mk.adj.target(slot);
        }

        @Override
        public int typeOf(int v) {
          return g.typeOf(v);
        }
      };

  /** Children from which an explore looks for witnesses ({@link #surelyPruned}) at all. */
  private static final int WITNESS_CHECKS_FROM = 16;

  /**
   * The requests of {@code resources} whose refusal by the aggregate of a vertex of {@code u}'s
   * type prunes its visit with no effect but the preorder count: those the pruning tests reach
   * before any by_excl that would write an error, each with user data; none when the test itself
   * would write an error (a conflict). Depends only on the type of {@code u} and the exclusivity
   * handed down.
   */
  private Req[] witnessChecks(int u, Req[] resources, boolean excl) {
    if (!scanLevel(u, resources, false)) {
      return NO_REQS;
    }
    int ut = g.typeOf(u);
    boolean xIn = excl || exclusivity(resources, u);
    Req[] out = new Req[resources.length];
    int n = 0;
    for (Req r : resources) {
      if (ut != r.type && !r.isSlot()) {
        continue;
      }
      if (!r.isSlot() && xIn && r.exclusive == 0) {
        break; // by_excl would log the conflict before the later requests
      }
      if (r.hasUserData) {
        out[n++] = r;
      }
    }
    return n == 0 ? NO_REQS : java.util.Arrays.copyOf(out, n);
  }

  /**
   * Whether a visit of {@code u} (not remembered: {@link VisitMemo}) would certainly be pruned with
   * no effect but the preorder count: one of {@code checks} ({@link #witnessChecks}) is refused by
   * the witness an earlier select left in {@code u}'s aggregate ({@link FitWitnesses}) in O(1), or
   * else by the aggregate itself ({@link SelectPrune#bySubplan}, which keeps a witness for the next
   * selects). By_subplan would refuse it in the visit, or an earlier test (the vertex, by_excl)
   * would: either way the visit fails after counting itself, and the tests before it write nothing.
   * A select at a busy time then passes the many full children of a large vertex in a few loads
   * each, and the rest in one fit each, instead of a visit each.
   */
  private boolean surelyPruned(int u, Req[] checks) {
    VisitMemo memo = mk.memo;
    if (memo != null && memo.eligible(u)) {
      return false;
    }
    long at = pr.meta.at;
    long d = pr.meta.duration;
    for (Req r : checks) {
      if (mk.witnesses.refuses(u, r.userData, at, d)) {
        return true;
      }
    }
    for (Req r : checks) {
      if (!pr.bySubplan(u, r)) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ slots

  /**
   * Fluxion's dom_slot: explores {@code u} for the slot's shape, then emits one slot candidate per
   * slot the qualified candidates fill.
   */
  void domSlot(int u, Req[] slotShape, long nslots, boolean pristine, Dfu dfu, int myDepth) {
    Dfu dfuSlot = exploreSlot(u, slotShape, nslots, pristine, myDepth);
    slots.addTo(dfu, slotShape, SlotCandidates.count(slotShape, dfuSlot), dfuSlot);
  }

  /**
   * Explores {@code u}'s children for a slot of {@code shape} (exclusively, {@code nslots} times
   * over) and orders every type's candidates (Fluxion's dom_finish_slot).
   *
   * <p>Fluxion's dom_finish_slot runs choose_accum_all on every type its slot scores hold, and
   * choose_best_k of a type with no qualified candidate sets EINVAL (its result is ignored). The
   * scores hold a type once a candidate of it is added or, when exploring dynamically (a policy
   * that stops on its first match), once a first child fits: explore_dynamically's tally_shares
   * then asks the scores for the total count of every requested type, which makes an empty entry
   * for each. So a slot of two types whose first fits and whose second finds nothing leaves EINVAL
   * (rq-diff seed 353636: allocate_with_satisfiability of a socket with a gpu slot and a storage
   * slot on a node whose storage is elsewhere: "traverser: Invalid argument").
   */
  final Dfu exploreSlot(int u, Req[] shape, long nslots, boolean pristine, int myDepth) {
    Dfu dfuSlot = arena.slot(myDepth);
    explore(u, shape, pristine, true, dfuSlot, nslots);
    boolean unqualified = false;
    for (int i = 0; i < dfuSlot.n; i++) {
      Evals e = dfuSlot.byType[i];
      unqualified |= e.qual == 0;
      if (e.chooseBestK(e.qual, slotOrder, false)) {
        dfuSlot.hierConstrainNow = true;
      }
    }
    if (dfuSlot.n > 0 && policy.stopOnFirstMatch()) {
      for (Req r : shape) {
        unqualified |= dfuSlot.find(r.type) == null;
      }
    }
    if (unqualified) {
      mk.errno = EINVAL;
    }
    return dfuSlot;
  }

  private EGroup newGroup() {
    return arena.group(mk.recording());
  }

  // ------------------------------------------------------------------ resolve and enforce

  /**
   * Fluxion's resolve: enforces the choice made at {@code u}, or hands its candidates up; they are
   * taken over rather than copied when {@code dfu} is not read again ({@code u}'s visit is not
   * being remembered).
   */
  private void resolve(int u, Dfu dfu, Dfu toParent, boolean mayTake) {
    if (dfu.overallScore > 0) {
      if (dfu.hierConstrainNow) {
        enforcer.enforce(dfu, u, commitSlotPaths);
      } else if (mayTake) {
        toParent.mergeTaking(dfu);
      } else {
        toParent.merge(dfu);
      }
    }
  }
}
