package com.degenduel.realtime.codec.stream;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.StreamPayload;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Numbers the messages a publisher puts on its streams: one counter per stream, message type and
 * key ({@link com.degenduel.realtime.codec.message.StreamPayload#conflationKey()}: the interval of
 * MARKET_VOLUME, the symbol of PRICE_UPDATED, one key for every other type),
 * starting at 1. Owned by a single verticle, so it is confined to that verticle's event loop.
 */
public final class StreamSequencer {
  private record Counter(StreamId stream, MessageType type, String key) {}

  /** Where one stream's messages of one type and key have got to. */
  public record Position(StreamId stream, MessageType type, String key, long seq) {}

  private final Map<Counter, Long> last = new HashMap<>();
  private Consumer<Position> onAdvance = p -> {};

  public StreamEvent next(StreamId stream, StreamPayload payload) {
    long seq = last.merge(new Counter(stream, payload.type(), payload.conflationKey()), 1L, Long::sum);
    onAdvance.accept(new Position(stream, payload.type(), payload.conflationKey(), seq));
    return new StreamEvent(stream, seq, payload);
  }

  /** Told every number given out, so that the positions can be kept where a successor finds them. */
  public void onAdvance(Consumer<Position> listener) {
    this.onAdvance = listener;
  }

  /**
   * The seq of the last message of a single-key type (PORTFOLIO_UPDATED, CONTEST_UPDATED, ...) on
   * this stream, 0 when none was numbered yet.
   */
  public long last(StreamId stream, MessageType type) {
    return last.getOrDefault(new Counter(stream, type, ""), 0L);
  }

  /** Continues a stream from a known position, as a new owner does after taking a stream over. */
  public void resume(StreamId stream, MessageType type, String key, long lastSeq) {
    last.merge(new Counter(stream, type, key), lastSeq, Math::max);
  }
}
