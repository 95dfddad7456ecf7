package org.flux4j.graph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.ResourceGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HwlocReaderTest {
  private static final String DIR = "t/data/hwloc-data/001N/";

  @ParameterizedTest
  @CsvSource({
    "node_local_storage/catalyst/0.xml, 82, 81, 7, 82, 82, 1",
    "node_local_storage/corona/0.xml, 181, 180, 9, 181, 181, 1",
    "node_local_storage/lassen/0.xml, 231, 230, 9, 231, 231, 1",
  })
  void read_conformanceFiles_matchFluxionCounts(
      String file, long v, long e, long types, long names, long paths, long ranked) {
    ResourceGraph g = HwlocReader.read(FormatsTestData.file(DIR + file));
    assertThat(FormatsTestData.counts(g)).containsExactly(v, e, types, names, paths, ranked);
  }

  /** A file of the hwloc data, read keeping the types resource-query's allow list names. */
  private static ResourceGraph readAllowing(String file, String allowList) {
    return HwlocReader.read(
        FormatsTestData.file(DIR + file), HwlocReader.resourceQueryAllowList(allowList));
  }

  private static List<String> named(ResourceGraph g, String type) {
    List<String> out = new ArrayList<>();
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (g.type(v).equals(type)) {
        out.add(g.path(v) + "[" + g.size(v) + "]");
      }
    }
    return out;
  }

  @Test
  void read_corona_withAllowList_hasStorageUnderSocket() {
    ResourceGraph g = readAllowing("node_local_storage/corona/0.xml", "node,socket,core,storage");
    assertThat(g.countByType().keySet())
        .containsExactly("cluster", "node", "socket", "core", "storage");
    assertThat(g.vertexCount()).isEqualTo(1 + 1 + 2 + 48 + 1);
    int node = g.vertexByPath("/cluster0/corona116").orElseThrow();
    assertThat(g.rank(node)).isEqualTo(0);
    assertThat(g.id(node)).isEqualTo(116);
    assertThat(g.basename(node)).isEqualTo("corona");
    assertThat(named(g, "storage")).containsExactly("/cluster0/corona116/socket0/storage0[1562]");
    int storage = g.vertexByPath("/cluster0/corona116/socket0/storage0").orElseThrow();
    assertThat(g.properties(storage)).containsEntry("LinuxDeviceID", "259:0");
    assertThat(g.path(g.vertexByPath("/cluster0/corona116/socket1/core47").orElseThrow()))
        .isNotEmpty();
    assertThat(g.uniqId(storage)).isEqualTo(storage);
  }

  @Test
  void read_catalyst_storageIdsAreOsDeviceIndexes() {
    ResourceGraph g =
        readAllowing("node_local_storage/catalyst/0.xml", "node,socket,core,gpu,storage");
    List<String> storage = named(g, "storage");
    assertThat(storage).hasSize(4);
    assertThat(storage.get(0)).endsWith("/storage6[195]");
    assertThat(storage.get(3)).endsWith("/storage9[195]");
  }

  @Test
  void read_lassen_gpusTakeTheirCudaIds() {
    ResourceGraph g = readAllowing("node_local_storage/lassen/0.xml", "node,socket,core,gpu");
    List<String> gpus = named(g, "gpu");
    assertThat(gpus).hasSize(4);
    assertThat(String.join(" ", gpus)).contains("gpu0[1]", "gpu1[1]", "gpu2[1]", "gpu3[1]");
    assertThat(g.countByType()).containsEntry("core", 40).containsEntry("socket", 2);
  }

  @Test
  void read_corona11_isRefusedAsFluxionRefusesIt() {
    var corona11 = FormatsTestData.file(DIR + "amd_gpu/corona11.xml"); // skips without the data
    assertThatThrownBy(() -> HwlocReader.read(corona11))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("corona11.xml")
        .hasMessageContaining("line 199")
        .hasMessageContaining("Size");
  }

  @Test
  void read_corona11_loadsWithoutStorage() {
    ResourceGraph g =
        GraphReaders.read(
            FormatsTestData.file(DIR + "amd_gpu/corona11.xml"),
            GraphFormat.HWLOC,
            Set.of("node", "socket", "core", "gpu"));
    assertThat(g.countByType())
        .containsEntry("socket", 2)
        .containsEntry("core", 48)
        .containsEntry("gpu", 4)
        .doesNotContainKey("storage");
  }

  private static ResourceGraph parse(String xml, String allow) {
    return HwlocReader.read(
        "t.xml", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), allow);
  }

  private static final String V2 =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE topology SYSTEM \"hwloc2.dtd\">\n"
          + "<topology version=\"2.0\">\n"
          + " <object type=\"Machine\" os_index=\"0\" cpuset=\"0x0000000f\" complete_cpuset=\"0x0000000f\">\n"
          + "  <info name=\"HostName\" value=\"host007\"/>\n"
          + "  <object type=\"Package\" cpuset=\"0x0000000f\" complete_cpuset=\"0x0000000f\">\n"
          + "   <object type=\"NUMANode\" os_index=\"0\" cpuset=\"0x0000000f\" complete_cpuset=\"0x0000000f\" nodeset=\"0x1\" complete_nodeset=\"0x1\"/>\n"
          + "   <object type=\"L2Cache\" cpuset=\"0x00000003\" complete_cpuset=\"0x00000003\" cache_size=\"1048576\" depth=\"2\" cache_type=\"0\">\n"
          + "    <object type=\"Core\" cpuset=\"0x00000001\" complete_cpuset=\"0x00000001\"><object type=\"PU\" cpuset=\"0x00000001\" complete_cpuset=\"0x00000001\"/></object>\n"
          + "    <object type=\"Core\" cpuset=\"0x00000002\" complete_cpuset=\"0x00000002\"><object type=\"PU\" cpuset=\"0x00000002\" complete_cpuset=\"0x00000002\"/></object>\n"
          + "   </object>\n"
          + "   <object type=\"L2Cache\" cpuset=\"0x0000000c\" complete_cpuset=\"0x0000000c\" cache_size=\"1048576\" depth=\"2\" cache_type=\"0\">\n"
          + "    <object type=\"Core\" cpuset=\"0x00000008\" complete_cpuset=\"0x00000008\"><object type=\"PU\" cpuset=\"0x00000008\" complete_cpuset=\"0x00000008\"/></object>\n"
          + "    <object type=\"Core\" cpuset=\"0x00000004\" complete_cpuset=\"0x00000004\"><object type=\"PU\" cpuset=\"0x00000004\" complete_cpuset=\"0x00000004\"/></object>\n"
          + "   </object>\n"
          + "   <object type=\"Bridge\"><object type=\"PCIDev\"><object type=\"OSDev\" name=\"cuda0\" osdev_type=\"5\"/>"
          + "<object type=\"OSDev\" name=\"sda\" osdev_type=\"0\"><info name=\"Size\" value=\"2000000000\"/></object></object></object>\n"
          + "  </object>\n"
          + " </object>\n"
          + "</topology>\n";

  @Test
  void read_v2_childOrderNamesAndSizes() {
    ResourceGraph g = parse(V2, "");
    List<String> order = new ArrayList<>();
    for (int v = 0; v < g.vertexLimit(); v++) {
      order.add(g.name(v));
    }
    // normal children first (in cpuset order), then memory, then I/O
    assertThat(order)
        .containsExactly(
            "cluster0",
            "host007",
            "socket0",
            "L2cache0",
            "core0",
            "pu0",
            "core1",
            "pu1",
            "L2cache1",
            "core2",
            "pu2",
            "core3",
            "pu3",
            "numanode0",
            "gpu0",
            "storage1");
    int cache = g.vertexByPath("/cluster0/host007/socket0/L2cache0").orElseThrow();
    assertThat(g.type(cache)).isEqualTo("cache");
    assertThat(g.size(cache)).isEqualTo(1024);
    int storage = g.vertexByPath("/cluster0/host007/socket0/storage1").orElseThrow();
    assertThat(g.size(storage)).isEqualTo(2000);
    assertThat(g.properties(storage)).containsEntry("LinuxDeviceID", "-1");
    assertThat(g.id(g.vertexByPath("/cluster0/host007").orElseThrow())).isEqualTo(7);
  }

  @Test
  void read_allowList_skipsTypesButKeepsDescendants() {
    ResourceGraph g = parse(V2, "cluster,node,core");
    assertThat(g.vertexCount()).isEqualTo(6);
    assertThat(g.vertexByPath("/cluster0/host007/core3")).isPresent();
  }

  @Test
  void read_badInput_namesSourceLineAndProblem() {
    assertThatThrownBy(() -> parse("<topology><object type=\"Machine\"", ""))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("t.xml")
        .hasMessageContaining("malformed XML");
    assertThatThrownBy(() -> parse(V2.replace("type=\"Package\"", "type=\"Gizmo\""), ""))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("t.xml: line 6")
        .hasMessageContaining("Gizmo");
    assertThatThrownBy(() -> parse(V2.replace("value=\"2000000000\"", "value=\"big\""), ""))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("size \"big\"");
    assertThatThrownBy(() -> parse(V2, ","))
        .isInstanceOf(GraphParseException.class)
        .hasMessageContaining("allow-list");
  }

  @Test
  void read_externalEntities_areNotResolved() {
    String xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE topology [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
            + "<topology><object type=\"Machine\" cpuset=\"0x1\" complete_cpuset=\"0x1\">"
            + "<info name=\"HostName\" value=\"&x;\"/></object></topology>";
    try {
      ResourceGraph g = parse(xml, "");
      assertThat(g.name(1)).doesNotContain("root:");
    } catch (GraphParseException e) {
      assertThat(e.getMessage()).doesNotContain("root:");
    }
  }
}
