package com.degenduel.realtime.codec.message.control;

import com.degenduel.realtime.codec.wire.WireTime;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** PONG: the gateway's answer to a client's {@code {"type":"PING"}} heartbeat. */
public record Pong(Instant timestamp) implements ControlMessage {
  @Override
  public String type() {
    return "PONG";
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("type", type()).put("timestamp", WireTime.format(timestamp));
  }
}
