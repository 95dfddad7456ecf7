package org.flux4j.policy.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flux4j.fixtures.SharedData;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.GraphFormat;
import org.flux4j.graph.io.GraphReaders;

/**
 * Test support: a GRUG recipe of the shared data by name, a minimal jobspec reader (until the
 * jobspec module is merged) and Fluxion's simple writer format for golden comparisons.
 */
final class TestSupport {
  private TestSupport() {}

  static ResourceGraph grug(String name) {
    return GraphReaders.read(SharedData.grug(name), GraphFormat.GRUG);
  }

  static ResourceRequest jobspec(Path file) {
    return ResourceRequest.from(org.flux4j.policy.jobspec.Jobspec.parse(file));
  }

  static ResourceRequest jobspecLenient(Path file) {
    try {
      return jobspec(new YAMLMapper().readTree(Files.readString(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ResourceRequest jobspec(JsonNode root) {
    List<ResourceRequest.Item> rs = resources(root.path("resources"));
    long duration = root.path("attributes").path("system").path("duration").asLong(0);
    return new ResourceRequest(rs, duration, Optional.empty());
  }

  private static List<ResourceRequest.Item> resources(JsonNode arr) {
    List<ResourceRequest.Item> out = new ArrayList<>();
    for (JsonNode n : arr) {
      JsonNode c = n.path("count");
      ResourceRequest.Quantity count;
      if (c.isObject()) {
        long min = c.path("min").asLong(1);
        long max = c.has("max") ? c.path("max").asLong() : Long.MAX_VALUE;
        String op = c.path("operator").asText("+");
        count = ResourceRequest.Quantity.range(min, max, op.charAt(0), c.path("operand").asLong(1));
      } else {
        count = ResourceRequest.Quantity.exactly(c.asLong(1));
      }
      Boolean x = n.has("exclusive") ? n.get("exclusive").asBoolean() : null;
      out.add(
          new ResourceRequest.Item(
              n.path("type").asText(),
              count,
              x,
              n.path("label").asText(""),
              n.path("unit").asText(""),
              resources(n.path("with"))));
    }
    return out;
  }

  /** Fluxion's simple writer: post-order lines with depth dashes. */
  static String simple(ResourceSet s) {
    StringBuilder sb = new StringBuilder();
    ResourceGraph g = s.graph();
    for (int i = 0; i < s.size(); i++) {
      int v = s.vertex(i);
      int depth = 0;
      for (int u = v; u != ResourceGraph.NONE; u = g.parent(u)) {
        depth++;
      }
      sb.append("      ").append("---".repeat(depth)).append(g.name(v));
      sb.append('[').append(s.count(i)).append(':').append(s.exclusive(i) ? 'x' : 's');
      sb.append("]\n");
    }
    return sb.toString();
  }
}
