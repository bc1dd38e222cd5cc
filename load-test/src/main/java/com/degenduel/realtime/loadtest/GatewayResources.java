package com.degenduel.realtime.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The gateway's CPU and memory during the run: CPU, heap and direct buffers from its Prometheus
 * endpoint (none when no URL is given), resident memory from /proc when its pid is given. Missing
 * sources read as -1. Each sample also carries the gateway's latency histogram as scraped.
 */
final class GatewayResources {
  record Sample(double cpu, double heapBytes, double directBytes, long rssBytes, ServerLatency latency) {}

  private final HttpClient http;
  private final URI metrics;
  private final long pid;
  private Sample peak = new Sample(-1, -1, -1, -1, ServerLatency.NONE);
  private Sample last = peak;

  GatewayResources(Vertx vertx, String metricsUrl, long pid) {
    this.http = vertx.createHttpClient();
    this.metrics = metricsUrl == null ? null : URI.create(metricsUrl);
    this.pid = pid;
  }

  Future<Sample> sample() {
    Future<Sample> scraped =
        metrics == null
            ? Future.succeededFuture(withoutMetrics())
            : http.request(HttpMethod.GET, metrics.getPort(), metrics.getHost(), metrics.getPath())
                .compose(req -> req.send())
                .compose(resp -> resp.body())
                .map(body -> parse(body.toString()))
                .recover(e -> Future.succeededFuture(withoutMetrics()));
    return scraped.onSuccess(
        s -> {
          last = s;
          peak =
              new Sample(
                  Math.max(peak.cpu(), s.cpu()),
                  Math.max(peak.heapBytes(), s.heapBytes()),
                  Math.max(peak.directBytes(), s.directBytes()),
                  Math.max(peak.rssBytes(), s.rssBytes()),
                  s.latency());
        });
  }

  private Sample withoutMetrics() {
    return new Sample(-1, -1, -1, rss(), ServerLatency.NONE);
  }

  Sample peak() {
    return peak;
  }

  Sample last() {
    return last;
  }

  private Sample parse(String text) {
    double cpu = -1;
    double heap = 0;
    double direct = -1;
    boolean sawHeap = false;
    for (String line : text.split("\n")) {
      if (line.startsWith("process_cpu_usage")) {
        cpu = value(line);
      } else if (line.startsWith("jvm_memory_used_bytes") && line.contains("area=\"heap\"")) {
        heap += value(line);
        sawHeap = true;
      } else if (line.startsWith("jvm_buffer_memory_used_bytes") && line.contains("id=\"direct\"")) {
        direct = value(line);
      }
    }
    return new Sample(cpu, sawHeap ? heap : -1, direct, rss(), ServerLatency.parse(text, ServerLatency.GATEWAY));
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  private long rss() {
    if (pid <= 0) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  void close() {
    http.close();
  }
}
