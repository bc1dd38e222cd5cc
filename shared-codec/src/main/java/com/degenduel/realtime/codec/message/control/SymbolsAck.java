package com.degenduel.realtime.codec.message.control;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * SUBSCRIBED or UNSUBSCRIBED: acknowledges a subscription change with the symbols it applied to and
 * the connection's whole symbol list afterwards.
 */
public record SymbolsAck(boolean subscribed, List<String> symbols, List<String> current) implements ControlMessage {
  public SymbolsAck {
    symbols = List.copyOf(symbols);
    current = List.copyOf(current);
  }

  @Override
  public String type() {
    return subscribed ? "SUBSCRIBED" : "UNSUBSCRIBED";
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put("type", type())
        .put("symbols", new JsonArray(List.copyOf(symbols)))
        .put("current", new JsonArray(List.copyOf(current)));
  }
}
