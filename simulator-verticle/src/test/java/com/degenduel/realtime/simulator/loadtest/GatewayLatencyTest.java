package com.degenduel.realtime.simulator.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The gateway's histogram read from two scrapes: the steady phase's share, capped types left out. */
class GatewayLatencyTest {
  @Test
  void percentilesOfTheIntervalBetweenTwoScrapesAreBucketBounds() {
    GatewayLatency before = GatewayLatency.parse(scrape(10, 10, 10, 500));
    GatewayLatency after = GatewayLatency.parse(scrape(60, 105, 110, 900));

    GatewayLatency steady = after.since(before);

    assertThat(steady.count()).isEqualTo(100);
    assertThat(steady.percentileMillis(50)).isEqualTo(5.0);
    assertThat(steady.percentileMillis(90)).isEqualTo(20.0);
    assertThat(steady.percentileMillis(99)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(GatewayLatency.NONE.percentileMillis(50)).isEqualTo(-1);
  }

  /** MARKET_PRICE with cumulative counts at 5 ms, 20 ms and +Inf; MARKET_VOLUME (held by the cap) with {@code capped}. */
  private static String scrape(long at5, long at20, long all, long capped) {
    return String.join(
        "\n",
        "# TYPE dd_gateway_end_to_end_latency_seconds histogram",
        "dd_gateway_end_to_end_latency_seconds_bucket{type=\"MARKET_PRICE\",le=\"0.005\"} " + at5,
        "dd_gateway_end_to_end_latency_seconds_bucket{type=\"MARKET_PRICE\",le=\"0.02\"} " + at20,
        "dd_gateway_end_to_end_latency_seconds_bucket{type=\"MARKET_PRICE\",le=\"+Inf\"} " + all,
        "dd_gateway_end_to_end_latency_seconds_bucket{type=\"MARKET_VOLUME\",le=\"0.005\"} " + capped,
        "dd_gateway_end_to_end_latency_seconds_bucket{type=\"MARKET_VOLUME\",le=\"+Inf\"} " + capped,
        "process_cpu_usage 0.5");
  }
}
