package org.flux4j.policy.internal;

import java.util.ArrayList;
import java.util.List;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.policy.match.ResourceRequest.TargetConstraint;

/**
 * RFC 31 constraint matching against one execution-target vertex, and the hostlist / idset
 * expansion it needs.
 */
final class Constraints {
  private Constraints() {}

  static boolean matches(ResourceGraph g, int v, TargetConstraint c) {
    if (c instanceof TargetConstraint.OfJobspec j) {
      return j.constraint().matches(g, v);
    }
    if (c instanceof TargetConstraint.Properties p) {
      for (String name : p.names()) {
        boolean neg = name.startsWith("^");
        String key = neg ? name.substring(1) : name;
        boolean has = g.properties(v).containsKey(key);
        if (has == neg) {
          return false;
        }
      }
      return true;
    }
    if (c instanceof TargetConstraint.Hostlist h) {
      String name = g.name(v);
      for (String hl : h.hostlists()) {
        if (expandHostlist(hl).contains(name)) {
          return true;
        }
      }
      return false;
    }
    if (c instanceof TargetConstraint.Ranks r) {
      long rank = g.rank(v);
      for (String ids : r.idsets()) {
        if (idsetContains(ids, rank)) {
          return true;
        }
      }
      return false;
    }
    if (c instanceof TargetConstraint.And a) {
      for (TargetConstraint t : a.terms()) {
        if (!matches(g, v, t)) {
          return false;
        }
      }
      return true;
    }
    if (c instanceof TargetConstraint.Or o) {
      for (TargetConstraint t : o.terms()) {
        if (matches(g, v, t)) {
          return true;
        }
      }
      return false;
    }
    if (c instanceof TargetConstraint.Not n) {
      for (TargetConstraint t : n.terms()) {
        if (matches(g, v, t)) {
          return false;
        }
      }
      return true;
    }
    return true;
  }

  /** Whether the RFC 22 idset {@code ids} (e.g. "0-3,7") contains {@code x}. */
  static boolean idsetContains(String ids, long x) {
    String s = ids.trim();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.isEmpty()) {
      return false;
    }
    for (String part : s.split(",", 0)) {
      part = part.trim();
      int dash = part.indexOf('-');
      try {
        if (dash > 0) {
          long lo = Long.parseLong(part.substring(0, dash));
          long hi = Long.parseLong(part.substring(dash + 1));
          if (x >= lo && x <= hi) {
            return true;
          }
        } else if (Long.parseLong(part) == x) {
          return true;
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid idset: " + ids, e);
      }
    }
    return false;
  }

  /** Expands a flux-core hostlist such as "node[0-3,7],login1". */
  static List<String> expandHostlist(String hl) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < hl.length(); i++) {
      char ch = hl.charAt(i);
      if (ch == '[') {
        depth++;
      } else if (ch == ']') {
        depth--;
      }
      if (ch == ',' && depth == 0) {
        expandOne(cur.toString().trim(), out);
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    expandOne(cur.toString().trim(), out);
    return out;
  }

  private static void expandOne(String host, List<String> out) {
    if (host.isEmpty()) {
      return;
    }
    int open = host.indexOf('[');
    if (open < 0) {
      out.add(host);
      return;
    }
    int close = host.indexOf(']', open);
    String prefix = host.substring(0, open);
    String suffix = host.substring(close + 1);
    for (String part : host.substring(open + 1, close).split(",", 0)) {
      int dash = part.indexOf('-');
      if (dash > 0) {
        String a = part.substring(0, dash);
        String b = part.substring(dash + 1);
        long lo = Long.parseLong(a);
        long hi = Long.parseLong(b);
        for (long x = lo; x <= hi; x++) {
          String num = String.valueOf(x);
          while (num.length() < a.length()) {
            num = "0" + num;
          }
          expandOne(prefix + num + suffix, out);
        }
      } else {
        expandOne(prefix + part + suffix, out);
      }
    }
  }
}
