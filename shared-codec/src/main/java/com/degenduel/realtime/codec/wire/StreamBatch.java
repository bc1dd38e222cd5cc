package com.degenduel.realtime.codec.wire;

import com.degenduel.realtime.codec.stream.StreamEvent;
import java.util.List;

/**
 * What one publish on a stream's address carries to the gateways: one frame, or the several one
 * source event produced (a market trade's MARKET_PRICE, MARKET_SENTIMENT and MARKET_VOLUMEs), in
 * the order they are to be delivered. A gateway hands a batch to its sockets in one turn of its
 * event loop, so each socket receives the whole batch in one TLS record and one system call;
 * frames published one by one reach the event loop in turns of their own, and each turn flushes
 * every socket it wrote to. All frames of a batch share its address.
 */
public record StreamBatch(List<StreamFrame> frames) {
  public StreamBatch {
    frames = List.copyOf(frames);
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("a batch carries at least one frame");
    }
  }

  public static StreamBatch of(StreamFrame frame) {
    return new StreamBatch(List.of(frame));
  }

  /** Encodes the event ({@link StreamFrame#of}) as a batch of its own. */
  public static StreamBatch of(StreamEvent event) {
    return of(StreamFrame.of(event));
  }

  /**
   * A stream address's message body as a batch: members of the previous version publish a lone
   * {@link StreamFrame}, so consumers accept both while a rolling upgrade mixes versions.
   */
  public static StreamBatch carried(Object body) {
    if (body instanceof StreamBatch batch) {
      return batch;
    }
    if (body instanceof StreamFrame frame) {
      return of(frame);
    }
    throw new IllegalArgumentException("not a stream message: " + (body == null ? "null" : body.getClass().getName()));
  }
}
