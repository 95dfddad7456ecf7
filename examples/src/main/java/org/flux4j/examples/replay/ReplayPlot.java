package org.flux4j.examples.replay;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.flux4j.core.sim.JobOutcome;
import org.flux4j.core.sim.ReplayResult;
import org.flux4j.core.sim.ReplayTimeline;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws a replay as a person would look at it: the schedule (each job's nodes over time), the
 * utilization and the queue length over time, stacked on one time axis, to PNG or SVG.
 *
 * <p>Large replays are thinned so that the picture stays legible and small: at most {@link
 * #MAX_BARS} job-node bars (the earliest ones, with the cut said in the title) and at most {@link
 * #MAX_POINTS} samples per line.
 */
public final class ReplayPlot {
  /** The most job-node rectangles drawn in the schedule panel. */
  public static final int MAX_BARS = 60_000;

  /** The most points drawn per time series. */
  public static final int MAX_POINTS = 4_000;

  private static final int WIDTH = 1400;
  private static final int HEIGHT = 1000;

  private ReplayPlot() {}

  /**
   * Writes the picture to {@code file}; the format follows its extension (.png or .svg).
   *
   * @throws IllegalArgumentException for another extension
   */
  public static void write(ReplayResult result, String title, Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".png") && !name.endsWith(".svg")) {
      throw new IllegalArgumentException("--plot needs a .png or .svg file name, got " + file);
    }
    save(chart(result, title), file, WIDTH, HEIGHT);
  }

  /**
   * Writes {@code chart} to {@code file} as PNG, or as SVG for any other name, at the given size.
   */
  static void save(JFreeChart chart, Path file, int width, int height) throws IOException {
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
      ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    } else {
      SVGGraphics2D g = new SVGGraphics2D(width, height);
      chart.draw(g, new Rectangle(0, 0, width, height));
      Files.writeString(file, g.getSVGDocument(), StandardCharsets.UTF_8);
    }
  }

  /** Builds the chart (three panels on a shared time axis, in hours). */
  public static JFreeChart chart(ReplayResult result, String title) {
    NumberAxis time = new NumberAxis("time (hours)");
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
    plot.setGap(8);
    int bars = 0;
    boolean cut = false;
    XYIntervalSeriesCollection schedule = new XYIntervalSeriesCollection();
    XYIntervalSeries jobs = new XYIntervalSeries("jobs");
    for (JobOutcome o : result.jobs()) {
      int[] nodes = result.placement().get(o.id());
      if (o.start() < 0 || o.end() < 0 || nodes == null) {
        continue;
      }
      if (bars + nodes.length > MAX_BARS) {
        cut = true;
        break;
      }
      double x0 = o.start() / 3600.0;
      double x1 = Math.max(o.end(), o.start() + 1) / 3600.0;
      for (int node : nodes) {
        jobs.add(x0, x0, x1, node, node - 0.45, node + 0.45);
        bars++;
      }
    }
    schedule.addSeries(jobs);
    XYBarRenderer gantt = new XYBarRenderer();
    gantt.setUseYInterval(true);
    gantt.setShadowVisible(false);
    gantt.setDrawBarOutline(false);
    gantt.setSeriesPaint(0, new Color(0x3b75af));
    NumberAxis nodeAxis = new NumberAxis("node");
    nodeAxis.setRange(-0.5, result.nodes() - 0.5);
    plot.add(new XYPlot(schedule, null, nodeAxis, gantt), 3);

    ReplayTimeline tl = result.timeline();
    double machine = (double) result.nodes() * result.coresPerNode();
    XYSeries util = new XYSeries("utilization");
    XYSeries queue = new XYSeries("queued jobs");
    int step = Math.max(1, tl.size() / MAX_POINTS);
    for (int i = 0; i < tl.size(); i += step) {
      util.add(tl.time(i) / 3600.0, tl.busy(i) / machine);
      queue.add(tl.time(i) / 3600.0, tl.queued(i));
    }
    NumberAxis utilAxis = new NumberAxis("utilization");
    utilAxis.setRange(0, 1.05);
    plot.add(new XYPlot(new XYSeriesCollection(util), null, utilAxis, step(0x2f8f5b)), 1);
    plot.add(
        new XYPlot(new XYSeriesCollection(queue), null, new NumberAxis("queued"), step(0xc2562b)),
        1);
    String heading =
        String.format(
            Locale.ROOT,
            "%s: %d jobs, avg wait %.0f s, avg bsld %.2f, utilization %.3f%s",
            title,
            result.metrics().jobs(),
            result.metrics().avgWait(),
            result.metrics().avgBsld(),
            result.metrics().utilization(),
            cut ? " (schedule: first " + bars + " job-node bars)" : "");
    JFreeChart chart = new JFreeChart(heading, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static XYStepRenderer step(int rgb) {
    XYStepRenderer r = new XYStepRenderer();
    r.setSeriesPaint(0, new Color(rgb));
    r.setSeriesStroke(0, new BasicStroke(1.2f));
    r.setDefaultShapesVisible(false);
    return r;
  }
}
