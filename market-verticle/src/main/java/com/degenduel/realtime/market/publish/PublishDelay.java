package com.degenduel.realtime.market.publish;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.node.management.NodeMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code dd_market_publish_delay}: from a trade's time at the source to the market message it
 * produced leaving on the event bus. It is the share of the end-to-end latency spent before any
 * gateway sees the message: waiting for the next poll, the source's answer, and the rate cap
 * (where MARKET_VOLUME, by design, waits most). Set beside the gateway's {@code
 * dd_gateway_end_to_end_latency}, it tells a slow source from a slow gateway.
 */
public final class PublishDelay {
  private final Map<MessageType, Timer> byType = new EnumMap<>(MessageType.class);

  public PublishDelay(MeterRegistry registry) {
    for (MessageType type : new MessageType[] {MessageType.MARKET_PRICE, MessageType.MARKET_VOLUME, MessageType.MARKET_SENTIMENT}) {
      byType.put(
          type,
          NodeMetrics.latencyHistogram("dd_market_publish_delay")
              .description("From a trade's time at the source to its market message published on the event bus")
              .tag("type", type.name())
              .register(registry));
    }
  }

  public void published(StreamPayload payload, long nowMillis) {
    Timer timer = byType.get(payload.type());
    if (timer != null && payload.eventTime() != null) {
      timer.record(Math.max(0, nowMillis - payload.eventTime().toEpochMilli()), TimeUnit.MILLISECONDS);
    }
  }
}
