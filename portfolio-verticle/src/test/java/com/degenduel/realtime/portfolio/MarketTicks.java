package com.degenduel.realtime.portfolio;

import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.wire.WireTime;
import com.degenduel.realtime.codec.wire.StreamBatch;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicLong;

/** Publishes real MARKET_PRICE events on a market stream from a test member, as the market service does. */
final class MarketTicks {
  private final Vertx vertx;
  private final AtomicLong seq = new AtomicLong();

  MarketTicks(Vertx vertx) {
    this.vertx = vertx;
  }

  void publish(String symbol, double price, double change24h) {
    StreamEvent event =
        new StreamEvent(
            StreamId.market(symbol),
            seq.incrementAndGet(),
            new MarketPrice(symbol, price, change24h, 1000, price * 1.1, price * 0.9, WireTime.now()));
    vertx.eventBus().publish(event.address(), StreamBatch.of(event));
  }

  static MarketPrice price(String symbol, double price, double change24h) {
    return new MarketPrice(symbol, price, change24h, 1000, price * 1.1, price * 0.9, WireTime.now());
  }
}
