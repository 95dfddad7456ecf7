package org.flux4j.core.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flux4j.graph.ResourceGraph;
import org.flux4j.graph.io.Hostlist;
import org.flux4j.graph.io.IdSet;
import org.flux4j.graph.io.Rv1ExecReader;

/**
 * A Slurm job allocation as an instance sees it: the job id, its hosts in order (rank = position)
 * and each host's cores and GPUs. Immutable.
 *
 * <p>{@link #graph()} builds the instance's resource graph from it as {@code srun flux start} does:
 * an RFC 20 R with one rank per host, read by {@link Rv1ExecReader}, so node vertices are named by
 * host name and hold the allocation's cores ({@code core0..}) and GPUs ({@code gpu0..}).
 */
public final class SlurmAllocation {
  private static final Pattern CPUS = Pattern.compile("(\\d+)(?:\\(x(\\d+)\\))?");
  private static final Pattern DETAIL_NODES = Pattern.compile("^\\s*Nodes=(\\S+)\\s");
  private static final Pattern CPU_IDS = Pattern.compile("\\sCPU_IDs=(\\S+)");
  private static final Pattern GPU =
      Pattern.compile("gpu(?::[^:(,\\s]+)?:(\\d+)(?:\\(IDX:([^)]*)\\))?");

  private final String jobId;
  private final List<String> hosts;
  private final int[] cores;
  private final int[] gpus;

