package org.flux4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostlistTest {

  @Test
  void decode_bracketedGroups_expandInOrder() {
    Hostlist h = Hostlist.decode("node[0-3],fluke[1-10,4432]");
    assertThat(h).hasSize(15);
    assertThat(h.subList(0, 5)).containsExactly("node0", "node1", "node2", "node3", "fluke1");
    assertThat(h.get(13)).isEqualTo("fluke10");
    assertThat(h.get(14)).isEqualTo("fluke4432");
    assertThat(h.encode()).isEqualTo("node[0-3],fluke[1-10,4432]");
  }

  @Test
  void decode_zeroPadding_followsTheWidthOfLo() {
    assertThat(Hostlist.decode("n[01-03]")).containsExactly("n01", "n02", "n03");
    assertThat(Hostlist.decode("n[8-10]")).containsExactly("n8", "n9", "n10");
    assertThat(Hostlist.decode("n[08-10]").encode()).isEqualTo("n[08-10]");
  }

  @Test
  void decode_suffixAfterBracket_makesSingleHosts() {
    Hostlist h = Hostlist.decode("foo[1-2]-ib");
    assertThat(h).containsExactly("foo1-ib", "foo2-ib");
    assertThat(h.encode()).isEqualTo("foo1-ib,foo2-ib");
  }

  @Test
  void decode_separatorsAndPlainNames() {
    assertThat(Hostlist.decode("a, b\tc,,d")).containsExactly("a", "b", "c", "d");
    assertThat(Hostlist.decode("")).isEmpty();
    assertThat(Hostlist.decode("login").encode()).isEqualTo("login");
  }

  @Test
  void decode_badInput_namesTextAndPosition() {
    assertThatThrownBy(() -> Hostlist.decode("node[0-3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"node[0-3\" at position 4")
        .hasMessageContaining("without a matching ']'");
    assertThatThrownBy(() -> Hostlist.decode("node0-3]"))
        .hasMessageContaining("position 7")
        .hasMessageContaining("without a matching '['");
    assertThatThrownBy(() -> Hostlist.decode("node[3-1]"))
        .hasMessageContaining("position 5")
        .hasMessageContaining("descending");
    assertThatThrownBy(() -> Hostlist.decode("node[x]")).hasMessageContaining("position 5");
    assertThatThrownBy(() -> Hostlist.decode("node[]")).hasMessageContaining("empty brackets");
    assertThatThrownBy(() -> Hostlist.decode("node[1,]")).hasMessageContaining("position 7");
    assertThat(Hostlist.decode("node[1-]")).containsExactly("node1"); // as flux-core reads it
    assertThatThrownBy(() -> Hostlist.decode("node[1x2]")).hasMessageContaining("found 'x'");
    assertThatThrownBy(() -> Hostlist.decode("n[[1]]")).hasMessageContaining("nested");
    assertThatThrownBy(() -> Hostlist.decode("n[1]x[2]")).hasMessageContaining("a second bracket");
  }

  @Test
  void encode_consecutiveNames_compressToOneRange() {
    assertThat(Hostlist.of("node0", "node1", "node2", "node3").encode()).isEqualTo("node[0-3]");
    assertThat(Hostlist.of("node1").encode()).isEqualTo("node1");
    assertThat(Hostlist.of("node3", "node5").encode()).isEqualTo("node[3,5]");
    assertThat(Hostlist.empty().encode()).isEmpty();
  }

  @Test
  void encode_keepsOrderWithoutSorting() {
    assertThat(Hostlist.of("node1", "node0").encode()).isEqualTo("node[1,0]");
    assertThat(Hostlist.of("node0", "node1", "node0").encode()).isEqualTo("node[0-1,0]");
    assertThat(Hostlist.of("a1", "b1", "a2").encode()).isEqualTo("a1,b1,a2");
    assertThat(Hostlist.of("a1", "a2", "b1", "b2", "a3").encode()).isEqualTo("a[1-2],b[1-2],a3");
  }

  @Test
  void encode_singleHostsAreNeverBracketed() {
    assertThat(Hostlist.of("login", "login").encode()).isEqualTo("login,login");
    assertThat(Hostlist.of("login", "login1", "login2").encode()).isEqualTo("login,login[1-2]");
  }

  @Test
  void encode_widths_combineAsFluxCoreDoes() {
    assertThat(Hostlist.of("n9", "n10", "n11").encode()).isEqualTo("n[9-11]");
    assertThat(Hostlist.of("n09", "n10").encode()).isEqualTo("n[09-10]");
    assertThat(Hostlist.of("n1", "n02").encode()).isEqualTo("n[1,02]");
    assertThat(Hostlist.of("007").encode()).isEqualTo("007");
    assertThat(Hostlist.of("1", "2").encode()).isEqualTo("[1-2]");
  }

  @Test
  void builder_rejectsReservedCharacters() {
    assertThatThrownBy(() -> Hostlist.builder().append("a,b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"a,b\" at position 1");
    assertThatThrownBy(() -> Hostlist.builder().append("")).hasMessageContaining("empty");
  }

  @Test
  void roundTrip_manyNodes_isCompactAndExact() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 10000; i++) {
      if (i != 5000) {
        names.add("node" + i);
      }
    }
    Hostlist h = Hostlist.of(names);
    assertThat(h.encode()).isEqualTo("node[0-4999,5001-9999]");
    assertThat(Hostlist.decode(h.encode())).containsExactlyElementsOf(names);
    assertThat(h.get(5000)).isEqualTo("node5001");
  }
}
