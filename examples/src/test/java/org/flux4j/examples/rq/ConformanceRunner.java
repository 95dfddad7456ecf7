package org.flux4j.examples.rq;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Runs the cases of a conformance manifest (the TSV read by {@code shared/conformance/
 * run-conformance}) against {@link ResourceQueryMain#run} in this JVM, with the script's rules: the
 * command line built from the columns, {@code derived/} paths, {@code @TEST_SRCDIR@} substitution,
 * the compare modes (tfile, stdout, stderr, tfile+stderr, tfile_append_stderr, tfile_then_stderr,
 * exit0, skip) and the postprocessing steps (strip_uniq_id, grep_ORDER, jq_label_counts,
 * jq_storage_ids, subst_srcdir_expected_stderr), each case in its own directory.
 *
 * <p>Thread-safe: cases share nothing but the read-only inputs, so they may run in parallel.
 */
final class ConformanceRunner {

  /** How a case ended. */
  enum Verdict {
    PASS,
    FAIL,
    SKIP
  }

  /** The result of one case. */
  record Result(String id, String group, Verdict verdict, String reason) {}

  /** One manifest row, by column name. */
  record Case(Map<String, String> columns) {
    String get(String name) {
      String v = columns.get(name);
      return v == null ? "" : v;
    }

    String id() {
      return get("case_id");
    }

    String group() {
      return get("feature_group");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern UNIQ_ID = Pattern.compile(" \\(vtx's uniq_id=[0-9]\\)");

  private final Path data;
  private final Path derived;
  private final Path outRoot;

  /**
   * Creates a runner.
   *
   * @param conformance the conformance folder (holding flux-sched/, derived/ and the manifest)
   * @param outRoot where each case gets its working directory
   */
  ConformanceRunner(Path conformance, Path outRoot) {
    this.data = conformance.resolve("flux-sched").toAbsolutePath();
    this.derived = conformance.resolve("derived").toAbsolutePath();
    this.outRoot = outRoot.toAbsolutePath();
  }

  /** Reads the manifest: a header line of column names, then one case per line. */
  static List<Case> readManifest(Path manifest) throws IOException {
    List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
    String[] header = lines.get(0).split("\t", -1);
    List<Case> cases = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split("\t", -1);
      Map<String, String> cols = new HashMap<>();
      for (int k = 0; k < header.length; k++) {
        cols.put(header[k], k < f.length ? f[k] : "");
      }
      Case c = new Case(cols);
      if (!c.id().isEmpty()) {
        cases.add(c);
      }
    }
    return cases;
  }

  private Path resolve(String p) {
    if (p.startsWith("derived/")) {
      return derived.resolve(p.substring("derived/".length()));
    }
    return data.resolve(p);
  }

  /** Runs one case. */
  Result run(Case c) {
    try {
      return runCase(c);
    } catch (IOException | RuntimeException e) {
      return new Result(c.id(), c.group(), Verdict.FAIL, "harness error: " + e);
    }
  }

  private Result skip(Case c, String why) {
    return new Result(c.id(), c.group(), Verdict.SKIP, why);
  }

  private Result fail(Case c, String why) {
    return new Result(c.id(), c.group(), Verdict.FAIL, why);
  }

  private Result runCase(Case c) throws IOException {
    String mode = c.get("compare");
    String post = c.get("postprocess");
    if (mode.equals("skip")) {
      return skip(c, "not expressible as a file comparison");
    }
    switch (post) {
      case "",
      "strip_uniq_id",
      "grep_ORDER",
      "subst_srcdir_expected_stderr",
      "jq_label_counts",
      "jq_storage_ids":
        break;
      default:
        if (!mode.equals("exit0")) {
          return skip(c, "unknown postprocess " + post);
        }
    }
    Path cmds = resolve(c.get("cmds_file"));
    String loadFile = c.get("load_file");
    String missing = null;
    if (!Files.isRegularFile(cmds)) {
      missing = c.get("cmds_file");
    }
    if (!loadFile.isEmpty() && !Files.isRegularFile(resolve(loadFile))) {
      missing = loadFile;
    }
    String[] expected = c.get("expected_file").split(";", -1);
    if (!mode.equals("exit0")) {
      for (String e : expected) {
        if (!Files.isRegularFile(resolve(e))) {
          missing = e;
        }
      }
    }
    if (missing != null) {
      return skip(c, "missing data file: " + missing);
    }

    Path dir = outRoot.resolve(c.id());
    deleteTree(dir);
    Files.createDirectories(dir);
    String srcdir = data.resolve("t").toString();
    String commands =
        Files.readString(cmds, StandardCharsets.UTF_8).replace("@TEST_SRCDIR@", srcdir);
    Files.writeString(dir.resolve("cmds.in"), commands, StandardCharsets.UTF_8);

    List<String> args = new ArrayList<>();
    if (!loadFile.isEmpty()) {
      args.add("-L");
      args.add(resolve(loadFile).toString());
    }
    addOption(args, "-f", c.get("load_format"));
    addOption(args, "-S", c.get("subsystems"));
    addOption(args, "-P", c.get("policy"));
    addOption(args, "-F", c.get("match_format"));
    String prune = c.get("prune_filters");
    if (prune.equals("EMPTY")) {
      args.add("--prune-filters=");
    } else if (!prune.isEmpty()) {
      args.add("--prune-filters=" + prune);
    }
    String other = c.get("other_options").trim();
    if (!other.isEmpty()) {
      args.addAll(Arrays.asList(other.split("[ \t\n]+")));
    }
    boolean tfile =
        switch (mode) {
          case "tfile", "tfile+stderr", "tfile_append_stderr", "tfile_then_stderr" -> true;
          default -> false;
        };
    if (tfile) {
      args.add("-t");
      args.add("R.out");
    }
    Files.writeString(dir.resolve("command.txt"), String.join(" ", args) + "\n");

    int rc;
    byte[] input = commands.getBytes(StandardCharsets.UTF_8);
    try (OutputStream so = Files.newOutputStream(dir.resolve("stdout"));
        PrintStream stdout = new PrintStream(so, false, StandardCharsets.UTF_8);
        PrintStream stderr =
            new PrintStream(stderrTarget(mode, dir), false, StandardCharsets.UTF_8)) {
      rc =
          ResourceQueryMain.run(
              args.toArray(new String[0]), new ByteArrayInputStream(input), stdout, stderr, dir);
    }
    if (rc != 0) {
      return fail(c, "exit status " + rc);
    }
    if (mode.equals("exit0")) {
      return new Result(c.id(), c.group(), Verdict.PASS, "");
    }

    List<Path> actuals = new ArrayList<>();
    switch (mode) {
      case "tfile", "tfile_append_stderr" -> actuals.add(dir.resolve("R.out"));
      case "stdout" -> actuals.add(dir.resolve("stdout"));
      case "stderr" -> actuals.add(dir.resolve("stderr"));
      case "tfile+stderr" -> {
        actuals.add(dir.resolve("R.out"));
        actuals.add(dir.resolve("stderr"));
      }
      case "tfile_then_stderr" -> {
        Path both = dir.resolve("R+stderr.out");
        byte[] a =
            Files.exists(dir.resolve("R.out"))
                ? Files.readAllBytes(dir.resolve("R.out"))
                : new byte[0];
        byte[] b = Files.readAllBytes(dir.resolve("stderr"));
        byte[] ab = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, ab, a.length, b.length);
        Files.write(both, ab);
        actuals.add(both);
      }
      default -> {
        return skip(c, "unknown compare mode " + mode);
      }
    }
    for (int k = 0; k < actuals.size(); k++) {
      Path a = actuals.get(k);
      if (!Files.exists(a)) {
        return fail(c, "no output file " + a.getFileName());
      }
      byte[] actual = Files.readAllBytes(a);
      if (k == 0 && !post.isEmpty() && !post.equals("subst_srcdir_expected_stderr")) {
        actual = postprocess(post, actual);
      }
      Files.write(dir.resolve(a.getFileName() + ".post"), actual);
      String e = k < expected.length ? expected[k] : "";
      byte[] exp = Files.readAllBytes(resolve(e));
      if (post.equals("subst_srcdir_expected_stderr") && k == 1) {
        exp =
            new String(exp, StandardCharsets.UTF_8)
                .replace("@TEST_SRCDIR@", srcdir)
                .getBytes(StandardCharsets.UTF_8);
      }
      boolean same =
          post.equals("jq_label_counts")
              ? sameIgnoringBlanks(actual, exp)
              : Arrays.equals(actual, exp);
      if (!same) {
        String diff = firstDifference(exp, actual);
        Files.writeString(dir.resolve("diff." + k), diff);
        return fail(c, a.getFileName() + " differs from " + e + ": " + diff);
      }
    }
    return new Result(c.id(), c.group(), Verdict.PASS, "");
  }

  private static void addOption(List<String> args, String option, String value) {
    if (!value.isEmpty()) {
      args.add(option);
      args.add(value);
    }
  }

  // ------------------------------------------------------------------ postprocessing

  static byte[] postprocess(String name, byte[] in) throws IOException {
    String text = new String(in, StandardCharsets.UTF_8);
    switch (name) {
      case "strip_uniq_id":
        return UNIQ_ID.matcher(text).replaceAll("").getBytes(StandardCharsets.UTF_8);
      case "grep_ORDER":
        {
          StringBuilder sb = new StringBuilder();
          for (String line : lines(text)) {
            if (line.contains("ORDER")) {
              sb.append(line).append('\n');
            }
          }
          return sb.toString().getBytes(StandardCharsets.UTF_8);
        }
      case "jq_label_counts":
        {
          List<String> labels = new ArrayList<>();
          for (JsonNode doc : jsonDocs(withoutInfo(text))) {
            for (JsonNode node : doc.path("graph").path("nodes")) {
              labels.add(raw(node.path("metadata").path("ephemeral").path("label")));
            }
          }
          TreeMap<String, Integer> counts = new TreeMap<>();
          for (String l : labels) {
            counts.merge(l, 1, Integer::sum);
          }
          StringBuilder sb = new StringBuilder();
          counts.forEach((l, n) -> sb.append(String.format("%7d %s", n, l)).append('\n'));
          return sb.toString().getBytes(StandardCharsets.UTF_8);
        }
      case "jq_storage_ids":
        {
          StringBuilder sb = new StringBuilder();
          for (JsonNode doc : jsonDocs(withoutInfo(text))) {
            for (JsonNode node : doc.path("graph").path("nodes")) {
              JsonNode md = node.path("metadata");
              if (md.path("type").isTextual() && md.path("type").asText().equals("storage")) {
                JsonNode id = md.path("properties").path("LinuxDeviceID");
                if (!id.isMissingNode() && !id.isNull()) {
                  sb.append(raw(id)).append('\n');
                }
              }
            }
          }
          return sb.toString().getBytes(StandardCharsets.UTF_8);
        }
      default:
        return in;
    }
  }

  private static String raw(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) {
      return "null";
    }
    return n.isTextual() ? n.asText() : n.toString();
  }

  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private static String withoutInfo(String text) {
    StringBuilder sb = new StringBuilder();
    for (String line : lines(text)) {
      if (!line.contains("INFO")) {
        sb.append(line).append('\n');
      }
    }
    return sb.toString();
  }

  /** The JSON texts of a stream, as jq reads them; reading stops at the first syntax error. */
  private static List<JsonNode> jsonDocs(String text) {
    List<JsonNode> docs = new ArrayList<>();
    try (JsonParser p = JSON.getFactory().createParser(text);
        MappingIterator<JsonNode> it = JSON.readValues(p, JsonNode.class)) {
      while (it.hasNextValue()) {
        docs.add(it.nextValue());
      }
    } catch (IOException | RuntimeException e) {
      // like jq: what was read before the error stands
    }
    return docs;
  }

  private static boolean sameIgnoringBlanks(byte[] a, byte[] b) {
    List<String> la = lines(new String(a, StandardCharsets.UTF_8));
    List<String> lb = lines(new String(b, StandardCharsets.UTF_8));
    if (la.size() != lb.size()) {
      return false;
    }
    for (int i = 0; i < la.size(); i++) {
      if (!la.get(i).replaceAll("\\s+", "").equals(lb.get(i).replaceAll("\\s+", ""))) {
        return false;
      }
    }
    return true;
  }

  /** A one-line description of where two outputs first differ. */
  static String firstDifference(byte[] expected, byte[] actual) {
    List<String> le = lines(new String(expected, StandardCharsets.UTF_8));
    List<String> la = lines(new String(actual, StandardCharsets.UTF_8));
    int n = Math.min(le.size(), la.size());
    for (int i = 0; i < n; i++) {
      if (!le.get(i).equals(la.get(i))) {
        return "line "
            + (i + 1)
            + ": expected ["
            + clip(le.get(i))
            + "] got ["
            + clip(la.get(i))
            + "]";
      }
    }
    if (le.size() != la.size()) {
      return "expected "
          + le.size()
          + " lines, got "
          + la.size()
          + (la.size() > n
              ? ", first extra [" + clip(la.get(n)) + "]"
              : ", first missing [" + clip(le.get(n)) + "]");
    }
    return "same lines, different line ends";
  }

  private static String clip(String s) {
    return s.length() > 160 ? s.substring(0, 160) + "..." : s;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      List<Path> all = walk.sorted((x, y) -> y.getNameCount() - x.getNameCount()).toList();
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Where a case's stderr goes: in mode tfile_append_stderr appended to R.out (created empty
   * first), as the manifest's runner does, else to a file "stderr" of its own.
   */
  private static OutputStream stderrTarget(String mode, Path dir) throws IOException {
    if (mode.equals("tfile_append_stderr")) {
      Files.write(dir.resolve("R.out"), new byte[0]);
      return new FileOutputStream(dir.resolve("R.out").toFile(), true);
    }
    return Files.newOutputStream(dir.resolve("stderr"));
  }
}
