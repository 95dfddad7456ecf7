package org.flux4j.examples.rq;

import java.util.ArrayList;
import java.util.List;

/**
 * A command-line scanner with the observable behaviour of GNU {@code getopt_long} in its default
 * (permuting) mode, as Fluxion's resource-query uses it.
 *
 * <p>Short options cluster ({@code -ed}), a short option that takes an argument takes the rest of
 * its word or else the next word ({@code -Lfile}, {@code -L file}); long options may be abbreviated
 * to a unique prefix and take their argument after {@code =} or as the next word; {@code --} ends
 * the options; every other word is an operand, collected in order. Scanning stops at the first
 * error, as the tool exits there. Not thread-safe; one instance scans one argument vector.
 */
final class Getopt {

  /**
   * One long option: its name, whether it takes an argument, and the short letter it stands for.
   */
  record LongOption(String name, boolean hasArg, char letter) {}

  /** One scanned option: its letter and its argument (null for a flag). */
  record Option(char letter, String arg) {}

  /** The result of a scan: the options in order, the operands, and the first error if any. */
  record Result(List<Option> options, List<String> operands, String error) {}

  private final String program;
  private final String shortSpec;
  private final List<LongOption> longOptions;

  /**
   * Creates a scanner.
   *
   * @param program the name that prefixes error messages
   * @param shortSpec the letters, each followed by {@code :} when it takes an argument
   * @param longOptions the long forms
   */
  Getopt(String program, String shortSpec, List<LongOption> longOptions) {
    this.program = program;
    this.shortSpec = shortSpec;
    this.longOptions = List.copyOf(longOptions);
  }

  /**
   * Scans {@code args}. Options are returned in the order they appear; processing of options stops
   * at the first error (unknown or ambiguous option, missing or unexpected argument), whose
   * diagnostic (GNU wording) is returned in {@link Result#error()}.
   */
  Result scan(String[] args) {
    List<Option> options = new ArrayList<>();
    List<String> operands = new ArrayList<>();
    int i = 0;
    while (i < args.length) {
      String a = args[i++];
      if (a.equals("--")) {
        while (i < args.length) {
          operands.add(args[i++]);
        }
        break;
      }
      if (a.startsWith("--")) {
        String body = a.substring(2);
        int eq = body.indexOf('=');
        String name = eq >= 0 ? body.substring(0, eq) : body;
        String inlineArg = eq >= 0 ? body.substring(eq + 1) : null;
        LongOption match = null;
        List<LongOption> prefixMatches = new ArrayList<>();
        for (LongOption lo : longOptions) {
          if (lo.name().equals(name)) {
            match = lo;
            break;
          }
          if (lo.name().startsWith(name)) {
            prefixMatches.add(lo);
          }
        }
        if (match == null) {
          if (prefixMatches.isEmpty()) {
            return new Result(options, operands, program + ": unrecognized option '" + a + "'");
          }
          if (prefixMatches.size() > 1) {
            StringBuilder sb = new StringBuilder();
            sb.append(program)
                .append(": option '--")
                .append(name)
                .append("' is ambiguous; possibilities:");
            for (LongOption lo : prefixMatches) {
              sb.append(" '--").append(lo.name()).append('\'');
            }
            return new Result(options, operands, sb.toString());
          }
          match = prefixMatches.get(0);
        }
        if (match.hasArg()) {
          if (inlineArg == null) {
            if (i >= args.length) {
              return new Result(
                  options,
                  operands,
                  program + ": option '--" + match.name() + "' requires an argument");
            }
            inlineArg = args[i++];
          }
          options.add(new Option(match.letter(), inlineArg));
        } else {
          if (inlineArg != null) {
            return new Result(
                options,
                operands,
                program + ": option '--" + match.name() + "' doesn't allow an argument");
          }
          options.add(new Option(match.letter(), null));
        }
        continue;
      }
      if (a.length() < 2 || a.charAt(0) != '-') {
        operands.add(a);
        continue;
      }
      for (int k = 1; k < a.length(); k++) {
        char c = a.charAt(k);
        int at = c == ':' ? -1 : shortSpec.indexOf(c);
        if (at < 0) {
          return new Result(options, operands, program + ": invalid option -- '" + c + "'");
        }
        boolean hasArg = at + 1 < shortSpec.length() && shortSpec.charAt(at + 1) == ':';
        if (!hasArg) {
          options.add(new Option(c, null));
          continue;
        }
        String arg;
        if (k + 1 < a.length()) {
          arg = a.substring(k + 1);
        } else if (i < args.length) {
          arg = args[i++];
        } else {
          return new Result(
              options, operands, program + ": option requires an argument -- '" + c + "'");
        }
        options.add(new Option(c, arg));
        break;
      }
    }
    return new Result(options, operands, null);
  }
}
