package org.flux4j.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;

class SlurmAllocationTest {

  @Test
  void parseCpusPerNode_everyForm() {
    assertThat(SlurmAllocation.parseCpusPerNode("4", 1)).containsExactly(4);
    assertThat(SlurmAllocation.parseCpusPerNode("2(x3)", 3)).containsExactly(2, 2, 2);
    assertThat(SlurmAllocation.parseCpusPerNode("2(x3),1", 4)).containsExactly(2, 2, 2, 1);
    assertThat(SlurmAllocation.parseCpusPerNode("36,72(x2),1(x1)", 4))
        .containsExactly(36, 72, 72, 1);
  }

  /** Oracle: encode random per-node counts the way Slurm compresses them, and parse back. */
  @Test
  void parseCpusPerNode_roundTripsSlurmsCompression() {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    for (int trial = 0; trial < 500; trial++) {
      int n = 1 + rnd.nextInt(40);
      int[] counts = new int[n];
      for (int i = 0; i < n; i++) {
        counts[i] = i > 0 && rnd.nextBoolean() ? counts[i - 1] : 1 + rnd.nextInt(4);
      }
      List<String> items = new ArrayList<>();
      for (int i = 0; i < n; ) {
        int j = i;
        while (j < n && counts[j] == counts[i]) {
          j++;
        }
        items.add(j - i > 1 ? counts[i] + "(x" + (j - i) + ")" : Integer.toString(counts[i]));
        i = j;
      }
      String text = String.join(",", items);
      assertThat(SlurmAllocation.parseCpusPerNode(text, n))
          .as("seed %d: %s", seed, text)
          .containsExactly(counts);
    }
  }

  @Test
  void parseCpusPerNode_malformedOrWrongCount_isRefused() {
    assertThatThrownBy(() -> SlurmAllocation.parseCpusPerNode("2(x3)", 2))
        .hasMessageContaining("bad repeat count");
    assertThatThrownBy(() -> SlurmAllocation.parseCpusPerNode("2(x2),1", 2))
        .hasMessageContaining("gives 3 nodes, the node list has 2");
    assertThatThrownBy(() -> SlurmAllocation.parseCpusPerNode("2x3", 3))
        .hasMessageContaining("'2x3' is not N or N(xM)");
    assertThatThrownBy(() -> SlurmAllocation.parseCpusPerNode("", 1))
        .hasMessageContaining("is not N or N(xM)");
  }

  @Test
  void parseHostnames_oneHostPerLine_inOrder() {
    assertThat(SlurmAllocation.parseHostnames("n3\nn1\r\nn2\n\n"))
        .containsExactly("n3", "n1", "n2");
    assertThatThrownBy(() -> SlurmAllocation.parseHostnames("\n")).hasMessageContaining("no host");
    assertThatThrownBy(() -> SlurmAllocation.parseHostnames("a\nb\na\n"))
        .hasMessageContaining("host a is listed twice");
  }

  @Test
  void parseDetail_cpusAndGpusPerHost() {
    String show =
        """
        JobId=7 JobName=x
           NumNodes=4 NumCPUs=14 NumTasks=4 CPUs/Task=1 ReqB:S:C:T=0:0:*:*
             Nodes=gpu[01-02] CPU_IDs=0-3 Mem=0 GRES=gpu:a100:2(IDX:0-1)
             Nodes=gpu03 CPU_IDs=0-1,4 Mem=0 GRES=gpu:1(IDX:3)
             Nodes=cpu01 CPU_IDs=0-2 Mem=0 GRES=
           MinCPUsNode=1 MinMemoryNode=0 MinTmpDiskNode=0
        """;
    int[][] d =
        SlurmAllocation.parseDetail(show, List.of("gpu01", "gpu02", "gpu03", "cpu01", "other"));
    assertThat(d[0]).containsExactly(4, 4, 3, 3, 0);
    assertThat(d[1]).containsExactly(2, 2, 1, 0, 0);
  }

  @Test
  void graph_hasOneNodePerHost_rankByPosition_namedByHost() {
    SlurmAllocation a =
        new SlurmAllocation(
            "12", List.of("n3", "n1", "gpuhost"), new int[] {2, 4, 1}, new int[] {0, 0, 2});
    ResourceGraph g = a.graph();
    List<String> nodes = new ArrayList<>();
    int[] coresUnder = new int[3];
    int gpus = 0;
    for (int v = 0; v < g.vertexCount(); v++) {
      if (!g.isLive(v)) {
        continue;
      }
      switch (g.type(v)) {
        case "node" -> {
          nodes.add(g.rank(v) + "=" + g.name(v));
        }
        case "core" -> coresUnder[g.rank(v)]++;
        case "gpu" -> {
          gpus++;
          assertThat(g.rank(v)).isEqualTo(2);
        }
        default -> {}
      }
    }
    assertThat(nodes).containsExactlyInAnyOrder("0=n3", "1=n1", "2=gpuhost");
    assertThat(coresUnder).containsExactly(2, 4, 1);
    assertThat(gpus).isEqualTo(2);
    assertThat(a.rank("n1")).isEqualTo(1);
    assertThat(a.rank("nx")).isEqualTo(-1);
  }

  @Test
  void constructor_refusesInconsistentCounts() {
    assertThatThrownBy(() -> new SlurmAllocation("1", List.of(), new int[0], new int[0]))
        .hasMessageContaining("no hosts");
    assertThatThrownBy(
            () -> new SlurmAllocation("1", List.of("a", "b"), new int[] {1}, new int[] {0, 0}))
        .hasMessageContaining("2 hosts but 1 core counts");
    assertThatThrownBy(() -> new SlurmAllocation("1", List.of("a"), new int[] {0}, new int[] {0}))
        .hasMessageContaining("host a has 0 cores");
  }
}
