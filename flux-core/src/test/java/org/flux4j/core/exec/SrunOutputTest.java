package org.flux4j.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SrunOutputTest {
  /** What srun 22.05 printed for 4 tasks on n1,n1,n2,n3 where task t exits with code t. */
  private static final String ERR =
      """
      srun: jobid 5: nodes(3):`n[1-3]', cpu counts: 2(x3)
      srun: launch/slurm: launch_p_step_launch: CpuBindType=(null type)
      srun: launching StepId=5.0 on host n1, 2 tasks: [0-1]
      srun: launching StepId=5.0 on host n2, 1 tasks: 2
      srun: launch/slurm: _task_start: Node n3, 1 tasks started
      3: err
      2: err
      0: err
      1: err
      srun: launch/slurm: _task_finish: Received task exit notification for 1 task of StepId=5.0 (status=0x0200).
      srun: error: n2: task 2: Exited with exit code 2
      srun: launch/slurm: _step_signal: Terminating StepId=5.0
      srun: error: n3: task 3: Exited with exit code 3
      0: slurmstepd-n1: error: *** STEP 5.0 ON n1 CANCELLED AT 2026-12-06T04:28:11 ***
      srun: launch/slurm: _task_finish: n1: task 0: Completed
      srun: error: n1: task 1: Exited with exit code 1
      """;

  private static final String OUT = "3: out 3 n3 0\n2: out 2 n2 0\n0: out 0 n1 0\n1: out 1 n1 1\n";

  @Test
  void parse_splitsOutputAndStatusesByTask() {
    SrunOutput o = SrunOutput.parse(OUT, ERR, 4);
    assertThat(o.stepId()).contains("5.0");
    assertThat(o.status(0)).isZero();
    assertThat(o.status(1)).isEqualTo(1 << 8);
    assertThat(o.status(2)).isEqualTo(2 << 8);
    assertThat(o.status(3)).isEqualTo(3 << 8);
    assertThat(o.host(3)).isEqualTo("n3");
    assertThat(o.outputs(1000).get(1).stdout()).isEqualTo("out 1 n1 1\n");
    assertThat(o.outputs(1000).get(0).stderr())
        .isEqualTo(
            "err\nslurmstepd-n1: error: *** STEP 5.0 ON n1 CANCELLED AT 2026-12-06T04:28:11 ***\n");
    assertThat(o.outputs(1000).get(3).stderr()).isEqualTo("err\n");
    assertThat(o.failedNode()).isEmpty();
    assertThat(o.errors()).isEmpty();
    assertThat(o.outputs(4).get(0).stdout()).isEqualTo("out ");
  }

  @Test
  void parse_nodeFailure_signalsAndSrunErrors() {
    SrunOutput o =
        SrunOutput.parse(
            "",
            """
            srun: launching StepId=6.1 on host n2, 1 tasks: 0
            srun: error: Node failure on n2
            srun: error: n1: tasks 1-2: Killed by signal 9
            srun: error: Unable to create step for job 4: More processors requested than permitted
            """,
            3);
    assertThat(o.failedNode()).contains("n2");
    assertThat(o.status(0)).isEqualTo(SrunOutput.UNKNOWN);
    assertThat(o.status(1)).isEqualTo(9);
    assertThat(o.status(2)).isEqualTo(9);
    assertThat(o.errors())
        .containsExactly(
            "Unable to create step for job 4: More processors requested than permitted");
  }

  @Test
  void stepId_beforeTheStepIsNamed_isEmpty() {
    assertThat(SrunOutput.stepId("srun: jobid 5: nodes(3)\n")).isEmpty();
    assertThat(SrunOutput.stepId("srun: launching StepId=12.34 on host n1")).contains("12.34");
  }
}
