package org.flux4j.policy.jobspec;

import java.util.List;

/** Small JSON writing helpers for {@link Constraint#toJson()}. */
final class JsonText {
  private JsonText() {}

  static String strings(List<String> values) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      quote(sb, values.get(i));
    }
    return sb.append(']').toString();
  }

  static String operator(String op, List<Constraint> operands) {
    StringBuilder sb = new StringBuilder("{\"").append(op).append("\":[");
    for (int i = 0; i < operands.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(operands.get(i).toJson());
    }
    return sb.append("]}").toString();
  }

  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }
}
