package org.flux4j.policy.jobspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobspecParseTest {
  static final String BASIC =
      String.join(
          "\n",
          "version: 9999",
          "resources:",
          "  - type: node",
          "    count: 2",
          "    exclusive: true",
          "    with:",
          "      - type: slot",
          "        count: 1",
          "        label: default",
          "        with:",
          "          - type: socket",
          "            count: 2",
          "            with:",
          "              - type: core",
          "                count: 5",
          "              - type: gpu",
          "                count: 1",
          "              - type: memory",
          "                count: 16",
          "                unit: GB",
          "attributes:",
          "  system:",
          "    duration: 3600",
          "    queue: batch",
          "    cwd: /home/me",
          "    environment:",
          "      PATH: /bin",
          "    color: blue",
          "  user:",
          "    project: x",
          "    n: [1, 2.5, true, null]",
          "tasks:",
          "  - command: [ \"app\", \"-v\" ]",
          "    slot: default",
          "    count:",
          "      per_slot: 1",
          "");

  static JobspecException fail(String yaml) {
    return catchThrowableOfType(JobspecException.class, () -> Jobspec.parse(yaml, "t.yaml"));
  }

  /** A jobspec whose only resource is {@code resource} (YAML flow mapping). */
  static String withResource(String resource) {
    return "version: 1\nresources: ["
        + resource
        + "]\ntasks: [{command: [a], slot: s, count:"
        + " {per_slot: 1}}]\nattributes:\n";
  }

  @Test
  void parse_basic_buildsTheModel() {
    Jobspec js = Jobspec.parse(BASIC, "basic.yaml");
    assertThat(js.version()).isEqualTo(9999);
    assertThat(js.source()).isEqualTo("basic.yaml");
    Resource node = js.resources().get(0);
    assertThat(node.type()).isEqualTo("node");
    assertThat(node.count()).isEqualTo(Count.exactly(2));
    assertThat(node.exclusive()).isEqualTo(Exclusive.TRUE);
    Resource slot = node.with().get(0);
    assertThat(slot.isSlot()).isTrue();
    assertThat(slot.label()).isEqualTo("default");
    assertThat(slot.exclusive()).isEqualTo(Exclusive.UNSPECIFIED);
    Resource mem = slot.with().get(0).with().get(2);
    assertThat(mem.unit()).isEqualTo("GB");
    assertThat(js.walk())
        .extracting(Resource::type)
        .containsExactly("node", "slot", "socket", "core", "gpu", "memory");
    assertThat(js.totalCount("core")).isEqualTo(20);
    assertThat(js.totalCount("gpu")).isEqualTo(4);
    assertThat(js.totalCount("memory")).isEqualTo(64);
    assertThat(js.totalCount("slot")).isEqualTo(2);
    assertThat(js.totalCount("rack")).isZero();
    assertThat(js.slot()).contains(slot);
    assertThat(js.duration()).isEqualTo(3600.0);
    assertThat(js.queue()).isEqualTo("batch");
    assertThat(js.attributes().system().cwd()).isEqualTo("/home/me");
    assertThat(js.attributes().system().environment()).containsEntry("PATH", "/bin");
    assertThat(js.attributes().system().other()).containsEntry("color", "blue");
    assertThat(js.attributes().user()).containsEntry("project", "x");
    assertThat(js.attributes().user().get("n"))
        .isEqualTo(java.util.Arrays.asList(1L, 2.5, true, null));
    Task t = js.tasks().get(0);
    assertThat(t.command()).containsExactly("app", "-v");
    assertThat(t.slot()).isEqualTo("default");
    assertThat(t.perSlot()).hasValue(1);
    assertThat(t.total()).isEmpty();
    assertThat(js.constraints()).isEmpty();
  }

  @Test
  void parse_json_equalsYaml() {
    String json =
        "{\"version\": 9999, \"resources\": [{\"type\": \"node\", \"count\": 2, \"exclusive\":"
            + " true, \"with\": [{\"type\": \"slot\", \"count\": 1, \"label\": \"default\","
            + " \"with\": [{\"type\": \"socket\", \"count\": 2, \"with\": [{\"type\": \"core\","
            + " \"count\": 5}, {\"type\": \"gpu\", \"count\": 1}, {\"type\": \"memory\", \"count\":"
            + " 16, \"unit\": \"GB\"}]}]}]}], \"attributes\": {\"system\": {\"duration\": 3600,"
            + " \"queue\": \"batch\", \"cwd\": \"/home/me\", \"environment\": {\"PATH\": \"/bin\"},"
            + " \"color\": \"blue\"}, \"user\": {\"project\": \"x\", \"n\": [1, 2.5, true, null]}},"
            + " \"tasks\": [{\"command\": [\"app\", \"-v\"], \"slot\": \"default\", \"count\":"
            + " {\"per_slot\": 1}}]}";
    assertThat(Jobspec.parse(json, "basic.json")).isEqualTo(Jobspec.parse(BASIC, "basic.yaml"));
  }

  @Test
  void parse_yamlFlowDocument_startingWithABrace_isYaml() {
    String flow =
        "{version: 9999, resources: [{type: slot, count: 1, label: s, with: [{type: core, count:"
            + " 1}]}], tasks: [{command: [a], slot: s, count: {per_slot: 1}}], attributes: {}}";
    assertThat(Jobspec.parse(flow, "flow.yaml").totalCount("core")).isEqualTo(1);
  }

  @Test
  void toJson_keepsEveryKey() {
    Jobspec js = Jobspec.parse(BASIC, "basic.yaml");
    String json = js.toJson();
    assertThat(json)
        .startsWith("{\"version\":9999,\"resources\":[{\"type\":\"node\",\"count\":2,")
        .contains("\"unit\":\"GB\"", "\"exclusive\":true", "\"label\":\"default\"")
        .contains("\"duration\":3600", "\"color\":\"blue\"", "\"per_slot\":1");
    assertThat(Jobspec.parse(json, "again")).isEqualTo(js);
    Jobspec ranged =
        Jobspec.parse(
            withResource("{type: core, count: {min: 2, max: 8, operator: '*', operand: 2}}"), "t");
    assertThat(ranged.toJson())
        .contains("\"count\":{\"min\":2,\"max\":8,\"operator\":\"*\",\"operand\":2}");
    assertThat(Jobspec.parse(ranged.toJson(), "t")).isEqualTo(ranged);
  }

  @Test
  void parse_countForms_plainMinOnlyAndRange() {
    assertThat(
            Jobspec.parse(withResource("{type: core, count: 0}"), "t").resources().get(0).count())
        .isEqualTo(Count.exactly(0));
    Count minOnly =
        Jobspec.parse(withResource("{type: core, count: {min: 3}}"), "t")
            .resources()
            .get(0)
            .count();
    assertThat(minOnly).isEqualTo(new Count(3, Count.UNBOUNDED, Count.Operator.ADD, 1));
    Count range =
        Jobspec.parse(
                withResource("{type: core, count: {min: 2, max: 16, operator: '*', operand: 2}}"),
                "t")
            .resources()
            .get(0)
            .count();
    assertThat(range).isEqualTo(Count.of(2, 16, Count.Operator.MULTIPLY, 2));
    Count quoted =
        Jobspec.parse(withResource("{type: core, count: \"7\"}"), "t").resources().get(0).count();
    assertThat(quoted).isEqualTo(Count.exactly(7));
    assertThat(
            Jobspec.parse(withResource("{type: core, count: 010}"), "t").resources().get(0).count())
        .as("yaml-cpp reads 010 as decimal ten")
        .isEqualTo(Count.exactly(10));
  }

  @Test
  void parse_repeatedKeys_countAsYamlCppCountsThem() {
    // yaml-cpp keeps a repeated key as one more entry of the mapping: the entry counts see it,
    // lookups find the first value, iterations visit every entry in order
    assertThat(fail("version: 1\nversion: 1\nresources: []\ntasks: []\nattributes:\n").reason())
        .isEqualTo("Top mapping in jobspec must have exactly four entries");
    assertThat(
            fail("{\"version\": 1, \"version\": 1, \"resources\": [], \"tasks\": [],"
                    + " \"attributes\": {}}")
                .reason())
        .isEqualTo("Top mapping in jobspec must have exactly four entries");
    assertThat(fail(withResource("{type: core, count: 1, count: 2}")).reason())
        .isEqualTo("Unrecognized key in resource mapping");
    assertThat(
            fail("version: 1\nresources: []\ntasks: [{command: [a], slot: s, count: {per_slot: 1,"
                    + " per_slot: 2}}]\nattributes:\n")
                .reason())
        .isEqualTo("\"count\" in task must have exactly one entry");
    Jobspec js =
        Jobspec.parse(
            "version: 1\nresources: [{type: core, count: 1}]\ntasks: [{command: [a],"
                + " slot: s, slot: t, count: {per_slot: 1}}]\nattributes: {system: {duration: 5},"
                + " system: {duration: 7}}\n",
            "t");
    assertThat(js.duration()).as("every system entry is read, the last one last").isEqualTo(7);
  }

  @Test
  void parse_topLevelRules_giveFluxionTexts() {
    assertThat(fail("- a\n- b\n").reason()).isEqualTo("Top level of jobspec is not a mapping");
    assertThat(fail("").reason()).isEqualTo("Top level of jobspec is not a mapping");
    assertThat(fail("resources: []\ntasks: []\nattributes:\n").reason())
        .isEqualTo("Missing key \"version\" in top level mapping");
    JobspecException noRes = fail("version: 1\ntasks: []\nattributes:\n");
    assertThat(noRes.reason()).isEqualTo("Missing key \"resource\" in top level mapping");
    assertThat(noRes.problem()).contains("\"resources\"");
    assertThat(fail("version: 1\nresources: []\nattributes:\n").reason())
        .isEqualTo("Missing key \"tasks\" in top level mapping");
    assertThat(fail("version: 1\nresources: []\ntasks: []\n").reason())
        .isEqualTo("Missing key \"attributes\" in top level mapping");
    assertThat(fail("version: 1\nresources: []\ntasks: []\nattributes:\nx: 1\n").reason())
        .isEqualTo("Top mapping in jobspec must have exactly four entries");
    assertThat(fail("version: [1]\nresources: []\ntasks: []\nattributes:\n").reason())
        .isEqualTo("\"version\" must be an unsigned integer");
    assertThat(fail("version: 10000\nresources: []\ntasks: []\nattributes:\n").reason())
        .isEqualTo("Only jobspec \"version\" 1-9999 is supported");
    assertThat(fail("version: 0\nresources: []\ntasks: []\nattributes:\n").reason())
        .isEqualTo("Only jobspec \"version\" 1-9999 is supported");
    assertThat(fail("version: 1\nresources: {}\ntasks: []\nattributes:\n").reason())
        .isEqualTo("\"resources\" is not a sequence");
    assertThat(fail("version: 1\nresources: []\ntasks: {}\nattributes:\n").reason())
        .isEqualTo("\"tasks\" is not a sequence");
  }

  @Test
  void parse_error_namesSourcePointerAndRule() {
    JobspecException e =
        fail(
            withResource(
                "{type: node, count: 1, with: [{type: core, count: 1}, {type: core, count: {min:"
                    + " 0}}]}"));
    assertThat(e.source()).isEqualTo("t.yaml");
    assertThat(e.pointer()).isEqualTo("/resources/0/with/1/count/min");
    assertThat(e.reason()).isEqualTo("\"min\" must be greater than zero");
    assertThat(e.getMessage())
        .isEqualTo("t.yaml: /resources/0/with/1/count/min: \"min\" must be greater than zero");
  }

  @Test
  void parse_countRules_giveFluxionTexts() {
    assertThat(fail(withResource("{type: core, count: [1]}")).reason())
        .isEqualTo("count is not a mapping");
    assertThat(fail(withResource("{type: core, count: {max: 1}}")).reason())
        .isEqualTo("Key \"min\" missing from count");
    assertThat(fail(withResource("{type: core, count: {min: [1]}}")).reason())
        .isEqualTo("Value of \"min\" must be a scalar");
    assertThat(fail(withResource("{type: core, count: {min: 1, max: 2}}")).reason())
        .isEqualTo("All or none of \"max\", \"operator\", and \"operand\" must be specified");
    assertThat(
            fail(withResource("{type: core, count: {min: 1, max: {}, operator: +, operand: 1}}"))
                .reason())
        .isEqualTo("Value of \"max\" must be a scalar");
    assertThat(
            fail(withResource("{type: core, count: {min: 1, max: 2, operator: [], operand: 1}}"))
                .reason())
        .isEqualTo("Value of \"operator\" must be a scalar");
    assertThat(
            fail(withResource("{type: core, count: {min: 1, max: 2, operator: +, operand: {}}}"))
                .reason())
        .isEqualTo("Value of \"operand\" must be a scalar");
    assertThat(
            fail(withResource("{type: core, count: {min: 3, max: 2, operator: +, operand: 1}}"))
                .reason())
        .isEqualTo("\"max\" must be greater than or equal to \"min\"");
    assertThat(
            fail(withResource("{type: core, count: {min: 1, max: 2, operator: +, operand: 0}}"))
                .reason())
        .isEqualTo("\"operand\" must be greater than zero for addition '+'");
    assertThat(
            fail(withResource("{type: core, count: {min: 1, max: 2, operator: '*', operand: 1}}"))
                .reason())
        .isEqualTo("\"operand\" must be greater than one for multiplication '*'");
    assertThat(
            fail(withResource("{type: core, count: {min: 2, max: 2, operator: ^, operand: 1}}"))
                .reason())
        .isEqualTo("\"operand\" must be greater than one for exponentiation '^'");
    assertThat(
            fail(withResource("{type: core, count: {min: 1, max: 2, operator: ^, operand: 2}}"))
                .reason())
        .isEqualTo("\"min\" must be greater than one for exponentiation '^'");
    assertThat(
            fail(withResource("{type: core, count: {min: 1, max: 2, operator: '/', operand: 2}}"))
                .reason())
        .isEqualTo("Invalid count operator");
  }

  @Test
  void parse_badConversion_isYamlCppTextWithLineAndColumn() {
    String yaml = "version: 1\nresources:\n  - type: core\n    count: -1\ntasks: []\nattributes:\n";
    JobspecException e = fail(yaml);
    assertThat(e.pointer()).isEqualTo("/resources/0/count");
    assertThat(e.reason()).isEqualTo("yaml-cpp: error at line 4, column 12: bad conversion");
    assertThat(fail(withResource("{type: core, count: 2.5}")).reason()).endsWith("bad conversion");
    assertThat(fail(withResource("{type: core, count: true}")).reason()).endsWith("bad conversion");
    assertThat(fail(withResource("{type: core, count: 4294967296}")).reason())
        .endsWith("bad conversion");
    assertThat(fail("version: one\nresources: []\ntasks: []\nattributes:\n").reason())
        .endsWith("bad conversion");
  }

  @Test
  void parse_resourceRules_giveFluxionTexts() {
    assertThat(fail(withResource("core")).reason()).isEqualTo("resource is not a mapping");
    assertThat(fail(withResource("{count: 1}")).reason())
        .isEqualTo("Key \"type\" missing from resource");
    assertThat(fail(withResource("{type: [a], count: 1}")).reason())
        .isEqualTo("Value of \"type\" must be a scalar");
    assertThat(fail(withResource("{type: core}")).reason())
        .isEqualTo("Key \"count\" missing from resource");
    assertThat(fail(withResource("{type: core, count: 1, unit: [a]}")).reason())
        .isEqualTo("Value of \"unit\" must be a scalar");
    assertThat(fail(withResource("{type: core, count: 1, exclusive: [a]}")).reason())
        .isEqualTo("Value of \"exclusive\" must be a scalar");
    assertThat(fail(withResource("{type: core, count: 1, exclusive: yes}")).reason())
        .isEqualTo("Value of \"exclusive\" must be either \"true\" or \"false\"");
    assertThat(fail(withResource("{type: core, count: 1, exclusive: True}")).reason())
        .as("yaml-cpp compares the text, so True is not true")
        .isEqualTo("Value of \"exclusive\" must be either \"true\" or \"false\"");
    assertThat(fail(withResource("{type: core, count: 1, with: {}}")).reason())
        .isEqualTo("\"resources\" is not a sequence");
    assertThat(fail(withResource("{type: core, count: 1, label: {}}")).reason())
        .isEqualTo("Value of \"label\" must be a scalar");
    assertThat(fail(withResource("{type: slot, count: 1}")).reason())
        .isEqualTo("All slots must be labeled");
    assertThat(fail(withResource("{type: core, count: 1, id: []}")).reason())
        .isEqualTo("Value of \"id\" must be a scalar");
    JobspecException unknown = fail(withResource("{type: core, count: 1, requires: []}"));
    assertThat(unknown.reason()).isEqualTo("Unrecognized key in resource mapping");
    assertThat(unknown.pointer()).isEqualTo("/resources/0/requires");
    Resource ok =
        Jobspec.parse(
                withResource("{type: core, count: 1, exclusive: false, label: c, id: '3'}"), "t")
            .resources()
            .get(0);
    assertThat(ok.exclusive()).isEqualTo(Exclusive.FALSE);
    assertThat(ok.label()).isEqualTo("c");
    assertThat(ok.id()).isEqualTo("3");
  }

  @Test
  void parse_childErrorsComeBeforeTheParentsSlotLabel_asInFluxion() {
    JobspecException e = fail(withResource("{type: slot, count: 1, with: [{type: core}]}"));
    assertThat(e.reason()).isEqualTo("Key \"count\" missing from resource");
  }

  @Test
  void parse_taskRules_giveFluxionTexts() {
    String head = "version: 1\nresources: []\nattributes:\ntasks: ";
    assertThat(fail(head + "[a]").reason()).isEqualTo("task is not a mapping");
    assertThat(fail(head + "[{slot: s, count: {per_slot: 1}}]").reason())
        .isEqualTo("Key \"command\" missing from task");
    assertThat(fail(head + "[{command: a, slot: s, count: {per_slot: 1}}]").reason())
        .isEqualTo("\"command\" value must be a sequence");
    assertThat(fail(head + "[{command: [a], count: {per_slot: 1}}]").reason())
        .isEqualTo("Key \"slot\" missing from task");
    assertThat(fail(head + "[{command: [a], slot: [s], count: {per_slot: 1}}]").reason())
        .isEqualTo("Value of task \"slot\" must be a YAML scalar");
    assertThat(fail(head + "[{command: [a], slot: s, count: 1}]").reason())
        .isEqualTo("\"count\" in task is not a mapping");
    assertThat(fail(head + "[{command: [a], slot: s, count: {per_slot: 1, total: 2}}]").reason())
        .isEqualTo("\"count\" in task must have exactly one entry");
    assertThat(
            fail(head + "[{command: [a], slot: s, count: {total: 2}, distribution: []}]").reason())
        .isEqualTo("Value of task \"distribution\" must be a YAML scalar");
    assertThat(fail(head + "[{command: [a], slot: s, count: {total: 2}, attributes: []}]").reason())
        .isEqualTo("\"attributes\" in task is not a mapping");
    assertThat(fail(head + "[{command: [a], slot: s}]").reason())
        .isEqualTo("impossible number of entries in task mapping");
    assertThat(
            fail(head + "[{command: [a], slot: s, count: {total: 2}, a: 1, b: 2, c: 3}]").reason())
        .isEqualTo("impossible number of entries in task mapping");
    Task t =
        Jobspec.parse(
                head
                    + "[{command: [a, b], slot: s, count: {total: 5}, distribution: block,"
                    + " attributes: {k: v}}]",
                "t")
            .tasks()
            .get(0);
    assertThat(t.total()).hasValue(5);
    assertThat(t.distribution()).isEqualTo("block");
    assertThat(t.attributes()).isEqualTo(Map.of("k", "v"));
  }

  @Test
  void parse_attributeRules_giveFluxionTexts() {
    String head = "version: 1\nresources: []\ntasks: []\nattributes: ";
    assertThat(fail(head + "[]").reason()).isEqualTo("\"attributes\" is not a map");
    JobspecException e = fail(head + "{system: {}, foo: 1}");
    assertThat(e.reason()).isEqualTo("Unknown key in \"attributes\"");
    assertThat(e.pointer()).isEqualTo("/attributes/foo");
    assertThat(fail(head + "{system: {duration: soon}}").reason()).endsWith("bad conversion");
    Jobspec js = Jobspec.parse(head + "{system: {duration: \"1.5\"}}", "t");
    assertThat(js.duration()).isEqualTo(1.5);
    assertThat(js.attributes().system().hasDuration()).isTrue();
    Jobspec none = Jobspec.parse(head + "{system: {}}", "t");
    assertThat(none.duration()).isZero();
    assertThat(none.attributes().system().hasDuration()).isFalse();
  }

  @Test
  void parse_knownTypes_checkedInDocumentOrder() {
    String yaml =
        withResource(
            "{type: node, count: 1, with: [{type: core, count: {min: 0}}, {type: bogus, count:"
                + " 1}]}");
    // The count error comes first in document order, so it is what Fluxion reports.
    assertThat(
            catchThrowableOfType(
                    JobspecException.class,
                    () -> Jobspec.parser().knownTypes(List.of()).parse(yaml, "t"))
                .reason())
        .isEqualTo("\"min\" must be greater than zero");
    String yaml2 = withResource("{type: node, count: 1, with: [{type: bogus, count: 0}]}");
    JobspecException e =
        catchThrowableOfType(
            JobspecException.class, () -> Jobspec.parser().knownTypes(List.of()).parse(yaml2, "t"));
    assertThat(e.reason()).isEqualTo("Value of \"type\" must be a resource type known to fluxion");
    assertThat(e.pointer()).isEqualTo("/resources/0/with/0/type");
    assertThat(Jobspec.parser().knownTypes(List.of("bogus")).parse(yaml2, "t").types())
        .containsExactly("node", "bogus");
    assertThat(Jobspec.parse(yaml2, "t").types()).containsExactly("node", "bogus");
  }

  @Test
  void parse_malformedYaml_namesTheLine() {
    JobspecException e = fail("version: 1\nresources: [\n  - a: b: c\n");
    assertThat(e.getMessage()).startsWith("t.yaml: /: malformed YAML at line");
    JobspecException j =
        catchThrowableOfType(JobspecException.class, () -> Jobspec.parse("{\"version\": ", "j"));
    assertThat(j.getMessage()).contains("malformed JSON");
  }

  @Test
  void parse_yamlTags_neverInstantiateAnything() {
    String yaml =
        "version: 1\n"
            + "resources: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
            + " [[!!java.net.URL [\"http://example.invalid/\"]]]]\n"
            + "tasks: !!java.lang.ProcessBuilder [[\"touch\", \"/tmp/flux4j-pwned\"]]\n"
            + "attributes: !!java.lang.Runtime {}\n";
    JobspecException e = fail(yaml);
    // The tags are ignored: the values are plain sequences and maps, checked as usual.
    assertThat(e.reason()).isEqualTo("resource is not a mapping");
    assertThat(new java.io.File("/tmp/flux4j-pwned")).doesNotExist();
    String benign =
        "version: 1\nresources: []\ntasks: []\nattributes: {user: {x: !!java.io.File"
            + " [\"/etc\"]}}\n";
    Jobspec js = Jobspec.parse(benign, "t");
    assertThat(js.attributes().user().get("x")).isEqualTo(List.of("/etc"));
  }

  @Test
  void parse_missingFile_isAJobspecException() {
    assertThatThrownBy(() -> Jobspec.parse(java.nio.file.Paths.get("/nonexistent/js.yaml")))
        .isInstanceOf(JobspecException.class)
        .hasMessageContaining("/nonexistent/js.yaml");
  }

  @Test
  void parse_v1Option_appliesTheV1Rules() {
    String v1 =
        "version: 1\nresources: [{type: slot, count: 1, label: task, with: [{type: core, count:"
            + " 2}]}]\ntasks: [{command: [a], slot: task, count: {per_slot: 1}}]\n"
            + "attributes: {system: {duration: 60}}\n";
    assertThat(Jobspec.parser().v1(true).parse(v1, "t").totalCount("core")).isEqualTo(2);
    String noDuration = v1.replace("{system: {duration: 60}}", "{system: {}}");
    assertThat(Jobspec.parse(noDuration, "t")).isNotNull();
    assertThatThrownBy(() -> Jobspec.parser().v1(true).parse(noDuration, "t"))
        .isInstanceOf(JobspecException.class)
        .hasMessageContaining("duration");
  }
}
