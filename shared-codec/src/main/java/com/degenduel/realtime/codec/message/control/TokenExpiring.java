package com.degenduel.realtime.codec.message.control;

import com.degenduel.realtime.codec.wire.WireTime;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** TOKEN_EXPIRING: the connection's token ends at {@code expiresAt}; answer with AUTH_REFRESH before then. */
public record TokenExpiring(Instant expiresAt) implements ControlMessage {
  @Override
  public String type() {
    return "TOKEN_EXPIRING";
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("type", type()).put("expires_at", WireTime.format(expiresAt));
  }
}
