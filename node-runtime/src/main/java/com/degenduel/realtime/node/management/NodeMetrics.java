package com.degenduel.realtime.node.management;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Prometheus meter registry of one node: Vert.x's own metrics (event bus, HTTP servers), the
 * JVM's (memory, GC, threads, CPU) and every {@code dd_} meter of the roles deployed on it.
 */
public final class NodeMetrics {
  private static final String KEY = "metrics";
  /** Vert.x keeps backend registries in a JVM-wide map by name; a name per node keeps nodes apart. */
  private static final AtomicLong REGISTRY_NAMES = new AtomicLong();

  /** The seed's end-to-end limit: a latency histogram's bucket boundary sits exactly on it. */
  private static final Duration LATENCY_LIMIT = Duration.ofMillis(100);

  private final PrometheusMeterRegistry registry;

  private NodeMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Enables Vert.x metrics in {@code options} and has the instance {@code builder} builds report
   * into a registry of its own; pass the same {@code options} to the builder.
   */
  public static NodeMetrics install(VertxBuilder builder, VertxOptions options) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    options.setMetricsOptions(
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .setJvmMetricsEnabled(true)
            .setRegistryName("degenduel-node-" + REGISTRY_NAMES.incrementAndGet())
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    builder.withMetrics(new MicrometerMetricsFactory(registry));
    return new NodeMetrics(registry);
  }

  /** Makes this the registry {@link #of(Vertx)} answers for {@code vertx}. */
  public void attachTo(Vertx vertx) {
    NodeLocal.put(vertx, KEY, this);
  }

  /**
   * The metrics of the node {@code vertx} belongs to. A Vert.x not built by the node bootstrap (a
   * unit test's) gets a registry of its own without Vert.x's internal metrics.
   */
  public static NodeMetrics of(Vertx vertx) {
    return NodeLocal.get(vertx, KEY, NodeMetrics.class, () -> new NodeMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
  }

  /**
   * A latency histogram with the buckets every process shares (1 ms to 10 s, one on the seed's
   * 100 ms limit), so that one process's share of the end-to-end latency reads against another's.
   */
  public static Timer.Builder latencyHistogram(String name) {
    return latencyHistogram(name, new Duration[0]);
  }

  /**
   * {@link #latencyHistogram(String)} with bucket bounds of its own besides the shared ones, for a
   * goal that falls between two of them (the shared bounds near 5 ms are 4.19 and 5.59 ms).
   */
  public static Timer.Builder latencyHistogram(String name, Duration... extraBounds) {
    Duration[] bounds = Arrays.copyOf(extraBounds, extraBounds.length + 1);
    bounds[extraBounds.length] = LATENCY_LIMIT;
    return Timer.builder(name)
        .publishPercentileHistogram()
        .serviceLevelObjectives(bounds)
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10));
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every meter; takes a few milliseconds, so not on an event loop. */
  public String scrape() {
    return registry.scrape();
  }
}
