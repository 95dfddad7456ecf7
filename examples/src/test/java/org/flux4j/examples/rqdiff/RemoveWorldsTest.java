package org.flux4j.examples.rqdiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import org.flux4j.examples.rqdiff.RemoveHangModel.RankRemove;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;

/**
 * {@link RemoveWorlds}: a rank remove forks the model into the world where it succeeded and the one
 * where Fluxion failed its partial cancel (nothing removed), and later removes must end in both
 * (rq-diff seed 358128: Fluxion hung removing the last socket of a node whose rank remove had
 * failed).
 */
class RemoveWorldsTest {
  private static ResourceGraph graph() {
    return RemoveHangModelTest.twoNodesOneSocketEach();
  }

  @Test
  void afterARankRemove_aRemoveThatHangsWhereItFailed_isReplacedByAnEnclosingOne() {
    RemoveWorlds w = new RemoveWorlds(graph());
    String socket = "/cluster0/node0/socket0";
    assertThat(w.hangs(socket)).isTrue(); // node0's only socket
    assertThat(w.removable(socket)).isEqualTo("/cluster0/node0");
    w.removeRanks(new TreeSet<>(List.of(0)));
    assertThat(w.size()).isEqualTo(2);
    // where rank 0 went the socket has no parent (an error); where it failed, node0 stays
    RemoveHangModel succeeded = new RemoveHangModel(graph());
    succeeded.removeRanks(new TreeSet<>(List.of(0)));
    assertThat(succeeded.hangs(socket)).isFalse();
    assertThat(w.hangs(socket)).isTrue();
    assertThat(w.removable(socket)).isEqualTo("/cluster0/node0");
    assertThat(w.removable("/cluster0/node0/socket0/core0")).isEqualTo(socket + "/core0");
    w.remove("/cluster0/node0");
    assertThat(w.hangs(socket)).isFalse(); // gone in both worlds now
    // rank 0: empty where it went (undefined), removable where it failed: not drawn
    assertThat(w.rankRemove(new TreeSet<>(List.of(0)))).isEqualTo(RankRemove.UNDEFINED);
    assertThat(w.liveRanks()).containsExactly(1);
  }

  @Test
  void rankRemoves_fork_anErrorDoesNot_andDisagreeingWorldsAreNotDrawn() {
    RemoveWorlds w = new RemoveWorlds(graph());
    assertThat(w.rankRemove(new TreeSet<>(List.of(7)))).isEqualTo(RankRemove.ERROR);
    w.removeRanks(new TreeSet<>(List.of(7))); // an error changes nothing
    assertThat(w.size()).isEqualTo(1);
    w.removeRanks(new TreeSet<>(List.of(1)));
    assertThat(w.size()).isEqualTo(2);
    // node0 is then cluster0's last node where rank 1 went (a hang), not where it failed
    assertThat(w.rankRemove(new TreeSet<>(List.of(0)))).isEqualTo(RankRemove.UNDEFINED);
  }
}
