package org.flux4j.examples.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flux4j.core.sim.ReplayJob;
import org.flux4j.core.sim.ReplayMetrics;
import org.flux4j.core.sim.ReplayOptions;
import org.flux4j.core.sim.ReplayResult;
import org.flux4j.core.sim.ReplayTimeline;
import org.flux4j.core.sim.TraceReplay;
import org.flux4j.policy.queue.QueueParams;
import org.flux4j.policy.queue.QueuePolicies;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The same trace window replayed under several queue policies ({@code flux4j replay --queue-policy
 * easy,conservative,sjf}): one row of metrics per policy, and a plot of queue length and
 * utilization over time with one line per policy.
 */
final class PolicyComparison {
  private static final int WIDTH = 1400;
  private static final int HEIGHT = 900;
  private static final int[] COLORS = {0x3b75af, 0xc2562b, 0x2f8f5b, 0x8e5ea2, 0x7f7f7f, 0xbcbd22};

  /** One policy's replay. */
  record Run(String policy, ReplayResult result) {}

  private PolicyComparison() {}

  /**
   * The policy names of a comma-separated list, each checked against the registry.
   *
   * @throws IllegalArgumentException naming the first unknown or empty name, or a repeated one
   */
  static List<String> parse(String list) {
    List<String> names = new ArrayList<>();
    for (String s : list.split(",", -1)) {
      String n = s.trim();
      if (n.isEmpty()) {
        throw new IllegalArgumentException("--queue-policy '" + list + "' has an empty name");
      }
      if (QueuePolicies.byName(n, QueueParams.DEFAULTS).isEmpty()) {
        throw new IllegalArgumentException(
            "unknown queue policy '" + n + "' (known: " + QueuePolicies.names() + ")");
      }
      if (names.contains(n)) {
        throw new IllegalArgumentException("--queue-policy names '" + n + "' twice");
      }
      names.add(n);
    }
    return names;
  }

  /** Replays {@code jobs} once per policy, with {@code base}'s other options. */
  static List<Run> run(
      List<String> policies, List<ReplayJob> jobs, ReplayOptions base, int skipped, int dropped) {
    List<Run> runs = new ArrayList<>();
    for (String p : policies) {
      ReplayOptions o =
          new ReplayOptions(
              base.nodes(),
              base.coresPerNode(),
              base.byNode(),
              base.truncate(),
              p,
              base.matchPolicy(),
              base.queueDepth(),
              base.reservationDepth(),
              base.compress());
      runs.add(new Run(p, new TraceReplay(o).run(jobs, null, skipped, dropped)));
    }
    return runs;
  }

  /** One row per policy, aligned. */
  static String table(List<Run> runs) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%-14s %6s %12s %10s %16s %10s %11s %12s%n",
            "policy",
            "jobs",
            "avg wait s",
            "max wait s",
            "avg turnaround s",
            "avg bsld",
            "utilization",
            "makespan s"));
    for (Run r : runs) {
      ReplayMetrics m = r.result().metrics();
      sb.append(
          String.format(
              Locale.ROOT,
              "%-14s %6d %12.2f %10d %16.2f %10.2f %11.4f %12d%n",
              r.policy(),
              m.jobs(),
              m.avgWait(),
              m.maxWait(),
              m.avgTurnaround(),
              m.avgBsld(),
              m.utilization(),
              m.makespan()));
    }
    return sb.toString();
  }

  /** One JSON object per policy, in an array. */
  static String json(List<Run> runs) {
    ObjectMapper mapper = new ObjectMapper();
    ArrayNode a = mapper.createArrayNode();
    for (Run r : runs) {
      ReplayMetrics m = r.result().metrics();
      ObjectNode o = a.addObject();
      o.put("queue_policy", r.policy());
      putMetrics(o, m);
    }
    return a.toString();
  }

  /** Adds the replay's summary figures to a JSON summary, in the order every summary lists them. */
  static void putMetrics(ObjectNode o, ReplayMetrics m) {
    o.put("jobs", m.jobs());
    o.put("avg_wait", m.avgWait());
    o.put("max_wait", m.maxWait());
    o.put("avg_turnaround", m.avgTurnaround());
    o.put("avg_bsld", m.avgBsld());
    o.put("utilization", m.utilization());
    o.put("makespan", m.makespan());
  }

  /**
   * Draws queue length and utilization over time, a line per policy, to .png or .svg.
   *
   * @throws IllegalArgumentException for another extension
   */
  static void plot(List<Run> runs, String title, Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".png") && !name.endsWith(".svg")) {
      throw new IllegalArgumentException("--plot needs a .png or .svg file name, got " + file);
    }
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("time (hours)"));
    plot.setGap(8);
    XYSeriesCollection queued = new XYSeriesCollection();
    XYSeriesCollection util = new XYSeriesCollection();
    for (Run r : runs) {
      ReplayMetrics m = r.result().metrics();
      String label =
          String.format(
              Locale.ROOT, "%s (avg wait %.0f s, bsld %.2f)", r.policy(), m.avgWait(), m.avgBsld());
      XYSeries q = new XYSeries(label);
      XYSeries u = new XYSeries(label);
      ReplayTimeline tl = r.result().timeline();
      double machine = (double) r.result().nodes() * r.result().coresPerNode();
      int step = Math.max(1, tl.size() / ReplayPlot.MAX_POINTS);
      for (int i = 0; i < tl.size(); i += step) {
        q.add(tl.time(i) / 3600.0, tl.queued(i));
        u.add(tl.time(i) / 3600.0, tl.busy(i) / machine);
      }
      queued.addSeries(q);
      util.addSeries(u);
    }
    plot.add(new XYPlot(queued, null, new NumberAxis("queued jobs"), lines(runs.size())), 1);
    NumberAxis utilAxis = new NumberAxis("utilization");
    utilAxis.setRange(0, 1.05);
    XYPlot utilPlot = new XYPlot(util, null, utilAxis, lines(runs.size()));
    utilPlot.setFixedLegendItems(new LegendItemCollection()); // one legend, from the first panel
    plot.add(utilPlot, 1);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ReplayPlot.save(chart, file, WIDTH, HEIGHT);
  }

  private static XYStepRenderer lines(int n) {
    XYStepRenderer r = new XYStepRenderer();
    for (int i = 0; i < n; i++) {
      r.setSeriesPaint(i, new Color(COLORS[i % COLORS.length]));
      r.setSeriesStroke(i, new BasicStroke(1.2f));
    }
    r.setDefaultShapesVisible(false);
    return r;
  }
}
