package com.degenduel.realtime.loadtest;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A server's own latency histogram, as its Prometheus endpoint exposes it: cumulative counts per
 * bucket bound, summed over the types the rate cap does not hold back. Two scrapes give the
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

  /** Reads the buckets of {@code histogram} from a scrape of /metrics; empty if the server exposes none. */
  static ServerLatency parse(String metrics, String histogram) {
    String bucket = histogram + "_bucket{";
    TreeMap<Double, Long> buckets = new TreeMap<>();
    for (String line : metrics.split("\n")) {
      if (!line.startsWith(bucket) || LoadResult.HELD_BY_CAP.contains(label(line, "type"))) {
        continue;
      }
      String le = label(line, "le");
      double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
      long count = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      buckets.merge(bound, count, Long::sum);
    }
    return new ServerLatency(buckets);
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

  private static String label(String line, String name) {
    int start = line.indexOf(name + "=\"");
    if (start < 0) {
      return null;
    }
    start += name.length() + 2;
    return line.substring(start, line.indexOf('"', start));
  }
}
