package org.flux4j.policy.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.flux4j.policy.match.ResourceRequest;

/**
 * The remembered outcome of visiting a subtree in a select, replayed instead of visiting it again
 * while nothing in the subtree has changed.
 *
 * <p>A select visits every vertex that could hold part of the request, and Fluxion's scoring
 * policies order all the candidates, so one match on a large machine visits most of it. Yet between
 * two matches only the subtrees of the resources allocated or freed change. A visit of vertex
 * {@code u} depends only on the request at that level (and, through the jobspec priming, on the
 * whole request), the match's time window and kind, the constraint, the ancestors' policy factors,
 * the exclusivity handed down, and the state of {@code u}'s subtree: its spans, aggregates, edge
 * weights, status and properties. What the visit does is equally bounded: the candidates it merges
 * into its parent's lists (or none), the availability and score it hands up, the edges it marks
 * inside the subtree, the labels it sets, the visit counts and any error text. An {@link Entry}
 * records all of that; replaying it has exactly the effects of the visit.
 *
 * <p>Validity is tracked by versions: every change to a vertex's spans, aggregates or out-edge
 * weights stamps the vertex and its ancestors with a fresh clock value ({@link #touch}); an entry
 * made at clock {@code c} is valid while its vertex's version is below {@code c}. Other changes
 * (status, properties, grow, shrink, an update from R, a partial cancel) drop every entry ({@link
 * #clear}). Entries are kept only for vertices with a large enough subtree in a dominant subsystem
 * that is a tree (every vertex at most one parent), two entries (the latest two) per vertex.
 * Candidate groups stored in entries are copies that no later select changes (their {@code needs}
 * field aside, which every choice assigns before reading). Not thread-safe.
 */
final class VisitMemo {
  /**
   * Smallest subtree (vertices, the root included) worth an entry by default; the system property
   * {@code flux4j.memo.minSubtree} overrides it (0 turns remembering off).
   */
  static final int MIN_SUBTREE = 16;

  /** What one visit did. */
  static final class Entry {
    long stamp;

    /** The select that last recorded or replayed the entry (the older of a vertex's two goes). */
    long used;

    int request;
    boolean pristine;
    boolean excl;
    long factorIn;
    long at;
    long duration;
    JobMeta.AllocType allocType;
    boolean atIsNow;
    Optional<ResourceRequest.TargetConstraint> constraint;
    int rc;
    long factorDelta;
    long avail;
    long overallScore;
    boolean childExcl;
    long preorder;
    long postorder;
    String error;

    /** The errno the visit left last (0: it set none; see {@link TraversalMarks#errno}). */
    int errno;

    int[] types = NO_INTS;
    EGroup[][] groups = NO_GROUPS;
    long[][] scores = NO_LONG_ARRAYS;

    /** Per type: the groups' smallest count, smallest score and largest score. */
    long[][] bounds = NO_LONG_ARRAYS;

    /** Per type: the scores' index, made when first asked for. */
    ScoreIndex[] index = NO_INDEXES;

    int[] counts = NO_INTS;
    long[] qual = NO_LONGS;
    long[] total = NO_LONGS;
    int[] markSlot = NO_INTS;
    long[] markNeeds = NO_LONGS;
    boolean[] markExcl = NO_BOOLEANS;
    int[] labelVertex = NO_INTS;
    String[] labelText = NO_STRINGS;
  }

  // shared empty arrays: most visits mark, label and hand up nothing (never written)
  private static final int[] NO_INTS = new int[0];
  private static final long[] NO_LONGS = new long[0];
  private static final boolean[] NO_BOOLEANS = new boolean[0];
  private static final String[] NO_STRINGS = new String[0];
  private static final EGroup[][] NO_GROUPS = new EGroup[0][];
  private static final long[][] NO_LONG_ARRAYS = new long[0][];
  private static final ScoreIndex[] NO_INDEXES = new ScoreIndex[0];

  /**
   * Each vertex's two latest entries: a match that tries two windows in turn (allocate or else
   * reserve: now, then the earliest time that fits) finds both remembered.
   */
  private final Entry[] entries;

