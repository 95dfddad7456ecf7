package org.flux4j.core.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs a job's command as real processes, one per task, with the environment Flux's job shell sets
 * (see {@link ExecJob#environment(int)}) on top of this JVM's own.
 *
 * <p>Each task's standard output and error go to files in a private temporary directory, read back
 * (up to {@link #OUTPUT_LIMIT} characters each) when the task exits and reported as {@link
 * TaskOutput}s; the directory is then deleted. The finish status is the largest task wait status:
 * {@code code << 8} for an exit code, the signal number for a task this executor killed. A kill
 * (cancel, timeout) destroys every task's whole process tree: its descendants first, then the task
 * itself, so that nothing is orphaned; the JVM reaps the tasks, so no zombie remains.
 *
 * <p>Processes run in real time: this executor holds no virtual-clock activity. Thread-safe.
 */
public final class ProcessExecutor implements Executor {
  /** The most characters of output kept per stream and task. */
  public static final int OUTPUT_LIMIT = 1 << 20;

  private static final int KILL_SIGNAL = 9;

  private final Path workingDirectory;

  /** A process executor that runs tasks in this JVM's working directory. */
  public ProcessExecutor() {
    this(null);
  }

  /** A process executor that runs tasks in {@code workingDirectory} (null: this JVM's). */
  public ProcessExecutor(Path workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  @Override
  public Execution start(ExecJob job, ExecListener listener) {
    Run run = new Run(job, listener);
    run.launch();
    return run;
  }

  private final class Run implements Execution {
    final ExecJob job;
    final ExecListener listener;
    final Process[] processes;
    final int[] status;
    final String[] errors;
    final TaskOutput[] outputs;
    final AtomicInteger remaining;
    volatile boolean killed;
    final boolean[] aliveAtKill;
    Path dir;

    Run(ExecJob job, ExecListener listener) {
      this.job = job;
      this.listener = listener;
      int n = job.size();
      processes = new Process[n];
      status = new int[n];
      errors = new String[n];
      outputs = new TaskOutput[n];
      aliveAtKill = new boolean[n];
      // one count per task, plus one released after started(): a task that exits (or fails to
      // start) at once cannot report the job finished before it was reported started
      remaining = new AtomicInteger(n + 1);
    }

    void launch() {
      List<String> command = job.command();
      int n = job.size();
      try {
        dir = Files.createTempDirectory("flux4j-" + job.id().decimal() + "-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the output directory of " + job.id(), e);
      }
      for (int r = 0; r < n; r++) {
        if (command.isEmpty()) {
          failToStart(r, "the job has no command");
          continue;
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        if (workingDirectory != null) {
          pb.directory(workingDirectory.toFile());
        }
        Map<String, String> env = pb.environment();
        env.putAll(job.environment(r));
        pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        pb.redirectOutput(dir.resolve(r + ".out").toFile());
        pb.redirectError(dir.resolve(r + ".err").toFile());
        int rank = r;
        synchronized (this) {
          if (killed) {
            failToStart(r, null);
            continue;
          }
          try {
            processes[r] = pb.start();
          } catch (IOException e) {
            failToStart(r, "cannot start " + command.get(0) + ": " + e.getMessage());
            continue;
          }
        }
        CompletableFuture<Void> unused = processes[r].onExit().thenRun(() -> exited(rank));
      }
      listener.started();
      taskDone();
    }

    private java.io.File nullDevice() {
      return new java.io.File(
          System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private void failToStart(int rank, String why) {
      status[rank] = why == null ? KILL_SIGNAL : 127 << 8;
      errors[rank] = why == null ? null : "task " + rank + ": " + why;
      outputs[rank] = new TaskOutput(rank, "", "");
      taskDone();
    }

    private void exited(int rank) {
      Process p = processes[rank];
      int code = p.exitValue();
      boolean wasKilled;
      synchronized (this) {
        wasKilled = aliveAtKill[rank];
      }
      if (killed && code >= 128) {
        status[rank] = code - 128;
      } else if (wasKilled || (killed && code != 0)) {
        // a task alive when the kill came was killed, even if it won the race to exit (its
        // shell may see its killed child and exit 0 before its own signal arrives)
        status[rank] = KILL_SIGNAL;
      } else {
        status[rank] = code << 8;
        if (code != 0) {
          errors[rank] = "task " + rank + ": exited with code " + code;
        }
      }
      outputs[rank] = new TaskOutput(rank, read(rank + ".out"), read(rank + ".err"));
      taskDone();
    }

    private String read(String file) {
      try {
        Path f = dir.resolve(file);
        if (!Files.exists(f)) {
          return "";
        }
        String s = Files.readString(f, StandardCharsets.UTF_8);
        return s.length() > OUTPUT_LIMIT ? s.substring(0, OUTPUT_LIMIT) : s;
      } catch (IOException | UncheckedIOException e) {
        return "";
      }
    }

    private void taskDone() {
      if (remaining.decrementAndGet() != 0) {
        return;
      }
      int max = 0;
      String error = null;
      for (int r = 0; r < status.length; r++) {
        max = Math.max(max, status[r]);
        if (error == null && errors[r] != null) {
          error = errors[r];
        }
      }
      deleteDir();
      listener.finished(max, error, List.of(outputs));
    }

    private void deleteDir() {
      if (dir == null) {
        return;
      }
      try (Stream<Path> s = Files.walk(dir)) {
        List<Path> paths = new ArrayList<>(s.sorted(Comparator.reverseOrder()).toList());
        for (Path p : paths) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        // a leftover temporary directory is harmless
      }
    }

    @Override
    public void kill() {
      synchronized (this) {
        killed = true;
      }
      for (int r = 0; r < processes.length; r++) {
        Process p = processes[r];
        if (p != null && p.isAlive()) {
          synchronized (this) {
            aliveAtKill[r] = true;
          }
          p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
      }
    }
  }

  @Override
  public String toString() {
    return "process";
  }
}
