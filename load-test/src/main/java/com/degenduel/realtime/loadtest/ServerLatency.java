package com.degenduel.realtime.loadtest;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A server's own latency histogram, as its Prometheus endpoint exposes it: cumulative counts per
 * bucket bound, summed over the types the rate cap does not hold back and without the values it
 * held (or of one series, {@link #bySeries}). Two scrapes give the
 * steady phase's distribution, with percentiles known to the bucket (an upper bound). Set apart
 * from what the load generator measures, the gateway's ({@link #GATEWAY}: event time to the frame
 * written on its sockets) shows how much of the delay is the server's and how much the client's own
 * share of the machine; the market service's ({@link #MARKET}: trade time to the message on the
 * bus) how much was spent before any gateway saw the message.
 */
record ServerLatency(NavigableMap<Double, Long> cumulative) {
  static final ServerLatency NONE = new ServerLatency(new TreeMap<>());
  static final String GATEWAY = "dd_gateway_end_to_end_latency_seconds";
  static final String MARKET = "dd_market_publish_delay_seconds";
  /** The suffix of a series of values the rate cap held. */
  static final String HELD = " held";

  /**
   * Reads the buckets of {@code histogram} from a scrape of /metrics, summed over the types the
   * rate cap does not hold back, without the values it held ({@code held="true"}, the market's);
   * empty if the server exposes none.
   */
  static ServerLatency parse(String metrics, String histogram) {
    return delivery(bySeries(metrics, histogram));
  }

  /**
   * Reads the buckets of {@code histogram} per series: its {@code type} label, followed by "
   * held" for the series of values the rate cap held ({@code held="true"}).
   */
  static NavigableMap<String, ServerLatency> bySeries(String metrics, String histogram) {
    String bucket = histogram + "_bucket{";
    TreeMap<String, ServerLatency> series = new TreeMap<>();
    for (String line : metrics.split("\n")) {
      if (!line.startsWith(bucket)) {
        continue;
      }
      String name = label(line, "type") + ("true".equals(label(line, "held")) ? HELD : "");
      String le = label(line, "le");
      double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
      long count = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      series.computeIfAbsent(name, n -> new ServerLatency(new TreeMap<>())).cumulative.merge(bound, count, Long::sum);
    }
    return series;
  }

  /** The sum of the series that measure delivery: neither of a type the cap holds back nor held by it. */
  static ServerLatency delivery(Map<String, ServerLatency> bySeries) {
    TreeMap<Double, Long> buckets = new TreeMap<>();
    bySeries.forEach((name, latency) -> {
      if (!name.endsWith(HELD) && !LoadResult.HELD_BY_CAP.contains(name)) {
        latency.cumulative.forEach((bound, count) -> buckets.merge(bound, count, Long::sum));
      }
    });
    return new ServerLatency(buckets);
  }

  /** Each series' share recorded between {@code earlier} and {@code later}. */
  static NavigableMap<String, ServerLatency> since(Map<String, ServerLatency> later, Map<String, ServerLatency> earlier) {
    TreeMap<String, ServerLatency> delta = new TreeMap<>();
    later.forEach((name, latency) -> delta.put(name, latency.since(earlier.getOrDefault(name, NONE))));
    return delta;
  }

  /** What was recorded between {@code earlier} and this scrape. */
  ServerLatency since(ServerLatency earlier) {
    TreeMap<Double, Long> delta = new TreeMap<>();
    cumulative.forEach((bound, count) -> delta.put(bound, count - earlier.cumulative.getOrDefault(bound, 0L)));
    return new ServerLatency(delta);
  }

  long count() {
    return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
  }

  /** The bucket bound, in milliseconds, at or below which {@code percentile} % of the samples fall; -1 if none. */
  double percentileMillis(double percentile) {
    long total = count();
    if (total == 0) {
      return -1;
    }
    long rank = (long) Math.ceil(total * percentile / 100.0);
    for (Map.Entry<Double, Long> bucket : cumulative.entrySet()) {
      if (bucket.getValue() >= rank) {
        return bucket.getKey() * 1000;
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  /** The bucket bound, in milliseconds, at or below which every sample falls; -1 if none. */
  double maxMillis() {
    return percentileMillis(100);
  }

  private static String label(String line, String name) {
    int start = line.indexOf(name + "=\"");
    if (start < 0) {
      return null;
    }
    start += name.length() + 2;
    return line.substring(start, line.indexOf('"', start));
  }
}
