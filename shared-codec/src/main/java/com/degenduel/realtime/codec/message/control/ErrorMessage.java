package com.degenduel.realtime.codec.message.control;

import com.degenduel.realtime.codec.error.ErrorCode;
import io.vertx.core.json.JsonObject;

/**
 * ERROR, in the contract's shape {@code {"type":"ERROR","error":{"code","message","details"?}}}.
 * {@code details} is optional structured context; it never holds raw client input or stack traces.
 */
public record ErrorMessage(ErrorCode code, String message, JsonObject details) implements ControlMessage {

  public static ErrorMessage of(ErrorCode code) {
    return new ErrorMessage(code, code.description(), null);
  }

  public static ErrorMessage of(ErrorCode code, String message) {
    return new ErrorMessage(code, message, null);
  }

  @Override
  public String type() {
    return "ERROR";
  }

  @Override
  public JsonObject toJson() {
    JsonObject error = new JsonObject().put("code", code.name()).put("message", message);
    if (details != null) {
      error.put("details", details.copy());
    }
    return new JsonObject().put("type", type()).put("error", error);
  }
}
