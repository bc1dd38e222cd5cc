package com.degenduel.realtime.node.market;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.codec.wire.StreamBatch;
import com.degenduel.realtime.codec.wire.StreamFrame;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The latest MARKET_PRICE of each tracked symbol, as services that value holdings need it: live
 * from the market streams, and on start from the market service's snapshot so a valuation does not
 * wait for the next tick. The market service may not be up yet, so missing snapshots are asked
 * again periodically instead of blocking the start. Confined to the owning verticle's event loop.
 *
 * <p>A price is kept as it arrives, encoded, and decoded when a valuation first asks for it: every
 * symbol ticks several times a second, and a service whose streams nobody watches values nothing.
 */
public final class MarketPriceFeed {
  private static final long RETRY_MS = 2000;
  private static final long SNAPSHOT_TIMEOUT_MS = 1500;

  private final Vertx vertx;
  private final List<String> symbols;
  private final Consumer<String> onPrice;
  private final Map<String, MarketPrice> latest = new HashMap<>();
  /** Prices newer than {@link #latest}'s, not decoded yet. */
  private final Map<String, StreamFrame> arrived = new HashMap<>();
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private long retryTimer = -1;

  /** {@code onPrice} hears the symbol whose price has moved. */
  public MarketPriceFeed(Vertx vertx, List<String> symbols, Consumer<String> onPrice) {
    this.vertx = vertx;
    this.symbols = List.copyOf(symbols);
    this.onPrice = onPrice;
  }

  /** Completes once every symbol's stream is subscribed; prices may still be unknown then. */
  public Future<Void> start() {
    List<Future<Void>> registered = new ArrayList<>();
    for (String symbol : symbols) {
      MessageConsumer<Object> consumer = vertx.eventBus().consumer(StreamId.market(symbol).address(), m -> {
        for (StreamFrame frame : StreamBatch.carried(m.body()).frames()) {
          if (frame.type() == MessageType.MARKET_PRICE) {
            arrived(symbol, frame);
          }
        }
      });
      consumers.add(consumer);
      registered.add(consumer.completion());
    }
    return Future.all(registered)
        .map(
            all -> {
              askMissingSnapshots();
              retryTimer = vertx.setPeriodic(RETRY_MS, id -> askMissingSnapshots());
              return null;
            });
  }

  public Future<Void> stop() {
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
    }
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  /** The latest known price, or null while the market has not reported the symbol. */
  public MarketPrice price(String symbol) {
    StreamFrame frame = arrived.remove(symbol);
    if (frame != null && frame.decode().payload() instanceof MarketPrice price) {
      latest.put(symbol, price);
    }
    return latest.get(symbol);
  }

  public List<String> symbols() {
    return symbols;
  }

  private void askMissingSnapshots() {
    for (String symbol : symbols) {
      if (latest.containsKey(symbol) || arrived.containsKey(symbol)) {
        continue;
      }
      vertx.eventBus()
          .<StreamSnapshot>request(
              Addresses.snapshot(StreamKind.MARKET),
              new SnapshotRequest(StreamId.market(symbol)),
              new DeliveryOptions().setSendTimeout(SNAPSHOT_TIMEOUT_MS))
          .onSuccess(reply -> reply.body().events().forEach(this::accept));
    }
  }

  private void arrived(String symbol, StreamFrame frame) {
    if (frame.eventTimeMillis() < knownTimeMillis(symbol)) {
      return;
    }
    arrived.put(symbol, frame);
    onPrice.accept(symbol);
  }

  private void accept(StreamEvent event) {
    if (!(event.payload() instanceof MarketPrice price) || !symbols.contains(price.symbol())
        || price.timestamp().toEpochMilli() < knownTimeMillis(price.symbol())) {
      return;
    }
    arrived.remove(price.symbol());
    latest.put(price.symbol(), price);
    onPrice.accept(price.symbol());
  }

  /** The event time of the latest price known of the symbol, decoded or not. */
  private long knownTimeMillis(String symbol) {
    StreamFrame frame = arrived.get(symbol);
    if (frame != null) {
      return frame.eventTimeMillis();
    }
    MarketPrice known = latest.get(symbol);
    return known == null ? Long.MIN_VALUE : known.timestamp().toEpochMilli();
  }
}
