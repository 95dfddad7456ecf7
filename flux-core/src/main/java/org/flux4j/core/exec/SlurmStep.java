package org.flux4j.core.exec;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flux4j.core.Allocation;

/**
 * One job's tasks as one {@code srun} step in the executor's allocation, on exactly the hosts the
 * matcher chose: task {@code t} runs on the host of its slot ({@code --distribution=arbitrary} with
 * one {@code --nodelist} entry per task), with the slot's cores per task. {@code --overlap} lets
 * steps share what Slurm sees as the job's CPUs, since flux4j already decided who gets which;
 * {@code --exact} keeps each step to what it asks for; {@code --kill-on-bad-exit} ends the step
 * when a task fails, as Flux's job shell does.
 *
 * <p>Each task gets the job shell variables of {@link ExecJob#environment(int)}: the shared ones
 * through srun's environment, the per-task ones ({@code FLUX_TASK_RANK}, {@code
 * FLUX_TASK_LOCAL_ID}, {@code CUDA_VISIBLE_DEVICES}) by a {@code sh} wrapper that picks its line by
 * {@code SLURM_PROCID}. Output is captured through {@code --label} into files on this host (so no
 * shared file system is needed) and split by task when srun exits; task ends, the step id and node
 * failures come from srun's {@code --verbose} messages ({@link SrunOutput}).
 *
 * <p>A kill sends SIGKILL to the whole step with {@code scancel --signal=KILL JOB.STEP} (Slurm's
 * process tracking reaches every process the tasks started); srun itself is destroyed if it has not
 * exited a few seconds later. Thread-safe.
 */
final class SlurmStep implements Execution {
  private static final int KILL_SIGNAL = 9;
  private static final List<String> PER_TASK =
      List.of("FLUX_TASK_RANK", "FLUX_TASK_LOCAL_ID", "CUDA_VISIBLE_DEVICES");

  /** srun input variables that would change the step's shape if inherited from an allocation. */
  private static final List<String> SRUN_INPUTS =
      List.of(
          "SLURM_NTASKS_PER_NODE",
          "SLURM_NTASKS_PER_SOCKET",
          "SLURM_NTASKS_PER_CORE",
          "SLURM_HOSTFILE",
          "SLURM_CPU_BIND",
          "SLURM_MEM_PER_CPU",
          "SLURM_MEM_PER_NODE",
          "SLURM_MEM_PER_GPU",
          "SLURM_GPUS_PER_TASK",
          "SLURM_CPUS_PER_GPU",
          "SLURM_THREADS_PER_CORE");

  /**
   * Reads the task's own variables from line SLURM_PROCID + 1 of FLUX4J_TASK_ENV, then runs the
   * command.
   */
  private static final String WRAPPER =
      "eval \"export $(printf '%s\\n' \"$FLUX4J_TASK_ENV\" | sed -n \"$((SLURM_PROCID + 1))p\")\";"
          + " unset FLUX4J_TASK_ENV; exec \"$@\"";

  private final SlurmExecutor owner;
  private final ExecJob job;
  private final ExecListener listener;
  private Process srun;
  private Path dir;
  private volatile boolean killed;
  private volatile String lostNode;
  private boolean reported;

  SlurmStep(SlurmExecutor owner, ExecJob job, ExecListener listener) {
    this.owner = owner;
    this.job = job;
    this.listener = listener;
  }

  ExecJob job() {
    return job;
  }

  /** The srun command line of this step. */
  List<String> command() {
    int n = job.size();
    StringBuilder hosts = new StringBuilder();
    int[] ranks = job.allocation().ranks();
    for (int t = 0; t < n; t++) {
      hosts.append(t > 0 ? "," : "").append(job.slot(t).hostname());
    }
    Allocation.Slot first = job.slot(0);
    int cpus = Math.max(1, first.cores().length / job.request().tasksPerSlot());
    List<String> cmd = new ArrayList<>();
    cmd.add("srun");
    cmd.add("--jobid=" + owner.allocation().jobId());
    cmd.add("--job-name=flux4j-" + job.id().f58Ascii());
    cmd.add("--overlap");
    cmd.add("--exact");
    cmd.add("--kill-on-bad-exit=1");
    cmd.add("--nodes=" + ranks.length);
    cmd.add("--ntasks=" + n);
    cmd.add("--nodelist=" + hosts);
    cmd.add("--distribution=arbitrary");
    cmd.add("--cpus-per-task=" + cpus);
    cmd.add("--input=none");
    cmd.add("--label");
    cmd.add("--verbose");
    cmd.add("sh");
    cmd.add("-c");
    cmd.add(WRAPPER);
    cmd.add("flux4j-task");
    cmd.addAll(job.command());
    return cmd;
  }

