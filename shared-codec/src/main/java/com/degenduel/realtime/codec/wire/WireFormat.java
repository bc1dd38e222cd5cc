package com.degenduel.realtime.codec.wire;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.message.control.ControlMessage;
import com.degenduel.realtime.codec.message.portfolio.PortfolioUpdated;
import com.degenduel.realtime.codec.stream.StreamEvent;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * Where a message becomes the JSON text of a WebSocket frame, and back.
 *
 * <p>A streamed message is {@code {"type", "seq", "data"}}: the contract's shape plus {@code seq},
 * and {@code epoch} for a stream that keeps a history. PORTFOLIO_UPDATED also carries {@code
 * timestamp} at the top level, as the contract has it.
 */
public final class WireFormat {
  private WireFormat() {}

  public static JsonObject toJson(StreamEvent event) {
    return toJson(event.seq(), event.payload(), event.epoch());
  }

  /** A streamed message without its stream, which a client knows from its connection. */
  public static JsonObject toJson(long seq, StreamPayload payload, String epoch) {
    JsonObject root = new JsonObject().put("type", payload.type().name()).put("seq", seq);
    if (epoch != null) {
      root.put("epoch", epoch);
    }
    root.put("data", payload.toData());
    if (payload instanceof PortfolioUpdated portfolio) {
      root.put("timestamp", WireTime.format(portfolio.timestamp()));
    }
    return root;
  }

  public static String encode(StreamEvent event) {
    return toJson(event).encode();
  }

  /** The UTF-8 bytes of a frame, computed once so the same array can back the frame of every subscriber. */
  public static byte[] encodeUtf8(StreamEvent event) {
    return encode(event).getBytes(StandardCharsets.UTF_8);
  }

  public static String encode(ControlMessage message) {
    return message.toJson().encode();
  }

  /** Reads a streamed message as a client receives it. */
  public static Streamed decodeStreamed(String text) {
    return readStreamed(parseObject(text));
  }

  public static Streamed readStreamed(JsonObject root) {
    String typeName = WireJson.requireString(root, "type");
    MessageType type = MessageType.fromWire(typeName);
    if (type == null) {
      throw new WireFormatException("unknown streamed message type");
    }
    Object epoch = root.getValue("epoch");
    if (epoch != null && !(epoch instanceof String)) {
      throw new WireFormatException("epoch must be a string");
    }
    return new Streamed(WireJson.requireLong(root, "seq"), type.read(root), (String) epoch);
  }

  public static JsonObject parseObject(String text) {
    try {
      Object value = io.vertx.core.json.Json.decodeValue(text);
      if (!(value instanceof JsonObject object)) {
        throw new WireFormatException("a message must be a JSON object");
      }
      return object;
    } catch (DecodeException e) {
      throw new WireFormatException("a message must be valid JSON");
    }
  }

  /** A streamed message without the stream it travelled on, which a client knows from its connection. */
  public record Streamed(long seq, StreamPayload payload, String epoch) {
    public Streamed(long seq, StreamPayload payload) {
      this(seq, payload, null);
    }
  }
}
