package com.degenduel.realtime.market.source.binance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code dd_market_stream_malformed} and {@code dd_market_stream_disconnects} of the market's WebSocket stream. */
final class StreamMetrics {
  private final MeterRegistry registry;
  private final Counter malformed;
  private final Map<String, Counter> disconnects = new ConcurrentHashMap<>();

  StreamMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.malformed =
        Counter.builder("dd_market_stream_malformed")
            .description("Messages of the market's WebSocket stream that could not be read, skipped")
            .register(registry);
    for (String reason : new String[] {"refused", "closed", "silent"}) {
      disconnects.put(reason, counter(reason));
    }
  }

  private Counter counter(String reason) {
    return Counter.builder("dd_market_stream_disconnects")
        .description("Connections to the market's WebSocket stream lost or refused, by reason")
        .tag("reason", reason)
        .register(registry);
  }

  void malformed() {
    malformed.increment();
  }

  void disconnected(String reason) {
    disconnects.computeIfAbsent(reason, this::counter).increment();
  }
}
