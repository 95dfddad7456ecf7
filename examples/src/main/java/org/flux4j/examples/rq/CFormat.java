package org.flux4j.examples.rq;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Number and text conversions with the results of the C and C++ library calls the tool uses. */
final class CFormat {
  private CFormat() {}

  /**
   * A double as a C++ output stream prints it by default ({@code %g} with 6 significant digits,
   * trailing zeros removed), e.g. {@code 0.00123}, {@code 1.79769e+308}, {@code 0}.
   */
  static String general(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (1 / d) < 0 ? "-0" : "0";
    }
    BigDecimal bd = new BigDecimal(d).round(new MathContext(6, RoundingMode.HALF_EVEN));
    int exp = bd.precision() - bd.scale() - 1;
    if (exp < -4 || exp >= 6) {
      BigDecimal mantissa = bd.movePointLeft(exp);
      String m = stripZeros(mantissa.toPlainString());
      String e = Integer.toString(Math.abs(exp));
      return m + (exp < 0 ? "e-" : "e+") + (e.length() < 2 ? "0" + e : e);
    }
    return stripZeros(bd.toPlainString());
  }

  private static String stripZeros(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }

  /** A double as C++ {@code std::to_string} prints it ({@code %f}: six decimals). */
  static String fixed6(double d) {
    return String.format(Locale.ROOT, "%.6f", d);
  }

  /**
   * C {@code strtoll} in base 10 on the whole string: leading blanks, an optional sign and digits;
   * 0 when there are no digits; saturated at the long range.
   */
  static long strtoll(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    boolean neg = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    long n = 0;
    boolean overflow = false;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      int digit = s.charAt(i) - '0';
      if (!overflow) {
        if (n > (Long.MAX_VALUE - digit) / 10) {
          overflow = true;
        } else {
          n = n * 10 + digit;
        }
      }
      i++;
    }
    if (overflow) {
      return neg ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return neg ? -n : n;
  }

  /** Whether {@code c} is a C-locale {@code isspace} character. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
  }

  /** An unsigned 64-bit value as C++ prints a {@code uint64_t}. */
  static String unsigned(long v) {
    return Long.toUnsignedString(v);
  }
}