  /** The per-task variables, one line per task rank, as the wrapper reads them. */
  String taskEnvironment() {
    StringBuilder sb = new StringBuilder();
    for (int t = 0; t < job.size(); t++) {
      Map<String, String> env = job.environment(t);
      for (String k : PER_TASK) {
        sb.append(k).append("='").append(env.get(k).replace("'", "'\\''")).append("' ");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Starts srun; reports {@code started} once it runs, {@code finished} when it exits. */
  void launch() {
    if (job.command().isEmpty()) {
      listener.started();
      finish(127 << 8, "task 0: the job has no command", List.of());
      return;
    }
    try {
      dir = Files.createTempDirectory("flux4j-slurm-" + job.id().decimal() + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the output directory of " + job.id(), e);
    }
    ProcessBuilder pb = owner.commands().builder(command());
    Map<String, String> env = pb.environment();
    SRUN_INPUTS.forEach(env::remove);
    Map<String, String> shared = job.environment(0);
    PER_TASK.forEach(shared::remove);
    env.putAll(shared);
    env.put("FLUX4J_TASK_ENV", taskEnvironment());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectOutput(dir.resolve("out").toFile());
    pb.redirectError(dir.resolve("err").toFile());
    synchronized (this) {
      if (killed) {
        listener.started();
        finish(KILL_SIGNAL, null, List.of());
        return;
      }
      try {
        srun = pb.start();
      } catch (IOException e) {
        listener.started();
        finish(127 << 8, "cannot start srun (is Slurm installed?): " + e.getMessage(), List.of());
        return;
      }
    }
    listener.started();
    CompletableFuture<Void> unused = srun.onExit().thenRun(this::exited);
  }

  /** Notes that {@code host} was lost while this step ran there (for its failure message). */
  void nodeLost(String host) {
    lostNode = host;
  }

  private void exited() {
    int rc = srun.exitValue();
    SrunOutput o = SrunOutput.parse(read("out"), read("err"), job.size());
    int status = 0;
    String error = null;
    for (int t = 0; t < job.size(); t++) {
      int s = o.status(t);
      if (s == SrunOutput.UNKNOWN || s == 0) {
        continue;
      }
      status = Math.max(status, s);
      if (error == null) {
        String where = o.host(t) != null ? o.host(t) : job.slot(t).hostname();
        error =
            (s & 0x7f) != 0
                ? "task " + t + " on " + where + ": killed by signal " + (s & 0x7f)
                : "task " + t + " on " + where + ": exited with code " + (s >> 8);
      }
    }
    Optional<String> failed = o.failedNode().or(() -> Optional.ofNullable(lostNode));
    if (failed.isPresent()) {
      // srun exits 0 after a node failure: that is a failure all the same
      status = Math.max(status, KILL_SIGNAL);
      error = "node " + failed.get() + " failed (Slurm: Node failure on " + failed.get() + ")";
    } else if (status == 0 && rc != 0) {
      status = rc << 8;
      List<String> errs = o.errors();
      error = "srun exited with code " + rc + (errs.isEmpty() ? "" : ": " + errs.get(0));
    }
    if (killed) {
      status = Math.max(status, KILL_SIGNAL);
      error = failed.isPresent() ? error : null;
    }
    finish(status, error, o.outputs(ProcessExecutor.OUTPUT_LIMIT));
  }

  private synchronized void finish(int status, String error, List<TaskOutput> outputs) {
    if (reported) {
      return;
    }
    reported = true;
    deleteDir();
    owner.stepEnded(this);
    listener.finished(status, error, outputs);
  }

  private String read(String file) {
    try {
      return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  private void deleteDir() {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }

  @Override
  public void kill() {
    Process p;
    synchronized (this) {
      if (killed) {
        return;
      }
      killed = true;
      p = srun;
    }
    if (p == null) {
      return;
    }
    Thread t = new Thread(() -> stop(p), "flux4j-slurm-kill-" + job.id().decimal());
    t.setDaemon(true);
    t.start();
  }

  /** scancel the step once srun has named it; destroy srun if it outlives that. */
  private void stop(Process p) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    boolean signaled = false;
    try {
      while (p.isAlive() && System.nanoTime() < deadline) {
        Optional<String> step = signaled ? Optional.empty() : SrunOutput.stepId(read("err"));
        if (step.isPresent()) {
          owner
              .commands()
              .run(List.of("scancel", "--signal=KILL", step.get()), Duration.ofSeconds(10));
          signaled = true;
        }
        if (p.waitFor(100, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
      if (p.isAlive()) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    } catch (IllegalStateException e) {
      p.destroyForcibly();
    }
  }
}
