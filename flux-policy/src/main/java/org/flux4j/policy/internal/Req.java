package org.flux4j.policy.internal;

import java.util.List;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.policy.match.ResourceRequest;

/**
 * A jobspec resource compiled against one graph: the type as the graph's interned id ({@link #SLOT}
 * for slots, -1 for a type the graph lacks), the count, the tri-state exclusivity, and the
 * per-prune-type totals below it (Fluxion's {@code user_data}) used by the subtree pruning.
 */
final class Req {
  static final int SLOT = -2;
  static final long UINT_MAX = 0xFFFF_FFFFL;

  final String typeName;
  final int type;
  final long min;
  final long max;
  final char op;
  final long operand;

  /** 1 = true, 0 = false, -1 = unset. */
  final int exclusive;

  final String label;
  final Req[] with;
  long[] userData;
  boolean hasUserData;

  /**
   * The pruning configuration {@link #userData} was primed under by {@link JobspecPriming#prime},
   * or null (never primed, or primed otherwise): the same request under the same configuration
   * primes to the same data.
   */
  Object primedFor;

  /** With {@link #primedFor}: the explicitly exclusive types below this request, each once. */
  int[] exclusiveBelow;

  private Req(ResourceRequest.Item r, ResourceGraph g) {
    typeName = r.type();
    type = r.isSlot() ? SLOT : g.typeId(r.type());
    min = Math.min(r.count().min(), UINT_MAX);
    max = Math.min(r.count().max(), UINT_MAX);
    op = r.count().operator();
    operand = r.count().operand();
    exclusive = r.exclusive() == null ? -1 : (r.exclusive() ? 1 : 0);
    label = r.label();
    with = compile(r.with(), g);
  }

  /** A copy of {@code o} with another type and children (the flexible traverser's variants). */
  private Req(Req o, String typeName, int type, Req[] with) {
    this.typeName = typeName;
    this.type = type;
    min = o.min;
    max = o.max;
    op = o.op;
    operand = o.operand;
    exclusive = o.exclusive;
    label = o.label;
    this.with = with;
    userData = o.userData;
    hasUserData = o.hasUserData;
  }

  /** This request with {@code with} as its children (primed data shared). */
  Req withChildren(Req[] children) {
    return new Req(this, typeName, type, children);
  }

  /** This request turned into a plain slot with {@code with} as its children. */
  Req asSlot(Req[] children) {
    return new Req(this, "slot", SLOT, children);
  }

  /** Whether this is an exclusive-or slot (an alternative of the flexible traverser). */
  boolean isXorSlot() {
    return "xor_slot".equals(typeName);
  }

  static Req[] compile(List<ResourceRequest.Item> rs, ResourceGraph g) {
    Req[] out = new Req[rs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new Req(rs.get(i), g);
    }
    return out;
  }

  /** Whether a request after position {@code i} of {@code rs} has the type of {@code rs[i]}. */
  static boolean typeRecurs(Req[] rs, int i) {
    for (int j = i + 1; j < rs.length; j++) {
      if (rs[j].type == rs[i].type) {
        return true;
      }
    }
    return false;
  }

  boolean isSlot() {
    return type == SLOT;
  }

  /** Fluxion's calc_count: how many to take given {@code qc} qualified; 0 if too few. */
  long calcCount(long qc) {
    if (qc > UINT_MAX) {
      qc = UINT_MAX;
    }
    if (min > max || min > qc) {
      return 0;
    }
    long cur = min;
    long count = 0;
    switch (op) {
      case '+' -> {
        count = qc < max ? qc : max;
        long range = count - cur;
        count -= range % operand;
      }
      case '*' -> {
        if (operand == 1) {
          count = cur;
        } else {
          while (cur <= qc && cur <= max) {
            count = cur;
            cur *= operand;
          }
        }
      }
      case '^' -> {
        if (operand < 2 || cur == 1) {
          count = cur;
        } else {
          while (cur <= qc && cur <= max) {
            long base = cur;
            count = cur;
            for (int i = 1; i < operand; i++) {
              cur *= base;
            }
          }
        }
      }
      default -> count = 0;
    }
    return count;
  }

  long effectiveMax() {
    return calcCount(UINT_MAX);
  }
}
