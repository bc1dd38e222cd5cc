package com.degenduel.realtime.codec.message.control;

import com.degenduel.realtime.codec.wire.WireTime;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** AUTH_REFRESHED: the refresh was accepted; the connection now lasts until {@code expiresAt}. */
public record AuthRefreshed(Instant expiresAt) implements ControlMessage {
  @Override
  public String type() {
    return "AUTH_REFRESHED";
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("type", type()).put("expires_at", WireTime.format(expiresAt));
  }
}