  private final Entry[] entries2;
  private final boolean[] eligible;

  /** Whether some vertex is {@link #eligible}: else no entry is ever made or read. */
  private final boolean anyEligible;

  private final int[] parent;
  private final long[] version;
  private long clock;

  // the match the current select is for
  private long at;
  private long duration;
  private JobMeta.AllocType allocType;
  private boolean atIsNow;
  private Optional<ResourceRequest.TargetConstraint> constraint = Optional.empty();

  /**
   * The top-level request of the current select, and its canonical text once a request level was
   * first named in it (null until then): most selects never name one (no vertex they visit is
   * eligible), so the text is not built for them.
   */
  private Req[] topResources = new Req[0];

  private String topRequest;
  private long selectStamp;

  private final Map<String, Integer> requestIds = new HashMap<>();
  private final IdentityHashMap<Req[], Integer> requestOfArray = new IdentityHashMap<>();

  /** The request level asked for last and its id (most lookups repeat the last one). */
  private Req[] lastResources;

  private int lastRequest;

  // what visits being recorded did, nested recordings share the logs
  private int recording;
  int[] logSlot = new int[64];
  long[] logNeeds = new long[64];
  boolean[] logExcl = new boolean[64];
  int logN;
  int[] labelV = new int[16];
  String[] labelS = new String[16];
  int labelN;

  /**
   * A memo for a dominant subsystem that is a tree, given by each vertex's parent ({@code
   * parent[v]}, -1 for a root) and subtree size; non-root vertices with at least {@code minSubtree}
   * vertices in their subtree are eligible.
   */
  static VisitMemo create(int[] parent, int[] subtreeSize, int minSubtree) {
    return new VisitMemo(parent, subtreeSize, minSubtree);
  }

  private VisitMemo(int[] parent, int[] subtreeSize, int minSubtree) {
    int n = parent.length;
    this.parent = parent;
    entries = new Entry[n];
    entries2 = new Entry[n];
    eligible = new boolean[n];
    version = new long[n];
    boolean any = false;
    for (int v = 0; v < n; v++) {
      eligible[v] = parent[v] >= 0 && subtreeSize[v] >= minSubtree;
      any |= eligible[v];
    }
    anyEligible = any;
  }

  /** Whether visits of {@code v} are remembered. */
  private VisitMemo(VisitMemo o) {
    int n = o.parent.length;
    parent = o.parent;
    eligible = o.eligible;
    anyEligible = o.anyEligible;
    entries = new Entry[n];
    entries2 = new Entry[n];
    version = new long[n];
  }

  /**
   * An empty memo over the same tree as this one (sharing its immutable parent and eligibility
   * arrays): for a copy of the engine, which must not see this memo's entries. O(V) to allocate.
   */
  VisitMemo emptySibling() {
    return new VisitMemo(this);
  }

  boolean eligible(int v) {
    return eligible[v];
  }

  /**
   * Marks a change to {@code v}'s own state: entries of {@code v} and its ancestors go stale. A
   * vertex already stamped since the last select began has every ancestor so stamped too, and no
   * entry newer than that stamp, so the walk up stops there.
   */
  void touch(int v) {
    if (!anyEligible) {
      return; // versions are read only for the entries of eligible vertices
    }
    long c = ++clock;
    for (int x = v; x >= 0 && version[x] <= selectStamp; x = parent[x]) {
      version[x] = c;
    }
  }

  /** Drops every entry. */
  void clear() {
    Arrays.fill(entries, null);
    Arrays.fill(entries2, null);
    requestIds.clear();
    requestOfArray.clear();
    lastResources = null;
  }

  /** Starts a select for the top-level request {@code resources} with this match's parameters. */
  void beginSelect(Req[] resources, JobMeta m) {
    selectStamp = ++clock;
    at = m.at;
    duration = m.duration;
    allocType = m.allocType;
    atIsNow = m.at == m.now;
    constraint = m.constraint;
    requestOfArray.clear();
    lastResources = null;
    topResources = resources;
    topRequest = null;
    if (requestIds.size() > 100_000) {
      clear();
    }
  }

