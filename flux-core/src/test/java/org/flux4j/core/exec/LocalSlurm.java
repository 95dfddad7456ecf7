package org.flux4j.core.exec;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The project's local Slurm ({@code scripts/local-slurm.sh}) for integration tests: the cluster
 * named by {@code SLURM_CONF} if one answers (as {@code .ci/run} starts it), else one started here
 * when Slurm is installed (and stopped when the JVM exits), else the test is skipped with a
 * message.
 */
final class LocalSlurm {
  private static LocalSlurm shared;
  private static String unavailable;

  private final Path script;
  private final String conf;
  private final boolean ours;

  private LocalSlurm(Path script, String conf, boolean ours) {
    this.script = script;
    this.conf = conf;
    this.ours = ours;
  }

  /** The cluster, or a skipped test saying why there is none. */
  static synchronized LocalSlurm get() {
    if (shared == null && unavailable == null) {
      try {
        shared = find();
      } catch (IOException | RuntimeException e) {
        unavailable = e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        unavailable = "interrupted";
      }
    }
    assumeTrue(
        shared != null, () -> "no local Slurm, Slurm integration test skipped: " + unavailable);
    return shared;
  }

  private static Path script() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path s = dir.resolve("scripts/local-slurm.sh");
      if (Files.isExecutable(s)) {
        return s;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "scripts/local-slurm.sh not found above " + Path.of("").toAbsolutePath());
  }

  private static String defaultConf() throws IOException {
    String dir = System.getenv("FLUX4J_SLURM_DIR");
    if (dir == null) {
      dir = "/tmp/flux4j-slurm-" + Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }
    return dir + "/etc/slurm.conf";
  }

  private static LocalSlurm find() throws IOException, InterruptedException {
    Path script = script();
    String conf = System.getenv("SLURM_CONF");
    if (conf != null && answers(conf)) {
      return new LocalSlurm(script, conf, conf.equals(defaultConf()));
    }
    Process p =
        new ProcessBuilder(script.toString(), "start")
            .redirectError(ProcessBuilder.Redirect.PIPE)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.startsWith("SLURM_CONF=")) {
      throw new IllegalStateException(err.strip());
    }
    String started = out.strip().substring("SLURM_CONF=".length());
    if (!err.contains("already running")) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      new ProcessBuilder(script.toString(), "stop")
                          .start()
                          .waitFor(30, TimeUnit.SECONDS);
                    } catch (IOException e) {
                      // nothing more to do at exit
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }));
    }
    return new LocalSlurm(script, started, true);
  }

  private static boolean answers(String conf) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("sinfo", "-h").redirectErrorStream(true);
    pb.environment().put("SLURM_CONF", conf);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return false;
    }
    p.getInputStream().readAllBytes();
    return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  /** The environment that points Slurm's commands at this cluster. */
  Map<String, String> env() {
    return Map.of("SLURM_CONF", conf);
  }

  /** Whether this is the script's cluster, whose slurmd daemons a test may kill and restart. */
  boolean managed() {
    return ours;
  }

  /** Runs {@code script ARGS}, e.g. {@code kill-node n2}. */
  void script(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of(script.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env());
    Process p = pb.start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed");
    }
  }
}
