package org.flux4j.graph.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import org.flux4j.graph.GraphBuilder;
import org.flux4j.graph.GraphParseException;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.Subsystems;

/**
 * Reads an hwloc XML topology of one node ({@code -f hwloc}) into a {@link ResourceGraph}, with the
 * semantics of flux-sched's {@code resource_reader_hwloc}.
 *
 * <p>The graph has a {@code cluster0} root; under it the hwloc objects that Fluxion supports and
 * the allow-list admits, each under its nearest admitted ancestor, visited in hwloc's child order
 * (normal, memory, I/O, misc children): Machine with a {@code HostName} becomes {@code node} (named
 * after the host, id = the host's numeric suffix or -1, rank 0), Package {@code socket}, Group
 * {@code group}, NUMANode {@code numanode}, L1/L2/L3 caches {@code cache} (basename {@code
 * L1cache}..., size in KiB), Core {@code core}, PU {@code pu}; OS devices that are co-processors
 * (or {@code rsmi} GPUs) become {@code gpu} (id parsed from the cuda/rsmi/opencl device name) and
 * block devices {@code storage} (size in GB from the {@code Size} info in kB, property {@code
 * LinuxDeviceID}). Other ids are hwloc logical indexes; uniq_ids are creation order. A block device
 * without a usable size is refused, as Fluxion refuses it.
 *
 * <p>An allow-list is a comma-separated list of the types to load ({@code node}, {@code socket},
 * {@code core}, {@code gpu}, {@code storage}, {@code L2cache}, ...), empty for all;
 * resource-query's {@code -W LIST} passes {@code "cluster," + LIST} (see {@link
 * #resourceQueryAllowList}). XML is parsed with DTDs and external entities disabled. Stateless and
 * thread-safe.
 */
final class HwlocReader {
  private HwlocReader() {}

  /**
   * The allow-list that resource-query's {@code -W} option gives the reader: {@code "cluster,"}
   * followed by the user's list, or the empty string (no restriction) when the list is blank.
   */
  public static String resourceQueryAllowList(String userList) {
    return userList == null || userList.isBlank() ? "" : "cluster," + userList;
  }

  /**
   * Reads an hwloc XML file with every supported type.
   *
   * @throws GraphParseException if the file cannot be read or Fluxion would refuse it
   */
  public static ResourceGraph read(Path file) {
    return read(file, "");
  }

  /**
   * Reads an hwloc XML file, loading only the types of an allow-list.
   *
   * @param file the XML file
   * @param allowList comma-separated type names; empty or null for all types
   * @throws GraphParseException if the file cannot be read or Fluxion would refuse it
   */
  public static ResourceGraph read(Path file, String allowList) {
    String source = file.toString();
    try (InputStream in = Files.newInputStream(file)) {
      return read(source, in, allowList);
    } catch (IOException e) {
      throw new GraphParseException(source, null, "cannot read the file: " + e.getMessage(), e);
    }
  }

  /**
   * Reads hwloc XML from a stream (not closed), loading only the types of an allow-list.
   *
   * @param source the name of the input, used in error messages
   * @param in the XML text
   * @param allowList comma-separated type names; empty or null for all types
   * @throws GraphParseException if the input is malformed or Fluxion would refuse it
   */
  public static ResourceGraph read(String source, InputStream in, String allowList) {
    Set<String> allow = parseAllowList(source, allowList);
    HwlocTopology topo = HwlocTopology.load(source, in);
    GraphBuilder b = GraphBuilder.forSource(source, 256);
    int cluster = b.addVertex("cluster", "cluster", null, 0, 0, -1, 1, "");
    b.root(cluster, Subsystems.CONTAINMENT);
    new Walker(source, b, allow).walk(topo.root, cluster);
    return b.build();
  }

  private static Set<String> parseAllowList(String source, String csl) {
    Set<String> allow = new HashSet<>();
    if (csl == null || csl.isEmpty()) {
      return allow;
    }
    for (String t : csl.split(",", -1)) {
      if (!t.isEmpty()) {
        allow.add(t);
      }
    }
    if (allow.isEmpty()) {
      throw new GraphParseException(source, null, "the allow-list \"" + csl + "\" names no type");
    }
    return allow;
  }

  /** One depth-first walk of the topology, creating the admitted vertices. */
  private static final class Walker {
    private final String source;
    private final GraphBuilder b;
    private final Set<String> allow;
    private int nodeRank = -1;

