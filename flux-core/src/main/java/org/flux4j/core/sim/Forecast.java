package org.flux4j.core.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.flux4j.core.Instance;
import org.flux4j.core.JobEvent;
import org.flux4j.core.JobId;
import org.flux4j.core.JobInfo;
import org.flux4j.core.JobRequest;
import org.flux4j.core.JobResult;
import org.flux4j.core.VirtualClock;
import org.flux4j.core.exec.SimulatedExecutor;
import org.flux4j.graph.ResourceGraph;

/**
 * What-if for a whole set of jobs with dependencies: runs them through a real {@link Instance} (the
 * same job manager, queue policy and graph matcher) on a {@link VirtualClock}, each job taking its
 * duration limit as its run time, nothing executed, and reports when each would start and end.
 * Dependencies are RFC 26's, written by job name ({@code afterok:prepare}); a job whose dependency
 * can never be met ends without running, as it would for real.
 *
 * <p>The instance is new and starts empty at {@code startMillis}: the forecast is of these jobs
 * alone on the graph. Deterministic; one forecast takes the time of its scheduling work only.
 */
public final class Forecast {
  private Forecast() {}

  /**
   * One job to forecast.
   *
   * @param name unique among the jobs
   * @param request its resources and duration limit (must be set: it is the run time); its own
   *     dependencies must be empty (give them here by name)
   * @param dependencies RFC 26 dependencies by job name, e.g. {@code afterok:prepare}
   */
  public record Job(String name, JobRequest request, List<String> dependencies) {
    /** Copies and checks the fields. */
    public Job {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(request, "request");
      dependencies = List.copyOf(dependencies);
    }
  }

  /**
   * The forecast of one job.
   *
   * @param name its name
   * @param startMillis when it would get its resources, or -1 if never
   * @param endMillis when it would release them, or -1 if never
   * @param result how it would end (COMPLETED, or FAILED when a dependency fails or it cannot run)
   * @param note why it would not run, else empty
   */
  public record Prediction(
      String name, long startMillis, long endMillis, JobResult result, String note) {}

  /**
   * Forecasts {@code jobs} in order (a job's dependencies must come before it).
   *
   * @return one prediction per job, in the given order
   * @throws IllegalArgumentException naming the job: a repeated name, a dependency on an unknown or
   *     later job, a malformed dependency, a request without a duration or with dependencies of its
   *     own; nothing is run then
   */
  public static List<Prediction> run(
      ResourceGraph graph,
      String queuePolicy,
      String matchPolicy,
      long startMillis,
      List<Job> jobs) {
    Map<String, Integer> index = new HashMap<>();
    for (Job j : jobs) {
      if (j.request().duration().isZero()) {
        throw new IllegalArgumentException(
            "job '" + j.name() + "' has no duration: a forecast needs one as its run time");
      }
      if (!j.request().dependencies().isEmpty()) {
        throw new IllegalArgumentException(
            "job '"
                + j.name()
                + "': give dependencies by name in Forecast.Job, not in the request");
      }
      for (String d : j.dependencies()) {
        String target = target(j, d);
        if (target != null && !index.containsKey(target)) {
          throw new IllegalArgumentException(
              "job '"
                  + j.name()
                  + "' depends on '"
                  + target
                  + "', which is not an earlier job of the forecast");
        }
      }
      if (index.put(j.name(), index.size()) != null) {
        throw new IllegalArgumentException("two jobs are named '" + j.name() + "'");
      }
    }
    VirtualClock clock = new VirtualClock(startMillis);
    List<JobId> ids = new ArrayList<>();
    try (Instance flux =
        Instance.builder(graph)
            .name("forecast")
            .clock(clock)
            .executor(SimulatedExecutor.ofDurations())
            .queuePolicy(queuePolicy)
            .matchPolicy(matchPolicy)
            .build()) {
      for (Job j : jobs) {
        JobRequest r = j.request();
        List<String> deps = new ArrayList<>();
        for (String d : j.dependencies()) {
          String target = target(j, d);
          deps.add(
              target == null ? d : d.substring(0, d.indexOf(':') + 1) + ids.get(index.get(target)));
        }
        ids.add(flux.submit(withDependencies(r, deps)));
      }
      clock.runUntilIdle();
      List<Prediction> out = new ArrayList<>();
      for (int i = 0; i < jobs.size(); i++) {
        JobInfo info = flux.info(ids.get(i));
        long start = first(info, "alloc");
        long end = start < 0 ? -1 : first(info, "free");
        out.add(
            new Prediction(
                jobs.get(i).name(),
                start,
                end,
                info.result().orElse(JobResult.FAILED),
                info.error().orElse("")));
      }
      return out;
    }
  }

  /** The job named by a dependency ({@code afterok:NAME}), or null for time-based ones. */
  private static String target(Job j, String dependency) {
    int colon = dependency.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "job '" + j.name() + "': malformed dependency '" + dependency + "' (want SCHEME:NAME)");
    }
    String scheme = dependency.substring(0, colon);
    return scheme.equals("begin-time") || scheme.equals("singleton")
        ? null
        : dependency.substring(colon + 1);
  }

  private static JobRequest withDependencies(JobRequest r, List<String> deps) {
    if (deps.isEmpty()) {
      return r;
    }
    return r.withDependencies(deps);
  }

  private static long first(JobInfo info, String name) {
    for (JobEvent e : info.eventlog()) {
      if (e.name().equals(name)) {
        return e.timestamp();
      }
    }
    return -1;
  }
}
