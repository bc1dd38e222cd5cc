package com.degenduel.realtime.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A server's histogram read from two scrapes: the steady phase's share, capped types left out. */
class ServerLatencyTest {
  @Test
  void percentilesOfTheIntervalBetweenTwoScrapesAreBucketBounds() {
    ServerLatency before = ServerLatency.parse(scrape(10, 10, 10, 500), ServerLatency.GATEWAY);
    ServerLatency after = ServerLatency.parse(scrape(60, 105, 110, 900), ServerLatency.GATEWAY);

    ServerLatency steady = after.since(before);

    assertThat(steady.count()).isEqualTo(100);
    assertThat(steady.percentileMillis(50)).isEqualTo(5.0);
    assertThat(steady.percentileMillis(90)).isEqualTo(20.0);
    assertThat(steady.percentileMillis(99)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(ServerLatency.NONE.percentileMillis(50)).isEqualTo(-1);
  }

  @Test
  void eachHistogramIsReadOnItsOwn() {
    String both =
        scrape(10, 10, 10, 500)
            + "\ndd_market_publish_delay_seconds_bucket{type=\"MARKET_PRICE\",le=\"0.005\"} 7"
            + "\ndd_market_publish_delay_seconds_bucket{type=\"MARKET_PRICE\",le=\"+Inf\"} 8";

    assertThat(ServerLatency.parse(both, ServerLatency.GATEWAY).count()).isEqualTo(10);
    assertThat(ServerLatency.parse(both, ServerLatency.MARKET).count()).isEqualTo(8);
    assertThat(ServerLatency.parse(both, ServerLatency.MARKET).percentileMillis(50)).isEqualTo(5.0);
  }

  @Test
  void theMarketsValuesHeldByTheCapAreASeriesOfTheirOwnLeftOutOfTheDelivery() {
    String market =
        String.join(
            "\n",
            "dd_market_publish_delay_seconds_bucket{held=\"false\",type=\"MARKET_PRICE\",le=\"0.005\"} 99",
            "dd_market_publish_delay_seconds_bucket{held=\"false\",type=\"MARKET_PRICE\",le=\"+Inf\"} 100",
            "dd_market_publish_delay_seconds_bucket{held=\"true\",type=\"MARKET_PRICE\",le=\"0.005\"} 0",
            "dd_market_publish_delay_seconds_bucket{held=\"true\",type=\"MARKET_PRICE\",le=\"+Inf\"} 3");

    assertThat(ServerLatency.parse(market, ServerLatency.MARKET).count()).isEqualTo(100);
    assertThat(ServerLatency.parse(market, ServerLatency.MARKET).maxMillis()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(ServerLatency.bySeries(market, ServerLatency.MARKET)).containsOnlyKeys("MARKET_PRICE", "MARKET_PRICE held");
    assertThat(ServerLatency.bySeries(market, ServerLatency.MARKET).get("MARKET_PRICE held").count()).isEqualTo(3);
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
