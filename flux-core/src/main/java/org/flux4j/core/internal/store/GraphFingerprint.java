package org.flux4j.core.internal.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.flux4j.graph.ResourceGraph;

/**
 * A short digest of a resource graph's topology (every live vertex's path, type, rank and size, in
 * vertex order), so that a store made for one graph is not recovered onto another. Vertex status
 * (drained, down) is state, not topology, and is left out.
 */
public final class GraphFingerprint {
  private GraphFingerprint() {}

  /** The SHA-256 of the topology, 64 hex digits. O(vertices). */
  public static String of(ResourceGraph g) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
    StringBuilder sb = new StringBuilder(128);
    for (int v = 0; v < g.vertexLimit(); v++) {
      if (!g.isLive(v)) {
        continue;
      }
      sb.setLength(0);
      sb.append(g.path(v)).append('|').append(g.type(v)).append('|').append(g.rank(v));
      sb.append('|').append(g.size(v)).append('\n');
      md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
    return java.util.HexFormat.of().formatHex(md.digest());
  }
}
