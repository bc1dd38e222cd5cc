package com.degenduel.realtime.market.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.market.MarketPrice;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The delays recorded are the message's age when published and its time in the service, by type and
 * by whether the cap held it, in the buckets Prometheus scrapes, with a bound at every millisecond
 * up to 10 ms.
 */
class PublishDelayTest {
  private static final String PRICE_LEFT = "type=\"MARKET_PRICE\"";

  @Test
  void recordsTheAgeOfEachPublishedMessageAndItsTimeInTheServiceByTypeAndHold() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PublishDelay delay = new PublishDelay(registry);
    Instant now = Instant.ofEpochMilli(1_800_000_000_000L);

    delay.published(price(now.toEpochMilli() - 250), true, now, 200_000_000);
    delay.published(price(now.toEpochMilli() - 4), false, now.plusNanos(700_000), 400_000);
    delay.published(price(now.toEpochMilli() - 5), false, now.plusNanos(300_000), 1_500_000);

    String scraped = registry.scrape();
    assertThat(scraped)
        .contains("dd_market_publish_delay_seconds_count{held=\"false\"," + PRICE_LEFT + "} 2")
        .contains("dd_market_publish_delay_seconds_bucket{held=\"false\"," + PRICE_LEFT + ",le=\"0.004\"} 0")
        .contains("dd_market_publish_delay_seconds_bucket{held=\"false\"," + PRICE_LEFT + ",le=\"0.005\"} 1")
        .contains("dd_market_publish_delay_seconds_bucket{held=\"false\"," + PRICE_LEFT + ",le=\"0.006\"} 2")
        .contains("dd_market_publish_delay_seconds_count{held=\"true\"," + PRICE_LEFT + "} 1")
        .contains("dd_market_publish_delay_seconds_bucket{held=\"true\"," + PRICE_LEFT + ",le=\"0.1\"} 0")
        .contains("dd_market_publish_delay_seconds_max{held=\"true\"," + PRICE_LEFT + "} 0.25")
        .contains("dd_market_publish_delay_seconds_count{held=\"false\",type=\"MARKET_VOLUME\"} 0")
        .contains("dd_market_service_delay_seconds_bucket{held=\"false\"," + PRICE_LEFT + ",le=\"0.001\"} 1")
        .contains("dd_market_service_delay_seconds_bucket{held=\"false\"," + PRICE_LEFT + ",le=\"0.002\"} 2")
        .contains("dd_market_service_delay_seconds_max{held=\"true\"," + PRICE_LEFT + "} 0.2");
  }

  private static MarketPrice price(long tradeMillis) {
    return new MarketPrice("BTC", 1, 0, 0, 1, 1, Instant.ofEpochMilli(tradeMillis));
  }
}
