package org.flux4j.examples.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.flux4j.core.Allocation;
import org.flux4j.core.JobEvent;
import org.flux4j.core.JobInfo;
import org.flux4j.core.JobResult;
import org.flux4j.graph.io.Hostlist;
import org.flux4j.graph.io.IdSet;

/**
 * How a workflow ended, built only from its jobs' final {@link JobInfo}s (so a real run and a
 * virtual-time one read alike). Immutable.
 *
 * @param jobs one summary per job, in the workflow's file order
 * @param makespan seconds from the run's origin to the end of its last job
 * @param failed how many jobs did not end COMPLETED
 */
public record WorkflowSummary(List<JobSummary> jobs, double makespan, int failed) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Copies the list. */
  public WorkflowSummary {
    jobs = List.copyOf(jobs);
  }

  /**
   * The summary of a finished run.
   *
   * @param infos the final snapshot of every job, in the workflow's file order
   * @param origin the clock time (ms) that start and end times count from
   */
  public static WorkflowSummary of(Workflow workflow, List<JobInfo> infos, long origin) {
    if (infos.size() != workflow.jobs().size()) {
      throw new IllegalArgumentException(
          infos.size() + " job infos for a workflow of " + workflow.jobs().size() + " jobs");
    }
    List<JobSummary> jobs = new ArrayList<>(infos.size());
    double makespan = 0;
    int failed = 0;
    for (JobInfo info : infos) {
      JobSummary s = JobSummary.of(info, origin);
      jobs.add(s);
      makespan = Math.max(makespan, s.end().orElse(0));
      if (!s.result().equals(JobResult.COMPLETED.name())) {
        failed++;
      }
    }
    return new WorkflowSummary(jobs, makespan, failed);
  }

  /** Whether every job completed: the workflow command's exit status 0. */
  public boolean succeeded() {
    return failed == 0;
  }

  /**
   * The summary as one JSON object: {@code {"jobs": [{"name", "id", "state", "result", "exit_code",
   * "ranks", "hosts", "start", "end"}], "makespan", "failed"}}; the id is the job id as an integer,
   * ranks an RFC 22 idset and hosts a hostlist (null without an allocation), start and end seconds
   * since the origin (null when the job never started), exit_code null for a job that never ran.
   */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode arr = root.putArray("jobs");
    for (JobSummary j : jobs) {
      ObjectNode o = arr.addObject();
      o.put("name", j.name());
      o.put("id", j.id());
      o.put("state", j.state());
      o.put("result", j.result());
      putOrNull(o, "exit_code", j.exitCode());
      o.put("ranks", j.ranks().orElse(null));
      o.put("hosts", j.hosts().orElse(null));
      putOrNull(o, "start", j.start());
      putOrNull(o, "end", j.end());
    }
    root.put("makespan", round(makespan));
    root.put("failed", failed);
    return root.toString();
  }

  private static void putOrNull(ObjectNode o, String key, OptionalInt v) {
    if (v.isPresent()) {
      o.put(key, v.getAsInt());
    } else {
      o.putNull(key);
    }
  }

  private static void putOrNull(ObjectNode o, String key, OptionalDouble v) {
    if (v.isPresent()) {
      o.put(key, round(v.getAsDouble()));
    } else {
      o.putNull(key);
    }
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }

  /** The summary as an aligned table, one row per job, then each unsuccessful job's reason. */
  public String toTable() {
    String[] head = {"NAME", "ID", "RESULT", "EXIT", "RANKS", "HOSTS", "START", "END"};
    List<String[]> rows = new ArrayList<>();
    rows.add(head);
    for (JobSummary j : jobs) {
      rows.add(
          new String[] {
            j.name(),
            j.f58(),
            j.result(),
            j.exitCode().isPresent() ? Integer.toString(j.exitCode().getAsInt()) : "-",
            j.ranks().orElse("-"),
            j.hosts().orElse("-"),
            seconds(j.start()),
            seconds(j.end())
          });
    }
    int[] width = new int[head.length];
    for (String[] r : rows) {
      for (int c = 0; c < r.length; c++) {
        width[c] = Math.max(width[c], r[c].codePointCount(0, r[c].length()));
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      for (int c = 0; c < r.length; c++) {
        sb.append(r[c]);
        if (c < r.length - 1) {
          sb.append(" ".repeat(width[c] - r[c].codePointCount(0, r[c].length()) + 2));
        }
      }
      sb.append('\n');
    }
    for (JobSummary j : jobs) {
      if (j.error().isPresent() && !j.result().equals(JobResult.COMPLETED.name())) {
        sb.append(j.name()).append(": ").append(j.error().get().strip()).append('\n');
      }
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%d jobs, %d not completed, makespan %.3f s%n",
            jobs.size(),
            failed,
            makespan));
    return sb.toString();
  }

  private static String seconds(OptionalDouble v) {
    return v.isPresent() ? String.format(Locale.ROOT, "%.3f", v.getAsDouble()) : "-";
  }

  /**
   * One job of a finished workflow.
   *
   * @param name the job name
   * @param id the job id as an integer
   * @param f58 the job id in F58
   * @param state the final state (INACTIVE)
   * @param result COMPLETED, FAILED, CANCELED or TIMEOUT; a job ended because a dependency can
   *     never be met (a fatal {@code dependency} exception) is CANCELED: it never ran
   * @param exitCode the largest task exit code (128 + signal for a task killed by a signal), empty
   *     when the tasks never ran
   * @param ranks the execution target ranks it held, as an idset
   * @param hosts the host names of those ranks, as a hostlist
   * @param start seconds from the origin to its tasks' start, empty if they never started
   * @param end seconds from the origin to its tasks' end, or to the job's end if they never ran
   * @param error the reason it did not succeed (its first fatal exception's note or the first
   *     failed task's message)
   */
  public record JobSummary(
      String name,
      long id,
      String f58,
      String state,
      String result,
      OptionalInt exitCode,
      Optional<String> ranks,
      Optional<String> hosts,
      OptionalDouble start,
      OptionalDouble end,
      Optional<String> error) {

    /** The summary of one inactive job. */
    public static JobSummary of(JobInfo info, long origin) {
      String result = info.result().map(JobResult::name).orElse("");
      OptionalInt exit = OptionalInt.empty();
      OptionalDouble start = OptionalDouble.empty();
      OptionalDouble end = OptionalDouble.empty();
      boolean dependencyFailure = false;
      boolean fatalSeen = false;
      for (JobEvent e : info.eventlog()) {
        double t = (e.timestamp() - origin) / 1000.0;
        switch (e.name()) {
          case "start" -> start = OptionalDouble.of(t);
          case "finish" -> {
            end = OptionalDouble.of(t);
            if (e.context().get("status") instanceof Number n) {
              exit = OptionalInt.of(exitCode(n.intValue()));
            }
          }
          case "clean" -> {
            if (end.isEmpty()) {
              end = OptionalDouble.of(t);
            }
          }
          case "exception" -> {
            if (!fatalSeen
                && e.context().get("severity") instanceof Number sev
                && sev.intValue() == 0) {
              fatalSeen = true;
              dependencyFailure = "dependency".equals(e.context().get("type"));
            }
          }
          default -> {}
        }
      }
      if (dependencyFailure && start.isEmpty()) {
        result = JobResult.CANCELED.name();
      }
      Optional<String> ranks = Optional.empty();
      Optional<String> hosts = Optional.empty();
      if (info.allocation().isPresent()) {
        Allocation a = info.allocation().get();
        int[] rs = a.ranks();
        ranks = Optional.of(IdSet.of(rs).encode());
        List<String> names = new ArrayList<>(rs.length);
        for (int r : rs) {
          for (Allocation.Slot s : a.slots()) {
            if (s.rank() == r) {
              names.add(s.hostname());
              break;
            }
          }
        }
        hosts = Optional.of(Hostlist.of(names).encode());
      }
      return new JobSummary(
          info.name(),
          info.id().value(),
          info.id().f58(),
          info.state().name(),
          result,
          exit,
          ranks,
          hosts,
          start,
          end,
          info.error());
    }

    /** A POSIX wait status as a shell reports it: the exit code, or 128 + the signal. */
    static int exitCode(int status) {
      int signal = status & 0x7f;
      return signal != 0 ? 128 + signal : (status >> 8) & 0xff;
    }
  }
}
