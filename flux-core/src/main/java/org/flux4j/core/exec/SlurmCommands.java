package org.flux4j.core.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs Slurm's client commands ({@code scontrol}, {@code salloc}, {@code scancel}) and returns what
 * they print. Stateless apart from the extra environment; thread-safe.
 */
final class SlurmCommands {
  /** What a finished command printed. */
  record Output(int status, String stdout, String stderr) {}

  private final Map<String, String> environment;

  /** Commands that run with this JVM's environment plus {@code environment}. */
  SlurmCommands(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** The extra environment. */
  Map<String, String> environment() {
    return environment;
  }

  /** A process builder for {@code command} with the environment applied. */
  ProcessBuilder builder(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(environment);
    return pb;
  }

  /**
   * Runs {@code command} to its end, waiting at most {@code timeout}.
   *
   * @throws IllegalStateException if it cannot start, times out (it is then killed) or is
   *     interrupted
   */
  Output run(List<String> command, Duration timeout) {
    Process p;
    try {
      p =
          builder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run " + command.get(0) + " (is Slurm installed?): " + e.getMessage(), e);
    }
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
      }
      return new Output(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the output of " + command.get(0), e);
    }
  }

  /**
   * Runs {@code command} and returns its standard output.
   *
   * @throws IllegalStateException naming the command and its error output if it fails
   */
  String check(List<String> command, Duration timeout) {
    Output o = run(command, timeout);
    if (o.status() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed (exit " + o.status() + "): " + o.stderr().strip());
    }
    return o.stdout();
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        });
  }
}