    Walker(String source, GraphBuilder b, Set<String> allow) {
      this.source = source;
      this.b = b;
      this.allow = allow;
    }

    private boolean allowed(String type) {
      return allow.isEmpty() || allow.contains(type);
    }

    void walk(HwlocTopology.Obj o, int parent) {
      int v = vertexFor(o, parent);
      int next = v >= 0 ? v : parent;
      for (HwlocTopology.Obj c : o.children()) {
        walk(c, next);
      }
    }

    private GraphParseException fail(HwlocTopology.Obj o, String problem) {
      return new GraphParseException(source, "line " + o.line, problem);
    }

    /** Creates the vertex for {@code o} if Fluxion supports and admits it; else returns -1. */
    private int vertexFor(HwlocTopology.Obj o, int parent) {
      String type;
      String basename;
      String name = null;
      long id = o.logicalIndex;
      long size = 1;
      int rank = -1;
      TreeMap<String, String> props = null;
      switch (o.type) {
        case "Machine":
          {
            String host = o.info("HostName");
            if (host == null || !allowed("node")) {
              return -1;
            }
            type = "node";
            name = host;
            basename = Rv1ExecReader.hostBasename(host);
            id = Rv1ExecReader.hostSuffix(host);
            rank = ++nodeRank;
            break;
          }
        case "Group":
          type = "group";
          basename = type;
          break;
        case "NUMANode":
          type = "numanode";
          basename = type;
          break;
        case "Package":
          type = "socket";
          basename = type;
          break;
        case "L1Cache":
        case "L2Cache":
        case "L3Cache":
          type = "cache";
          basename = "L" + o.cacheDepth + "cache";
          if (!allowed(basename)) {
            return -1;
          }
          size = o.cacheSize / 1024;
          break;
        case "Core":
          type = "core";
          basename = type;
          break;
        case "PU":
          type = "pu";
          basename = type;
          break;
        case "OSDev":
          {
            String n = o.name == null ? "" : o.name;
            if (o.osdevType == 5 || (o.osdevType == 1 && n.startsWith("rsmi"))) {
              if (!allowed("gpu")) {
                return -1;
              }
              id = gpuId(o, n);
              type = "gpu";
              basename = type;
            } else if (o.osdevType == 0) {
              if (!allowed("storage")) {
                return -1;
              }
              size = storageGigabytes(o);
              type = "storage";
              basename = type;
              props = new TreeMap<>();
              String dev = o.info("LinuxDeviceID");
              props.put("LinuxDeviceID", dev == null ? "-1" : dev);
            } else {
              return -1;
            }
            break;
          }
        default:
          return -1;
      }
      if (!type.equals("cache") && !allowed(type)) {
        return -1;
      }
      int uid = b.vertexCount();
      int v =
          b.addVertex(
              type,
              basename,
              name == null ? basename + (id != -1 ? id : "") : name,
              id,
              uid,
              rank,
              size,
              "");
      b.contain(parent, v);
      if (props != null) {
        props.forEach((k, val) -> b.property(v, k, val));
      }
      return v;
    }

    private long gpuId(HwlocTopology.Obj o, String n) {
      if (n.startsWith("cuda") || n.startsWith("rsmi")) {
        return atoi(n, 4);
      }
      if (n.startsWith("opencl")) {
        int d = n.indexOf('d', 6);
        if (d < 0) {
          throw fail(o, "cannot parse the device id of OpenCL device \"" + n + "\"");
        }
        return atoi(n, d + 1);
      }
      return o.logicalIndex;
    }

    private long storageGigabytes(HwlocTopology.Obj o) {
      String s = o.info("Size");
      if (s == null) {
        throw fail(
            o,
            "block storage device "
                + (o.name == null ? "" : o.name + " ")
                + "has no Size info: Fluxion cannot size it (restrict the types, e.g. -W"
                + " node,socket,core)");
      }
      long kb = atoi(s, 0);
      if (kb == 0) {
        throw fail(o, "cannot parse the size \"" + s + "\" of block storage device " + o.name);
      }
      return kb / 1000000;
    }
  }

  /** C's atol from {@code from}: optional blanks and sign, then digits; 0 if none. */
  static long atoi(String s, int from) {
    int i = from;
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    boolean neg = false;
    if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    long v = 0;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      v = v * 10 + (s.charAt(i) - '0');
      if (v > Long.MAX_VALUE / 10) {
        break;
      }
      i++;
    }
    return neg ? -v : v;
  }
}
