package com.degenduel.realtime.codec.message.control;

import io.vertx.core.json.JsonObject;

/**
 * The server's answer to a reconnecting client's {@code since} and {@code epoch}: sent after the
 * state snapshot and before the missed events. {@code recovered} false means the history could not
 * cover the gap (the epoch changed, the gap is older than the history kept, or {@code since} is
 * ahead of the stream) and nothing is replayed. {@code fromSeq} is the first seq the replay
 * starts at, {@code since + 1}.
 */
public record Resumed(boolean recovered, int replayed, long fromSeq) implements ControlMessage {
  @Override
  public String type() {
    return "RESUMED";
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put("type", type())
        .put("data", new JsonObject().put("recovered", recovered).put("replayed", replayed).put("from_seq", fromSeq));
  }
}
