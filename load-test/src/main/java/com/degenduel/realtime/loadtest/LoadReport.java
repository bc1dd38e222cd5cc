package com.degenduel.realtime.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The end of a run: a text summary, a JSON file and an HTML page with the latency distribution. */
final class LoadReport {
  private LoadReport() {}

  static String text(LoadResult r) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%n%s: %d connections (market %d, portfolio %d, contest %d), %ds steady%n",
        r.plan().probe() ? "Probe" : "Load test", r.plan().connections(), r.marketConnections(), r.portfolioConnections(), r.contestConnections(), r.steady().toSeconds()));
    out.append(String.format(Locale.ROOT, "  opened %d in %.1f s (%.0f/s), failed %d %s%n",
        r.opened(), r.ramp().toMillis() / 1000.0, r.connectionsPerSecond(), r.failed(), r.failures()));
    out.append(String.format(Locale.ROOT, "  delivered %d messages, %.0f/s; seq gaps %d (events %d), duplicates %d%n",
        r.delivered(), r.deliveredPerSecond(), r.gaps(), r.eventGaps(), r.duplicates()));
    out.append(String.format(Locale.ROOT, "  latency (event timestamp to receipt), steady phase: %s%n", line(r.steadyLatency())));
    out.append(String.format(Locale.ROOT, "  latency of types not held back by the rate cap (all but %s): %s%n",
        String.join(", ", new java.util.TreeSet<>(LoadResult.HELD_BY_CAP)), line(r.deliveryLatency())));
    for (Map.Entry<String, Histogram> e : r.latencyByType().entrySet()) {
      out.append(String.format(Locale.ROOT, "    %-20s %s%n", e.getKey(), line(e.getValue())));
    }
    out.append(serverLine("gateway's own latency (event timestamp to frame flushed", r.gatewayLatency()));
    out.append(serverLine("market's publish delay (trade time to the message on the bus, values the rate cap did not hold", r.marketDelay()));
    r.marketDelayBySeries().forEach((series, latency) -> {
      if (latency.count() > 0) {
        out.append(String.format(Locale.ROOT, "    %-26s %s%n", series, bounds(latency)));
      }
    });
    out.append("  messages by type: ").append(r.messagesByType()).append('\n');
    if (r.gaps() + r.duplicates() > 0) {
      out.append("  gaps by type: ").append(r.gapsByType()).append(", duplicates by type: ").append(r.duplicatesByType()).append('\n');
    }
    if (!r.errorsByCode().isEmpty()) {
      out.append("  errors received: ").append(r.errorsByCode()).append('\n');
    }
    GatewayResources.Sample g = r.gatewayPeak();
    out.append(String.format(Locale.ROOT, "  gateway peak: cpu %s, heap %s, direct %s, rss %s%n",
        g.cpu() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f%%", g.cpu() * 100), mib(g.heapBytes()), mib(g.directBytes()), mib(g.rssBytes())));
    out.append("  result: ").append(r.clean() ? "CLEAN" : "NOT CLEAN").append('\n');
    return out.toString();
  }

  static void write(LoadResult r, Path dir) throws IOException {
    Files.createDirectories(dir);
    JsonObject json = r.toJson();
    Files.writeString(dir.resolve("loadtest.json"), json.encodePrettily());
    Files.writeString(dir.resolve("loadtest.html"), html(r, json));
    Files.writeString(dir.resolve("loadtest.txt"), text(r));
  }

  private static String serverLine(String what, ServerLatency server) {
    if (server.count() == 0) {
      return "";
    }
    return String.format(Locale.ROOT, "  %s, its histogram; bucket bounds), same types: %s%n", what, bounds(server));
  }

  private static String bounds(ServerLatency server) {
    return String.format(Locale.ROOT, "n=%d p50 <= %.1f ms, p90 <= %.1f, p99 <= %.1f, p99.9 <= %.1f, max <= %.1f",
        server.count(), server.percentileMillis(50), server.percentileMillis(90), server.percentileMillis(99),
        server.percentileMillis(99.9), server.maxMillis());
  }

  private static String line(Histogram h) {
    return String.format(Locale.ROOT, "n=%d p50 %.1f ms, p90 %.1f, p99 %.1f, p99.9 %.1f, max %.1f",
        h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
  }

  private static String mib(double bytes) {
    return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", bytes / (1 << 20));
  }

  /** A self-contained page (no scripts, no network): the latency percentile curves drawn as SVG. */
  private static String html(LoadResult r, JsonObject json) {
    int width = 900;
    int height = 420;
    int left = 60;
    int bottom = 40;
    JsonObject byType = json.getJsonObject("latency_ms").getJsonObject("by_type").copy();
    byType.put("ALL (steady)", json.getJsonObject("latency_ms").getJsonObject("steady"));
    double maxMs = 1;
    for (String type : byType.fieldNames()) {
      maxMs = Math.max(maxMs, byType.getJsonObject(type).getDouble("p99.9", 1.0));
    }
    String[] colors = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#000000"};
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='11'>", width, height));
    svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>", left, height - bottom, width - 10, height - bottom));
    svg.append(String.format(Locale.ROOT, "<line x1='%d' y1='10' x2='%d' y2='%d' stroke='black'/>", left, left, height - bottom));
    String[] ticks = {"0%", "90%", "99%", "99.9%", "99.99%"};
    for (int i = 0; i < ticks.length; i++) {
      double x = left + i * (width - left - 20) / 4.0;
      svg.append(String.format(Locale.ROOT, "<text x='%.0f' y='%d' text-anchor='middle'>%s</text>", x, height - bottom + 16, ticks[i]));
    }
    for (int i = 0; i <= 4; i++) {
      double y = height - bottom - i * (height - bottom - 20) / 4.0;
      svg.append(String.format(Locale.ROOT, "<text x='%d' y='%.0f' text-anchor='end'>%.1f ms</text>", left - 4, y + 4, maxMs * i / 4));
    }
    int c = 0;
    for (String type : byType.fieldNames()) {
      JsonArray curve = byType.getJsonObject(type).getJsonArray("distribution");
      StringBuilder points = new StringBuilder();
      for (Object o : curve) {
        JsonArray point = (JsonArray) o;
        double p = point.getDouble(0);
        if (p >= 99.99) {
          p = 99.99;
        }
        double xs = Math.log10(1 / (1 - p / 100.0)) / 4.0;
        double x = left + xs * (width - left - 20);
        double y = height - bottom - Math.min(1, point.getDouble(1) / maxMs) * (height - bottom - 20);
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      String color = colors[c % colors.length];
      svg.append(String.format(Locale.ROOT, "<polyline fill='none' stroke='%s' stroke-width='2' points='%s'/>", color, points));
      svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' fill='%s'>%s</text>", width - 200, 20 + 14 * c, color, escape(type)));
      c++;
    }
    svg.append("</svg>");
    return "<!doctype html><html><head><meta charset='utf-8'><title>DegenDuel load test</title></head><body>"
        + "<h1>DegenDuel load test</h1><pre>" + escape(text(r)) + "</pre>"
        + "<h2>Latency by percentile (event timestamp to receipt)</h2>" + svg
        + "<h2>Raw result</h2><pre>" + escape(json.encodePrettily()) + "</pre></body></html>";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
