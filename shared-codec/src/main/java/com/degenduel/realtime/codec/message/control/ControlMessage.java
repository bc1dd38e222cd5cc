package com.degenduel.realtime.codec.message.control;

import io.vertx.core.json.JsonObject;

/** A message of the connection itself rather than of a stream: errors, heartbeats, acknowledgements. */
public interface ControlMessage {
  String type();

  JsonObject toJson();
}