  /**
   * An allocation.
   *
   * @param jobId the Slurm job id
   * @param hosts the host (Slurm node) names, in the order of {@code scontrol show hostnames}
   * @param cores the cores allocated on each host, by position
   * @param gpus the GPUs allocated on each host, by position
   * @throws IllegalArgumentException if there is no host, the counts do not match the hosts, or a
   *     host has no core
   */
  SlurmAllocation(String jobId, List<String> hosts, int[] cores, int[] gpus) {
    this.jobId = java.util.Objects.requireNonNull(jobId, "jobId");
    this.hosts = List.copyOf(hosts);
    this.cores = cores.clone();
    this.gpus = gpus.clone();
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("Slurm job " + jobId + " has no hosts");
    }
    if (cores.length != hosts.size() || gpus.length != hosts.size()) {
      throw new IllegalArgumentException(
          "Slurm job "
              + jobId
              + ": "
              + hosts.size()
              + " hosts but "
              + cores.length
              + " core counts and "
              + gpus.length
              + " GPU counts");
    }
    for (int i = 0; i < cores.length; i++) {
      if (cores[i] < 1 || gpus[i] < 0) {
        throw new IllegalArgumentException(
            "Slurm job " + jobId + ": host " + hosts.get(i) + " has " + cores[i] + " cores");
      }
    }
  }

  /**
   * Parses Slurm's per-node CPU counts ({@code SLURM_JOB_CPUS_PER_NODE}), such as {@code 2(x3),1}:
   * comma-separated counts, each optionally repeated {@code (xN)} times.
   *
   * @param nodes how many nodes the allocation has
   * @throws IllegalArgumentException naming the text if it is malformed or does not cover exactly
   *     {@code nodes} nodes
   */
  static int[] parseCpusPerNode(String text, int nodes) {
    List<Integer> out = new ArrayList<>();
    for (String item : text.strip().split(",", -1)) {
      Matcher m = CPUS.matcher(item.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "SLURM_JOB_CPUS_PER_NODE '" + text + "': '" + item + "' is not N or N(xM)");
      }
      int count = Integer.parseInt(m.group(1));
      int times = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
      if (times < 1 || times > nodes) {
        throw new IllegalArgumentException(
            "SLURM_JOB_CPUS_PER_NODE '" + text + "': bad repeat count in '" + item + "'");
      }
      for (int i = 0; i < times; i++) {
        out.add(count);
      }
    }
    if (out.size() != nodes) {
      throw new IllegalArgumentException(
          "SLURM_JOB_CPUS_PER_NODE '"
              + text
              + "' gives "
              + out.size()
              + " nodes, the node list has "
              + nodes);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Parses the output of {@code scontrol show hostnames LIST}: one host per line.
   *
   * @throws IllegalArgumentException if it names no host or a host twice
   */
  static List<String> parseHostnames(String output) {
    List<String> hosts = new ArrayList<>();
    for (String line : (Iterable<String>) output.lines()::iterator) {
      String h = line.strip();
      if (h.isEmpty()) {
        continue;
      }
      if (hosts.contains(h)) {
        throw new IllegalArgumentException("host " + h + " is listed twice");
      }
      hosts.add(h);
    }
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("scontrol show hostnames printed no host");
    }
    return hosts;
  }

  /**
   * The CPUs and GPUs allocated per host, from the output of {@code scontrol show job -d JOBID}:
   * its per-node detail lines {@code Nodes=n[1-2] CPU_IDs=0-3 Mem=0 GRES=gpu:2(IDX:0-1)}. A host
   * without a {@code gpu} GRES has no GPUs; a host without a detail line has 0 CPUs.
   *
   * @return {@code [cpus, gpus]}, each by host position
   */
  static int[][] parseDetail(String showJobDetail, List<String> hosts) {
    Map<String, int[]> byHost = new LinkedHashMap<>();
    for (String line : (Iterable<String>) showJobDetail.lines()::iterator) {
      Matcher n = DETAIL_NODES.matcher(line);
      if (!n.find()) {
        continue;
      }
      Matcher c = CPU_IDS.matcher(line);
      int cpus = c.find() ? (int) IdSet.decode(c.group(1)).size() : 0;
      int gpus = 0;
      int at = line.indexOf("GRES=");
      if (at >= 0) {
        Matcher g = GPU.matcher(line.substring(at + 5));
        while (g.find()) {
          gpus +=
              g.group(2) != null && !g.group(2).isEmpty()
                  ? (int) IdSet.decode(g.group(2)).size()
                  : Integer.parseInt(g.group(1));
        }
      }
      for (String h : Hostlist.decode(n.group(1))) {
        byHost.put(h, new int[] {cpus, gpus});
      }
    }
    int[][] out = new int[2][hosts.size()];
    for (int i = 0; i < hosts.size(); i++) {
      int[] cg = byHost.getOrDefault(hosts.get(i), new int[2]);
      out[0][i] = cg[0];
      out[1][i] = cg[1];
    }
    return out;
  }

  /** The Slurm job id. */
  public String jobId() {
    return jobId;
  }

  /** The host names, rank = position. */
  public List<String> hosts() {
    return hosts;
  }

  /** The cores allocated on each host, by position (a copy). */
  public int[] cores() {
    return cores.clone();
  }

  /** The GPUs allocated on each host, by position (a copy). */
  public int[] gpus() {
    return gpus.clone();
  }

  /** The number of hosts. */
  public int size() {
    return hosts.size();
  }

  /** The rank of {@code host}, or -1 if it is not in the allocation. */
  public int rank(String host) {
    return hosts.indexOf(host);
  }

  /**
   * The allocation as an RFC 20 R version 1 document: one {@code R_lite} entry per rank with its
   * cores and GPUs, and the host list.
   */
  public String toR() {
    ObjectMapper json = new ObjectMapper();
    ObjectNode r = json.createObjectNode();
    r.put("version", 1);
    ObjectNode exec = r.putObject("execution");
    ArrayNode lite = exec.putArray("R_lite");
    for (int i = 0; i < hosts.size(); i++) {
      ObjectNode e = lite.addObject();
      e.put("rank", Integer.toString(i));
      ObjectNode children = e.putObject("children");
      children.put("core", IdSet.range(0, cores[i] - 1L).encode());
      if (gpus[i] > 0) {
        children.put("gpu", IdSet.range(0, gpus[i] - 1L).encode());
      }
    }
    ArrayNode nodelist = exec.putArray("nodelist");
    hosts.forEach(nodelist::add);
    exec.put("starttime", 0);
    exec.put("expiration", 0);
    return r.toString();
  }

  /** A new resource graph of this allocation (each call builds one; an instance owns its graph). */
  public ResourceGraph graph() {
    return Rv1ExecReader.read(
        "Slurm job " + jobId, new ByteArrayInputStream(toR().getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SlurmAllocation a
        && jobId.equals(a.jobId)
        && hosts.equals(a.hosts)
        && Arrays.equals(cores, a.cores)
        && Arrays.equals(gpus, a.gpus);
  }

  @Override
  public int hashCode() {
    return jobId.hashCode() * 31 + hosts.hashCode();
  }

  @Override
  public String toString() {
    return "SlurmAllocation[job "
        + jobId
        + " "
        + hosts
        + " cores "
        + Arrays.toString(cores)
        + " gpus "
        + Arrays.toString(gpus)
        + "]";
  }
}
