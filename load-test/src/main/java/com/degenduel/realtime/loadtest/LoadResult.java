package com.degenduel.realtime.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/** What one run measured. Latency histograms are in microseconds. */
public record LoadResult(
    LoadPlan plan,
    int marketConnections,
    int portfolioConnections,
    int contestConnections,
    long opened,
    Map<String, Long> failures,
    Duration ramp,
    Duration steady,
    long delivered,
    long gaps,
    long eventGaps,
    long duplicates,
    Map<String, Long> gapsByType,
    Map<String, Long> duplicatesByType,
    Map<String, Long> messagesByType,
    Map<String, Long> errorsByCode,
    Map<String, Long> closesByCode,
    Histogram steadyLatency,
    Map<String, Histogram> latencyByType,
    GatewayResources.Sample gatewayPeak,
    ServerLatency gatewayLatency,
    ServerLatency marketDelay,
    Map<String, ServerLatency> marketDelayBySeries) {

  static final double[] PERCENTILES = {50, 90, 99, 99.9};

  /**
   * Types that a rate cap delivers as the latest value with that value's own time, so their
   * latency is the age of a conflated value, not the delivery delay the target is about. A trade
   * changes all six MARKET_VOLUME intervals of its symbol and the six share that symbol's ten
   * MARKET_VOLUME a second, so at nine trades a second each waits its turn; PRICE_UPDATED goes out
   * at most once a second per wallet and symbol carrying the time of the price it reports, up to a
   * tick interval old.
   */
  static final Set<String> HELD_BY_CAP = Set.of("MARKET_VOLUME", "PRICE_UPDATED");

  /** Latency of every type the cap does not hold back: the system's own delivery delay. */
  public Histogram deliveryLatency() {
    Histogram out = new Histogram(steadyLatency.getHighestTrackableValue(), steadyLatency.getNumberOfSignificantValueDigits());
    latencyByType.forEach((type, h) -> {
      if (!HELD_BY_CAP.contains(type)) {
        out.add(h);
      }
    });
    return out;
  }

  public long failed() {
    return failures.values().stream().mapToLong(Long::longValue).sum();
  }

  public double deliveredPerSecond() {
    return steady.isZero() ? 0 : delivered * 1e9 / steady.toNanos();
  }

  public double connectionsPerSecond() {
    return ramp.isZero() ? opened : opened * 1e9 / ramp.toNanos();
  }

  /** Handshake failures, lost events or duplicates: what the verify-time load test refuses. */
  public boolean clean() {
    return failed() == 0 && eventGaps == 0 && duplicates == 0 && opened == plan.connections();
  }

  JsonObject toJson() {
    JsonObject latency =
        new JsonObject().put("steady", histogram(steadyLatency)).put("not_held_by_cap", histogram(deliveryLatency()));
    JsonObject byType = new JsonObject();
    latencyByType.forEach((type, h) -> byType.put(type, histogram(h)));
    latency.put("by_type", byType);
    return new JsonObject()
        .put(
            "plan",
            new JsonObject()
                .put("connections", plan.connections())
                .put("market", marketConnections)
                .put("portfolio", portfolioConnections)
                .put("contest", contestConnections)
                .put("duration_seconds", plan.duration().toSeconds())
                .put("ramp_per_second", plan.rampPerSecond())
                .put("loopback_addresses", plan.loopbackAddresses())
                .put("event_loops", plan.eventLoops())
                .put("symbols_per_market_connection", plan.symbolsPerMarketConnection())
                .put("probe", plan.probe()))
        .put("opened", opened)
        .put("failures", new JsonObject(Map.copyOf(failures)))
        .put("connections_per_second", connectionsPerSecond())
        .put("steady_seconds", steady.toMillis() / 1000.0)
        .put("delivered", delivered)
        .put("delivered_per_second", deliveredPerSecond())
        .put("gaps", gaps)
        .put("event_gaps", eventGaps)
        .put("duplicates", duplicates)
        .put("gaps_by_type", new JsonObject(Map.copyOf(gapsByType)))
        .put("duplicates_by_type", new JsonObject(Map.copyOf(duplicatesByType)))
        .put("messages_by_type", new JsonObject(Map.copyOf(messagesByType)))
        .put("errors_by_code", new JsonObject(Map.copyOf(errorsByCode)))
        .put("closes_by_code", new JsonObject(Map.copyOf(closesByCode)))
        .put("latency_ms", latency)
        .put(
            "gateway_peak",
            new JsonObject()
                .put("cpu", gatewayPeak.cpu())
                .put("heap_bytes", gatewayPeak.heapBytes())
                .put("direct_bytes", gatewayPeak.directBytes())
                .put("rss_bytes", gatewayPeak.rssBytes()))
        .put("gateway_latency_ms", bucketBounds(gatewayLatency))
        .put("market_publish_delay_ms", bucketBounds(marketDelay))
        .put("market_publish_delay_ms_by_series", bySeries(marketDelayBySeries))
        .put("clean", clean());
  }

  /** A server's own histogram over the steady phase: bucket upper bounds, so "at most". */
  private static JsonObject bucketBounds(ServerLatency latency) {
    JsonObject o = new JsonObject().put("count", latency.count());
    for (double p : PERCENTILES) {
      o.put("p" + (p == Math.rint(p) ? String.valueOf((int) p) : String.valueOf(p)), latency.percentileMillis(p));
    }
    return o.put("max", latency.maxMillis());
  }

  private static JsonObject bySeries(Map<String, ServerLatency> series) {
    JsonObject o = new JsonObject();
    series.forEach((name, latency) -> o.put(name, bucketBounds(latency)));
    return o;
  }

  static JsonObject histogram(Histogram h) {
    JsonObject o = new JsonObject().put("count", h.getTotalCount());
    for (double p : PERCENTILES) {
      o.put("p" + (p == Math.rint(p) ? String.valueOf((int) p) : String.valueOf(p)), h.getValueAtPercentile(p) / 1000.0);
    }
    o.put("max", h.getMaxValue() / 1000.0);
    JsonArray curve = new JsonArray();
    h.percentiles(5).forEach(v -> curve.add(new JsonArray().add(v.getPercentileLevelIteratedTo()).add(v.getValueIteratedTo() / 1000.0)));
    return o.put("distribution", curve);
  }
}
