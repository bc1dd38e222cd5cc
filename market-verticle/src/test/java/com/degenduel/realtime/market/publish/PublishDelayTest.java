package com.degenduel.realtime.market.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.market.MarketPrice;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The delay recorded is the message's age when published, by type, in the buckets Prometheus scrapes. */
class PublishDelayTest {
  @Test
  void recordsTheAgeOfEachPublishedMessageByType() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PublishDelay delay = new PublishDelay(registry);
    long now = 1_800_000_000_000L;

    delay.published(price(now - 250), now);
    delay.published(price(now - 5), now);

    String scraped = registry.scrape();
    assertThat(scraped)
        .contains("dd_market_publish_delay_seconds_count{type=\"MARKET_PRICE\"} 2")
        .contains("dd_market_publish_delay_seconds_bucket{type=\"MARKET_PRICE\",le=\"0.1\"} 1")
        .contains("dd_market_publish_delay_seconds_max{type=\"MARKET_PRICE\"} 0.25")
        .contains("dd_market_publish_delay_seconds_count{type=\"MARKET_VOLUME\"} 0");
  }

  private static MarketPrice price(long tradeMillis) {
    return new MarketPrice("BTC", 1, 0, 0, 1, 1, Instant.ofEpochMilli(tradeMillis));
  }
}
