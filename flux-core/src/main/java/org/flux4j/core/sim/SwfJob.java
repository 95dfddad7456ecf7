package org.flux4j.core.sim;

/**
 * One job record of a Standard Workload Format trace: the 18 fields of an SWF line, -1 where the
 * trace does not know.
 *
 * @param number job number (field 1)
 * @param submit submit time in seconds since the log start (field 2)
 * @param waitTime the real wait on the traced machine (field 3), only for checking
 * @param runTime wall-clock run time (field 4)
 * @param allocatedProcs processors the job held (field 5)
 * @param averageCpuTime average CPU time per processor (field 6)
 * @param usedMemory KB per processor (field 7)
 * @param requestedProcs processors requested (field 8)
 * @param requestedTime the user's run time estimate, the wall-time limit (field 9)
 * @param requestedMemory KB per processor (field 10)
 * @param status 1 completed, 0 failed, 5 cancelled, 2/3/4 partial records (field 11)
 * @param user user id (field 12)
 * @param group group id (field 13)
 * @param executable application number (field 14)
 * @param queue queue number (field 15)
 * @param partition partition number (field 16)
 * @param precedingJob job that must end before this one is submitted (field 17)
 * @param thinkTime seconds between that end and this submit (field 18)
 * @param line the line of the trace file this record came from (1-based)
 */
public record SwfJob(
    long number,
    long submit,
    long waitTime,
    long runTime,
    long allocatedProcs,
    double averageCpuTime,
    long usedMemory,
    long requestedProcs,
    long requestedTime,
    long requestedMemory,
    int status,
    int user,
    int group,
    int executable,
    int queue,
    int partition,
    long precedingJob,
    long thinkTime,
    int line) {}