  /** The id of the request level {@code resources} within the current top-level request. */
  int requestId(Req[] resources) {
    if (resources == lastResources) {
      return lastRequest;
    }
    Integer known = requestOfArray.get(resources);
    if (known != null) {
      lastResources = resources;
      lastRequest = known;
      return known;
    }
    if (topRequest == null) {
      topRequest = canonical(topResources);
    }
    String key = topRequest + "|" + canonical(resources);
    Integer id = requestIds.get(key);
    if (id == null) {
      id = requestIds.size();
      requestIds.put(key, id);
    }
    requestOfArray.put(resources, id);
    lastResources = resources;
    lastRequest = id;
    return id;
  }

  /** The valid entry of {@code v} for this visit, or null. */
  Entry lookup(int v, int request, boolean pristine, boolean excl, long factorIn) {
    Entry e = entries[v];
    if (!replays(v, e, request, pristine, excl, factorIn)) {
      e = entries2[v];
      if (!replays(v, e, request, pristine, excl, factorIn)) {
        return null;
      }
    }
    e.used = selectStamp;
    return e;
  }

  /** Whether {@code e} (may be null) is a valid entry of {@code v} for this visit. */
  private boolean replays(
      int v, Entry e, int request, boolean pristine, boolean excl, long factorIn) {
    return e != null && version[v] < e.stamp && isFor(e, request, pristine, excl, factorIn);
  }

  /** Whether {@code e} records a visit with these inputs in this select's match. */
  private boolean isFor(Entry e, int request, boolean pristine, boolean excl, long factorIn) {
    return e.request == request
        && e.pristine == pristine
        && e.excl == excl
        && e.factorIn == factorIn
        && e.at == at
        && e.duration == duration
        && e.allocType == allocType
        && e.atIsNow == atIsNow
        && e.constraint.equals(constraint);
  }

  /**
   * Which of {@code v}'s two entries a new recording replaces: one for the same inputs (stale, or
   * it would have been replayed), else an empty one, a stale one, or the one used least recently.
   */
  private boolean replacesSecond(
      int v, int request, boolean pristine, boolean excl, long factorIn) {
    Entry a = entries[v];
    Entry b = entries2[v];
    if (a == null || isFor(a, request, pristine, excl, factorIn)) {
      return false;
    }
    if (b == null || isFor(b, request, pristine, excl, factorIn)) {
      return true;
    }
    boolean aStale = version[v] >= a.stamp;
    boolean bStale = version[v] >= b.stamp;
    if (aStale != bStale) {
      return bStale;
    }
    return b.used < a.used;
  }

  /** Starts recording a visit (recordings nest). */
  void beginRecording() {
    recording++;
  }

  boolean recording() {
    return recording > 0;
  }

  /** Logs a mark made while recording. */
  void logMark(int slot, long needs, boolean excl) {
    if (logN == logSlot.length) {
      logSlot = Arrays.copyOf(logSlot, logN * 2);
      logNeeds = Arrays.copyOf(logNeeds, logN * 2);
      logExcl = Arrays.copyOf(logExcl, logN * 2);
    }
    logSlot[logN] = slot;
    logNeeds[logN] = needs;
    logExcl[logN] = excl;
    logN++;
  }

  /** Logs a label set while recording. */
  void logLabel(int v, String text) {
    if (labelN == labelV.length) {
      labelV = Arrays.copyOf(labelV, labelN * 2);
      labelS = Arrays.copyOf(labelS, labelN * 2);
    }
    labelV[labelN] = v;
    labelS[labelN] = text;
    labelN++;
  }

  /** Ends a recording that failed: nothing is remembered, every entry is dropped. */
  void abandonRecording() {
    recording = 0;
    logN = 0;
    labelN = 0;
    clear();
  }

