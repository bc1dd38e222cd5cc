package com.degenduel.realtime.node.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.codec.bus.EventBusCodecs;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.wire.StreamBatch;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MarketPriceFeedTest {
  private static final Instant NOON = Instant.parse("2026-12-06T12:00:00.250Z");

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final List<String> moved = new CopyOnWriteArrayList<>();
  private MarketPriceFeed feed;

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void theLatestPriceOfEachSymbolIsKeptAndAnOlderOneArrivingLateIsDropped() {
    start("BTC", "ETH");

    publish("BTC", 2, 110, NOON);
    publish("BTC", 1, 90, NOON.minusSeconds(1));
    publish("ETH", 1, 3000, NOON);
    await().atMost(Duration.ofSeconds(10)).until(() -> moved.contains("ETH"));

    assertThat(moved).containsExactly("BTC", "ETH");
    assertThat(priceOf("BTC").price()).isEqualTo(110);
    assertThat(priceOf("BTC").timestamp()).isEqualTo(NOON);
    assertThat(priceOf("ETH").price()).isEqualTo(3000);

    publish("BTC", 3, 120, NOON.plusMillis(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> moved.size() == 3);
    assertThat(priceOf("BTC").price()).isEqualTo(120);
    assertThat(priceOf("DOGE")).isNull();
  }

  private void start(String... symbols) {
    EventBusCodecs.registerAll(vertx.eventBus());
    Promise<Void> started = Promise.promise();
    context.runOnContext(v -> {
      feed = new MarketPriceFeed(vertx, List.of(symbols), moved::add);
      feed.start().onComplete(started);
    });
    started.future().await();
  }

  private void publish(String symbol, long seq, double price, Instant at) {
    StreamId stream = StreamId.market(symbol);
    MarketPrice payload = new MarketPrice(symbol, price, 1.5, 1_000_000, price * 1.1, price * 0.9, at);
    vertx.eventBus().publish(stream.address(), StreamBatch.of(new StreamEvent(stream, seq, payload, "e1")));
  }

  /** Read on the feed's event loop, to which it is confined. */
  private MarketPrice priceOf(String symbol) {
    Promise<MarketPrice> read = Promise.promise();
    context.runOnContext(v -> read.complete(feed.price(symbol)));
    return read.future().await();
  }
}
