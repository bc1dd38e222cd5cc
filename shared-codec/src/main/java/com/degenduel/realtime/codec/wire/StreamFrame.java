package com.degenduel.realtime.codec.wire;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A streamed message on its way from the service that publishes it to the gateways: what a gateway
 * routes on (stream, {@code seq}, epoch, type, conflation key, event time) and the message's wire
 * form, encoded once by the publisher. A gateway writes {@link #json} to its sockets as it is,
 * never decoding it into a record; a service that needs the record itself (a price, to value
 * portfolios) decodes it ({@link #decode}).
 *
 * <p>{@code json} is never written to once the frame exists: every subscriber's frame is built
 * from the same array.
 */
public record StreamFrame(
    StreamId stream, long seq, String epoch, MessageType type, String conflationKey, long eventTimeMillis, byte[] json) {
  /** The event time of a message whose contract carries none. */
  public static final long NO_EVENT_TIME = Long.MIN_VALUE;

  public StreamFrame {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(conflationKey, "conflationKey");
    Objects.requireNonNull(json, "json");
  }

  /** Encodes the event: the one place a published message becomes its wire form. */
  public static StreamFrame of(StreamEvent event) {
    Instant time = event.payload().eventTime();
    return new StreamFrame(
        event.stream(), event.seq(), event.epoch(), event.payload().type(), event.payload().conflationKey(),
        time == null ? NO_EVENT_TIME : time.toEpochMilli(), WireFormat.encodeUtf8(event));
  }

  /** The message as a record, for a consumer that reads its content rather than forwarding it. */
  public StreamEvent decode() {
    WireFormat.Streamed streamed = WireFormat.decodeStreamed(new String(json, StandardCharsets.UTF_8));
    return new StreamEvent(stream, streamed.seq(), streamed.payload(), streamed.epoch());
  }

  public String address() {
    return stream.address();
  }

  /** Type and conflation key: the messages one newer message of the stream replaces. */
  public String lane() {
    return type.name() + ':' + conflationKey;
  }
}