  /** Ends a recording; the caller fills the returned entry's outcome fields. */
  Entry endRecording(
      int v,
      int request,
      boolean pristine,
      boolean excl,
      long factorIn,
      int markFrom,
      int labelFrom) {
    recording--;
    boolean second = replacesSecond(v, request, pristine, excl, factorIn);
    Entry e = second ? entries2[v] : entries[v];
    if (e == null) {
      e = new Entry();
    }
    e.stamp = selectStamp;
    e.used = selectStamp;
    e.request = request;
    e.pristine = pristine;
    e.excl = excl;
    e.factorIn = factorIn;
    if (markFrom == logN) {
      e.markSlot = NO_INTS;
      e.markNeeds = NO_LONGS;
      e.markExcl = NO_BOOLEANS;
    } else {
      e.markSlot = Arrays.copyOfRange(logSlot, markFrom, logN);
      e.markNeeds = Arrays.copyOfRange(logNeeds, markFrom, logN);
      e.markExcl = Arrays.copyOfRange(logExcl, markFrom, logN);
    }
    if (labelFrom == labelN) {
      e.labelVertex = NO_INTS;
      e.labelText = NO_STRINGS;
    } else {
      e.labelVertex = Arrays.copyOfRange(labelV, labelFrom, labelN);
      e.labelText = Arrays.copyOfRange(labelS, labelFrom, labelN);
    }
    if (second) {
      entries2[v] = e;
    } else {
      entries[v] = e;
    }
    e.at = at;
    e.duration = duration;
    e.allocType = allocType;
    e.atIsNow = atIsNow;
    e.constraint = constraint;
    if (recording == 0) {
      logN = 0;
      labelN = 0;
      Arrays.fill(labelS, null);
    }
    return e;
  }

  /** Stores the candidates {@code dfu} merged into its parent, as unchanging copies. */
  static void keepCandidates(Entry e, Dfu dfu) {
    int n = dfu.n;
    e.types = new int[n];
    e.groups = new EGroup[n][];
    e.scores = new long[n][];
    e.bounds = new long[n][];
    e.index = new ScoreIndex[n];
    e.counts = new int[n];
    e.qual = new long[n];
    e.total = new long[n];
    for (int i = 0; i < n; i++) {
      Evals ev = dfu.byType[i];
      e.types[i] = ev.type;
      e.counts[i] = ev.n;
      e.qual[i] = ev.qual;
      e.scores[i] = ev.scoresCopy();
      e.bounds[i] = new long[] {ev.minCount, ev.minScore, ev.maxScore};
      e.index[i] = new ScoreIndex();
      e.total[i] = ev.total;
      EGroup[] gs = ev.groupsCopy();
      for (int k = 0; k < gs.length; k++) {
        gs[k] = gs[k].frozen();
      }
      e.groups[i] = gs;
    }
  }

  /** Merges an entry's candidates into {@code toParent} as the visit's resolve did. */
  static void mergeCandidates(Entry e, Dfu toParent) {
    for (int i = 0; i < e.types.length; i++) {
      toParent
          .get(e.types[i])
          .mergeGroups(
              e.groups[i],
              e.scores[i],
              e.bounds[i],
              e.index[i],
              e.counts[i],
              e.qual[i],
              e.total[i]);
    }
  }

  /** Drops the candidates of an entry (the visit merged none). */
  static void noCandidates(Entry e) {
    e.types = NO_INTS;
    e.groups = NO_GROUPS;
    e.scores = NO_LONG_ARRAYS;
    e.bounds = NO_LONG_ARRAYS;
    e.index = NO_INDEXES;
    e.counts = NO_INTS;
    e.qual = NO_LONGS;
    e.total = NO_LONGS;
  }

  private static String canonical(Req[] rs) {
    StringBuilder sb = new StringBuilder();
    canonical(rs, sb);
    return sb.toString();
  }

  private static void canonical(Req[] rs, StringBuilder sb) {
    sb.append('[');
    for (Req r : rs) {
      sb.append(r.typeName)
          .append(',')
          .append(r.type)
          .append(',')
          .append(r.min)
          .append(',')
          .append(r.max)
          .append(',')
          .append(r.op)
          .append(',')
          .append(r.operand)
          .append(',')
          .append(r.exclusive)
          .append(',')
          .append(r.label.length())
          .append(':')
          .append(r.label)
          .append(',')
          .append(r.hasUserData)
          .append(Arrays.toString(r.userData));
      canonical(r.with, sb);
      sb.append(';');
    }
    sb.append(']');
  }
}
