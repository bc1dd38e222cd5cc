package com.degenduel.realtime.codec.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * Carries an immutable record over the event bus: by reference inside a process, as
 * length-prefixed JSON between cluster members.
 */
final class JsonRecordCodec<T> extends ImmutableValueCodec<T> {
  private final Function<T, JsonObject> toJson;
  private final Function<JsonObject, T> fromJson;

  JsonRecordCodec(String name, Function<T, JsonObject> toJson, Function<JsonObject, T> fromJson) {
    super(name);
    this.toJson = toJson;
    this.fromJson = fromJson;
  }

  @Override
  public void encodeToWire(Buffer buffer, T value) {
    Buffer json = toJson.apply(value).toBuffer();
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return fromJson.apply(new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length)));
  }
}
