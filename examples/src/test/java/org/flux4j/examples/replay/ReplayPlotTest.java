package org.flux4j.examples.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.flux4j.core.sim.JobOutcome;
import org.flux4j.core.sim.ReplayMetrics;
import org.flux4j.core.sim.ReplayResult;
import org.flux4j.core.sim.ReplayTimeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayPlotTest {
  static ReplayResult sample() {
    List<JobOutcome> jobs = new ArrayList<>();
    Map<Long, int[]> placement = new HashMap<>();
    ReplayTimeline tl = new ReplayTimeline();
    for (int i = 0; i < 40; i++) {
      long start = i * 1800L;
      jobs.add(new JobOutcome(i + 1, start - 60, start, start + 5400, 16, 2, "COMPLETED"));
      placement.put(i + 1L, new int[] {i % 8, (i + 1) % 8});
      tl.record(start, 16L * (1 + i % 3), i % 5);
    }
    return new ReplayResult(jobs, placement, ReplayMetrics.of(jobs, 64), tl, 8, 8, 0, 0, 0.1);
  }

  @Test
  void write_pngAndSvg(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("r.png");
    ReplayPlot.write(sample(), "sample", png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(1400);
    assertThat(img.getHeight()).isEqualTo(1000);
    Path svg = dir.resolve("r.svg");
    ReplayPlot.write(sample(), "sample", svg);
    String text = Files.readString(svg);
    assertThat(text).startsWith("<?xml").contains("<svg").contains("avg bsld");
  }

  @Test
  void write_otherExtension_isRefused(@TempDir Path dir) {
    assertThatThrownBy(() -> ReplayPlot.write(sample(), "x", dir.resolve("r.pdf")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(".png or .svg");
  }
}
