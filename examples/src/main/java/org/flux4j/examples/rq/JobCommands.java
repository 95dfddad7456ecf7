package org.flux4j.examples.rq;

import java.util.List;

/**
 * The job commands of a session: {@code match}, {@code multi-match}, {@code update}, {@code cancel}
 * and {@code partial-cancel}, with the job id rules and the INFO blocks of Fluxion's
 * resource-query. One per session; not thread-safe.
 */
final class JobCommands {
  private static final String RULE = SessionIo.RULE;

  private final SessionIo io;
  private final Backend backend;
  private final JobTable jobs;
  private final boolean elapseTime;

  JobCommands(SessionIo io, Backend backend, JobTable jobs, boolean elapseTime) {
    this.io = io;
    this.backend = backend;
    this.jobs = jobs;
    this.elapseTime = elapseTime;
  }

  boolean match(List<String> args) {
    if (args.size() != 3) {
      return io.malformed();
    }
    Backend.Op op = Backend.Op.byWord(args.get(1));
    if (op == null) {
      io.errLine("ERROR: unknown subcmd " + args.get(1));
      return true;
    }
    runMatch(jobs.counter, op, args.get(2));
    return true;
  }

  boolean multiMatch(List<String> args) {
    if (args.size() <= 3) {
      return io.malformed();
    }
    Backend.Op op = Backend.Op.byWord(args.get(1));
    if (op == null) {
      io.errLine("ERROR: unknown subcmd " + args.get(1));
      return true;
    }
    for (int i = 2; i < args.size(); i++) {
      if (!runMatch(jobs.counter, op, args.get(i))) {
        break;
      }
    }
    return true;
  }

  /** Runs one match; returns whether it succeeded (a file that cannot be read counts as such). */
  private boolean runMatch(long jobId, Backend.Op op, String jobspecFile) {
    String jobspec = io.readFileOrReport(jobspecFile);
    if (jobspec == null) {
      return true;
    }
    long t0 = System.nanoTime();
    Backend.MatchReply reply = backend.match(op, jobspec, jobId);
    Backend.Outcome o = reply.outcome();
    boolean traversed =
        o == Backend.Outcome.MATCHED
            || o == Backend.Outcome.SATISFIABLE
            || o == Backend.Outcome.BUSY
            || o == Backend.Outcome.UNSATISFIABLE;
    double elapse = traversed ? seconds(t0) : 0.0;
    boolean ok = o == Backend.Outcome.MATCHED || o == Backend.Outcome.SATISFIABLE;
    boolean sat =
        o != Backend.Outcome.UNSATISFIABLE
            && o != Backend.Outcome.NO_SUCH_RESOURCE
            && o != Backend.Outcome.EMIT_ENOENT;
    if (op.allocates() && traversed) {
      jobs.counter++;
    }
    io.errText(reply.error());
    io.outText(reply.r());
    if (op == Backend.Op.SATISFIABILITY) {
      printSatInfo(sat, elapse);
    } else {
      printScheduleInfo(
          jobId,
          jobspecFile,
          o == Backend.Outcome.MATCHED,
          op.allocates(),
          reply.at(),
          sat,
          elapse);
    }
    return ok;
  }

  private void printSatInfo(boolean sat, double elapse) {
    io.outLine(RULE);
    io.outLine("INFO: " + (sat ? "Satisfiable" : "Unsatisfiable") + " request");
    io.outLine(RULE);
    if (elapseTime) {
      io.stdoutLine("INFO: ELAPSE=" + CFormat.fixed6(elapse));
      io.stdoutLine("INFO: PREORDER VISIT COUNT=" + backend.preorderCount());
      io.stdoutLine("INFO: POSTORDER VISIT COUNT=" + backend.postorderCount());
    }
  }

  private void printScheduleInfo(
      long jobId,
      String jobspecFile,
      boolean matched,
      boolean allocated,
      long at,
      boolean sat,
      double elapse) {
    String id = CFormat.unsigned(jobId);
    if (matched) {
      String mode = allocated ? (at == 0 ? "ALLOCATED" : "RESERVED") : "MATCHED";
      io.outLine(RULE);
      io.outLine("INFO: JOBID=" + id);
      io.outLine("INFO: RESOURCES=" + mode);
      io.outLine("INFO: SCHEDULED AT=" + (at == 0 ? "Now" : Long.toString(at)));
      if (elapseTime) {
        io.stdoutLine("INFO: ELAPSE=" + CFormat.fixed6(elapse));
        io.stdoutLine("INFO: PREORDER VISIT COUNT=" + backend.preorderCount());
        io.stdoutLine("INFO: POSTORDER VISIT COUNT=" + backend.postorderCount());
      }
      io.outLine(RULE);
      if (allocated) {
        JobTable.JobState st = at == 0 ? JobTable.JobState.ALLOCATED : JobTable.JobState.RESERVED;
        jobs.jobs.put(jobId, new JobTable.Entry(jobId, st, at, jobspecFile, elapse));
        if (at == 0) {
          jobs.allocations.add(jobId);
        } else {
          jobs.reservations.add(jobId);
        }
      }
    } else {
      io.outLine(RULE);
      io.outLine("INFO: No matching resources found");
      if (!sat) {
        io.outLine("INFO: Unsatisfiable request");
      }
      io.outLine("INFO: JOBID=" + id);
      if (elapseTime) {
        io.outLine("INFO: ELAPSE=" + CFormat.fixed6(elapse));
        io.stdoutLine("INFO: PREORDER VISIT COUNT=" + backend.preorderCount());
        io.stdoutLine("INFO: POSTORDER VISIT COUNT=" + backend.postorderCount());
      }
      io.outLine(RULE);
    }
  }

