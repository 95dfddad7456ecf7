package org.flux4j.examples.rqdiff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One resource-query scenario: a graph, jobspecs ({@code job0.yaml}, {@code job1.yaml}, ...), other
 * input files (partial-cancel resource sets), a command script naming them, and the command-line
 * options. It writes itself to a folder in the layout of the shared divergence samples ({@code
 * run.sh}, the graph, the jobspecs, {@code cmds.in}) and offers the smaller scenarios the shrinker
 * tries.
 *
 * <p>Immutable.
 *
 * @param label a short description (graph name, policy, writer) for the {@code run.sh} comment
 * @param recipe the generated recipe, or null when the graph is {@code graphText}
 * @param graphFile the graph's file name
 * @param graphText the graph's text when it is not generated, else ""
 * @param options the command-line options between the load file and {@code -t}: load format,
 *     subsystems, policy, writer, prune filters, traverser
 * @param jobspecs the jobspecs; the i-th is written to {@code job<i>.yaml}
 * @param files other input files by name
 * @param commands the command script without the final {@code quit}
 */
public record Scenario(
    String label,
    GrugRecipe recipe,
    String graphFile,
    String graphText,
    List<String> options,
    List<JobspecModel> jobspecs,
    Map<String, String> files,
    List<String> commands) {

  private static final Pattern JOB_FILE = Pattern.compile("^job([0-9]+)\\.yaml$");

  /** Creates a scenario; copies the collections. */
  public Scenario {
    options = List.copyOf(options);
    jobspecs = List.copyOf(jobspecs);
    files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
    commands = List.copyOf(commands);
  }

  /** The graph's text. */
  public String graph() {
    return recipe != null ? recipe.toGraphml() : graphText;
  }

  /** The command-line arguments, with the {@code -t} file {@code out.txt}. */
  public List<String> args() {
    List<String> a = new ArrayList<>();
    a.add("--load-file=" + graphFile);
    a.addAll(options);
    a.add("-d");
    a.add("--test-output=out.txt");
    return a;
  }

  /** The command script, ending with {@code quit}. */
  public String script() {
    StringBuilder sb = new StringBuilder();
    for (String c : commands) {
      sb.append(c).append('\n');
    }
    return sb.append("quit\n").toString();
  }

  /** Writes the inputs and {@code run.sh} into {@code dir} (created if missing). */
  public void writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    write(dir.resolve(graphFile), graph());
    for (int i = 0; i < jobspecs.size(); i++) {
      write(dir.resolve("job" + i + ".yaml"), jobspecs.get(i).toYaml());
    }
    for (Map.Entry<String, String> f : files.entrySet()) {
      write(dir.resolve(f.getKey()), f.getValue());
    }
    write(dir.resolve("cmds.in"), script());
    StringBuilder sh = new StringBuilder();
    sh.append("#!/bin/sh\n# ").append(label).append('\n');
    sh.append("# usage: RQ=<resource-query command> ./run.sh\n");
    sh.append("cd \"$(dirname \"$0\")\" && ${RQ:?set RQ}");
    for (String a : args()) {
      sh.append(' ').append(a.replace(" ", "\\ "));
    }
    sh.append(" < cmds.in\n");
    Path run = dir.resolve("run.sh");
    write(run, sh.toString());
    run.toFile().setExecutable(true);
  }

  private static void write(Path p, String text) throws IOException {
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  Scenario withCommands(List<String> cs) {
    return new Scenario(label, recipe, graphFile, graphText, options, jobspecs, files, cs);
  }

  Scenario withJobspec(int i, JobspecModel j) {
    List<JobspecModel> js = new ArrayList<>(jobspecs);
    js.set(i, j);
    return new Scenario(label, recipe, graphFile, graphText, options, js, files, commands);
  }

  Scenario withRecipe(GrugRecipe r) {
    return new Scenario(label, r, graphFile, graphText, options, jobspecs, files, commands);
  }

  Scenario withOptions(List<String> o) {
    return new Scenario(label, recipe, graphFile, graphText, o, jobspecs, files, commands);
  }

  /**
   * This scenario without jobspec {@code i}: the commands that name it are dropped (a multi-match
   * loses that file, or the whole command when fewer than two files remain) and the later jobspecs
   * are renumbered.
   */
  Scenario withoutJobspec(int i) {
    List<JobspecModel> js = new ArrayList<>(jobspecs);
    js.remove(i);
    List<String> cs = new ArrayList<>();
    for (String c : commands) {
      String[] t = c.split(" ", -1);
      StringBuilder sb = new StringBuilder();
      int kept = 0;
      boolean named = false;
      for (String w : t) {
        Matcher m = JOB_FILE.matcher(w);
        if (m.matches()) {
          int k = Integer.parseInt(m.group(1));
          if (k == i) {
            named = true;
            continue;
          }
          w = "job" + (k > i ? k - 1 : k) + ".yaml";
          kept++;
        }
        sb.append(sb.length() == 0 ? "" : " ").append(w);
      }
      boolean multi = t[0].equals("multi-match") || t[0].equals("M");
      if (!named || (multi && kept >= 2)) {
        cs.add(sb.toString());
      }
    }
    return new Scenario(label, recipe, graphFile, graphText, options, js, files, cs);
  }

  /**
   * The scenarios one step smaller, the biggest steps first: halves of the command script, single
   * commands, jobspecs, options back to their defaults, graph reductions, jobspec reductions.
   */
  public List<Scenario> reductions() {
    List<Scenario> out = new ArrayList<>();
    int n = commands.size();
    for (int chunk = n / 2; chunk >= 2; chunk /= 2) {
      for (int from = 0; from + chunk <= n; from += chunk) {
        List<String> cs = new ArrayList<>(commands.subList(0, from));
        cs.addAll(commands.subList(from + chunk, n));
        out.add(withCommands(cs));
      }
    }
    for (int i = n - 1; i >= 0; i--) {
      List<String> cs = new ArrayList<>(commands);
      cs.remove(i);
      out.add(withCommands(cs));
    }
    for (int i = 0; i < jobspecs.size(); i++) {
      out.add(withoutJobspec(i));
    }
    for (int i = 0; i < options.size(); i++) {
      String o = options.get(i);
      if (o.startsWith("--prune-filters=") || o.startsWith("--traverser-policy=")) {
        List<String> os = new ArrayList<>(options);
        os.remove(i);
        out.add(withOptions(os));
      }
    }
    if (recipe != null) {
      for (GrugRecipe r : recipe.reductions()) {
        if (keepsRequestedTypes(r)) {
          out.add(withRecipe(r));
        }
      }
    }
    for (int i = 0; i < jobspecs.size(); i++) {
      for (JobspecModel j : jobspecs.get(i).reductions()) {
        out.add(withJobspec(i, j));
      }
    }
    return out;
  }

  /**
   * Whether {@code r} still has every type the jobspecs ask for (a missing type is another case).
   */
  private boolean keepsRequestedTypes(GrugRecipe r) {
    for (GrugRecipe.Kind k : recipe.kinds()) {
      if (!r.kinds().contains(k)) {
        for (JobspecModel j : jobspecs) {
          if (j.toYaml().contains("- type: " + k.type() + "\n")) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** A size measure the shrinker reports: commands, jobspecs and graph vertices. */
  public String size() {
    return commands.size()
        + " commands, "
        + jobspecs.size()
        + " jobspecs"
        + (recipe != null ? ", " + recipe.vertexCount() + " vertices" : "");
  }
}
