package com.degenduel.realtime.market.publish;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.node.management.NodeMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code dd_market_publish_delay}: from a trade's time at the source to the market message it
 * produced leaving on the event bus, by {@code type} and by {@code held}. It is the share of the
 * end-to-end latency spent before any gateway sees the message: the source's own delay in sending
 * the trade, the way to this service, reading it, the statistics, and the rate cap. {@code
 * dd_market_service_delay}, by the same tags: from the trade's arrival in this service (handed over
 * by its source, read and parsed) to the message on the bus, what a price waits in this service
 * alone, without the exchange's delay and the network's.
 *
 * <p>{@code held="false"}: values that left with the trade that produced them; their delay is
 * what the path costs, and what a price waits in this service when the cap is not full. {@code
 * held="true"}: values the rate cap held because their lane's window was full ({@link
 * ConflatingPublisher}), by design: their delay includes the wait for the window, up to a second,
 * and they are most of MARKET_VOLUME (six intervals share its cap). Either way a value is counted
 * once, when it leaves; values conflated away are not counted.
 *
 * <p>A trade's time is in whole milliseconds (the exchange's {@code T}), and the moment of
 * publishing is read to the microsecond, so a recorded delay is at most a millisecond more than
 * the true one, never less. Besides the shared buckets it has one at every millisecond from 1 to
 * 10 ms, so that a percentile near the 5 ms goal reads to the millisecond. Set beside the gateway's
 * {@code dd_gateway_end_to_end_latency}, it tells a slow source from a slow gateway.
 */
public final class PublishDelay {
  private static final Duration[] MILLISECONDS_TO_10 = IntStream.rangeClosed(1, 10).mapToObj(Duration::ofMillis).toArray(Duration[]::new);

  private static final String FROM_SOURCE = "dd_market_publish_delay";
  private static final String IN_SERVICE = "dd_market_service_delay";

  private final Map<MessageType, Timer> left = new EnumMap<>(MessageType.class);
  private final Map<MessageType, Timer> held = new EnumMap<>(MessageType.class);
  private final Map<MessageType, Timer> leftInService = new EnumMap<>(MessageType.class);
  private final Map<MessageType, Timer> heldInService = new EnumMap<>(MessageType.class);

  public PublishDelay(MeterRegistry registry) {
    for (MessageType type : new MessageType[] {MessageType.MARKET_PRICE, MessageType.MARKET_VOLUME, MessageType.MARKET_SENTIMENT}) {
      left.put(type, timer(registry, FROM_SOURCE, "From a trade's time at the source", type, false));
      held.put(type, timer(registry, FROM_SOURCE, "From a trade's time at the source", type, true));
      leftInService.put(type, timer(registry, IN_SERVICE, "From a trade's arrival in the market service", type, false));
      heldInService.put(type, timer(registry, IN_SERVICE, "From a trade's arrival in the market service", type, true));
    }
  }

  private static Timer timer(MeterRegistry registry, String name, String from, MessageType type, boolean held) {
    return NodeMetrics.latencyHistogram(name, MILLISECONDS_TO_10)
        .description(from + " to its market message published on the event bus; held: the rate cap held it")
        .tag("type", type.name())
        .tag("held", Boolean.toString(held))
        .register(registry);
  }

  /**
   * {@code payload} went on the bus at {@code now}, {@code inServiceNanos} after the trade that
   * produced it arrived; {@code wasHeld} as {@link ConflatingPublisher.Released} tells it.
   */
  public void published(StreamPayload payload, boolean wasHeld, Instant now, long inServiceNanos) {
    Timer fromSource = (wasHeld ? held : left).get(payload.type());
    if (fromSource == null) {
      return;
    }
    if (payload.eventTime() != null) {
      Duration delay = Duration.between(payload.eventTime(), now);
      fromSource.record(delay.isNegative() ? Duration.ZERO : delay);
    }
    (wasHeld ? heldInService : leftInService).get(payload.type()).record(Duration.ofNanos(Math.max(0, inServiceNanos)));
  }
}