  boolean update(List<String> args) {
    if (args.size() != 7) {
      return io.malformed();
    }
    String sub = args.get(1);
    String reader = args.get(2);
    if (!sub.equals("allocate") && !sub.equals("reserve")) {
      io.errLine("ERROR: unknown subcmd " + sub);
      return true;
    }
    if (!reader.equals("jgf") && !reader.equals("rv1exec") && !reader.equals("jgf_shorthand")) {
      io.errLine("ERROR: unsupported reader " + reader);
      return true;
    }
    String text = io.readFileOrReport(args.get(3));
    if (text == null) {
      return true;
    }
    long jobId = CFormat.strtoll(args.get(4));
    if (jobs.allocations.contains(jobId) || jobs.reservations.contains(jobId)) {
      io.errLine("ERROR: existing Jobid ");
      return true;
    }
    long at = CFormat.strtoll(args.get(5));
    long duration = CFormat.strtoll(args.get(6));
    if (at < 0 || duration == 0) {
      io.errLine("ERROR: invalid time (" + at + ", " + CFormat.unsigned(duration) + ")");
      return true;
    }
    long t0 = System.nanoTime();
    Backend.UpdateReply reply = backend.update(reader, text, jobId, at, duration);
    if (!reply.ok()) {
      io.errLine("ERROR: traverser run () returned error ");
      if (!reply.detail().isEmpty()) {
        io.errText("ERROR: " + reply.detail());
      }
    }
    io.outText(reply.r());
    double elapse = seconds(t0);
    jobs.recordMatchTime(elapse);
    jobs.counter = jobId;
    printScheduleInfo(jobId, args.get(3), reply.ok(), true, at, true, elapse);
    jobs.counter++;
    return true;
  }

  boolean cancel(List<String> args) {
    if (args.size() < 2 || args.size() > 3) {
      return io.malformed();
    }
    long jobId = CFormat.strtoll(args.get(1));
    String id = CFormat.unsigned(jobId);
    boolean isAlloc = jobs.allocations.contains(jobId);
    if (!isAlloc && !jobs.reservations.contains(jobId)) {
      io.errLine("cancel: ERROR: nonexistent job " + id);
      return true;
    }
    if (!backend.cancel(jobId)) {
      io.errLine("cancel: ERROR: error encountered while removing job " + id);
      return true;
    }
    if (isAlloc) {
      jobs.allocations.remove(jobId);
    } else {
      jobs.reservations.remove(jobId);
    }
    JobTable.Entry info = jobs.jobs.get(jobId);
    if (info != null) {
      info.state = JobTable.JobState.CANCELED;
    }
    if (args.size() == 3 && args.get(2).equals("stats")) {
      visitStats("CANCEL");
    }
    return true;
  }

  boolean partialCancel(List<String> args) {
    if (args.size() < 4 || args.size() > 5) {
      return io.malformed();
    }
    long jobId = CFormat.strtoll(args.get(1));
    String reader = args.get(2);
    if (!reader.equals("jgf") && !reader.equals("rv1exec")) {
      io.errLine("ERROR: unsupported reader " + reader);
      return true;
    }
    String text = io.readFileOrReport(args.get(3));
    if (text == null) {
      return true;
    }
    boolean ok;
    if (jobs.allocations.contains(jobId)) {
      Backend.PartialReply reply = backend.partialCancel(jobId, reader, text);
      ok = reply.ok();
      if (ok) {
        if (reply.full()) {
          jobs.allocations.remove(jobId);
          JobTable.Entry info = jobs.jobs.get(jobId);
          if (info != null) {
            info.state = JobTable.JobState.CANCELED;
          }
        }
      } else if (!reply.detail().isEmpty()) {
        io.stdoutText(reply.detail());
      }
    } else if (jobs.reservations.contains(jobId)) {
      io.errLine("ERROR: reservations not currently supported by partial cancel");
      return true;
    } else {
      io.errLine("ERROR: nonexistent job " + CFormat.unsigned(jobId));
      return true;
    }
    if (!ok) {
      io.errLine("ERROR: error encountered while removing job " + CFormat.unsigned(jobId));
    }
    if (args.size() == 5 && args.get(4).equals("stats")) {
      visitStats("PARTIAL CANCEL");
    }
    return true;
  }

  /** Prints the traversal's visit counts, as resource-query's {@code stats} argument asks. */
  private void visitStats(String what) {
    io.outLine(RULE);
    io.outLine("INFO: " + what + " PREORDER COUNT=\"" + backend.preorderCount() + "\"");
    io.outLine("INFO: " + what + " POSTORDER COUNT=\"" + backend.postorderCount() + "\"");
    io.outLine(RULE);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
