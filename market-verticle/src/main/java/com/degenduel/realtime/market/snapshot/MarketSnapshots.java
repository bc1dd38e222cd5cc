package com.degenduel.realtime.market.snapshot;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers {@code dd.snapshot.market}: the latest published MARKET_PRICE of the requested symbol,
 * with the {@code seq} it went out with, so a gateway can join the live stream without a gap. It
 * keeps answering while the circuit breaker is open: last known prices are better than none. A
 * symbol we do not track fails the request with 404 and {@code UNKNOWN_SYMBOL}.
 */
public final class MarketSnapshots {
  public static final int UNKNOWN_SYMBOL_STATUS = 404;

  private final Set<String> symbols;
  private final Map<String, StreamEvent> latestPrice = new HashMap<>();

  public MarketSnapshots(List<String> symbols) {
    this.symbols = Set.copyOf(symbols);
  }

  /** Called with every published event; keeps the prices. */
  public void remember(StreamEvent event) {
    if (event.payload().type() == MessageType.MARKET_PRICE) {
      latestPrice.put(event.stream().key(), event);
    }
  }

  public MessageConsumer<SnapshotRequest> register(EventBus bus) {
    return bus.consumer(Addresses.snapshot(StreamKind.MARKET), this::answer);
  }

  private void answer(Message<SnapshotRequest> request) {
    SnapshotRequest body = request.body();
    if (body == null || body.stream().kind() != StreamKind.MARKET || !symbols.contains(body.stream().key())) {
      request.fail(UNKNOWN_SYMBOL_STATUS, "UNKNOWN_SYMBOL");
      return;
    }
    StreamEvent price = latestPrice.get(body.stream().key());
    request.reply(new StreamSnapshot(price == null ? List.of() : List.of(price)));
  }
}
