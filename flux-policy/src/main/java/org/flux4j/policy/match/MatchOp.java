package org.flux4j.policy.match;

/**
 * The match operations of Fluxion's resource API (REAPI {@code match_op_t}) as resource-query names
 * them.
 */
public enum MatchOp {
  /** Match now; on success the resources are allocated at "now". */
  ALLOCATE("allocate"),
  /** Allocate now if possible, else reserve at the earliest future time at which the job fits. */
  ALLOCATE_ORELSE_RESERVE("allocate_orelse_reserve"),
  /** Like {@link #ALLOCATE}; on failure also tell whether the whole graph could ever satisfy it. */
  ALLOCATE_WITH_SATISFIABILITY("allocate_with_satisfiability"),
  /** Only check whether the whole graph (ignoring current jobs) could satisfy the request. */
  SATISFIABILITY("satisfiability"),
  /** Like {@link #ALLOCATE} but leave the scheduling state untouched. */
  WITHOUT_ALLOCATING("without_allocating"),
  /** Like {@link #ALLOCATE_ORELSE_RESERVE} but leave the scheduling state untouched. */
  WITHOUT_ALLOCATING_FUTURE("without_allocating_future");

  private final String word;

  MatchOp(String word) {
    this.word = word;
  }

  /** The resource-query sub-command name, e.g. {@code allocate_orelse_reserve}. */
  public String word() {
    return word;
  }

  /** Whether a successful match of this operation changes the scheduling state. */
  public boolean allocates() {
    return this == ALLOCATE
        || this == ALLOCATE_ORELSE_RESERVE
        || this == ALLOCATE_WITH_SATISFIABILITY;
  }

  /** Whether this operation may place the job in the future (a reservation). */
  public boolean mayReserve() {
    return this == ALLOCATE_ORELSE_RESERVE || this == WITHOUT_ALLOCATING_FUTURE;
  }

  /**
   * The operation named {@code word} (the resource-query sub-command).
   *
   * @throws IllegalArgumentException if no operation has that name
   */
  public static MatchOp byWord(String word) {
    for (MatchOp op : values()) {
      if (op.word.equals(word)) {
        return op;
      }
    }
    StringBuilder known = new StringBuilder();
    for (MatchOp op : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(op.word);
    }
    throw new IllegalArgumentException(
        "unknown match operation: " + word + " (use one of " + known + ")");
  }
}
