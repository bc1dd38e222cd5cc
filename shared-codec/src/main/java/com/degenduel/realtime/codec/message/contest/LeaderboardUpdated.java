package com.degenduel.realtime.codec.message.contest;

import static com.degenduel.realtime.codec.wire.WireJson.requireObject;
import static com.degenduel.realtime.codec.wire.WireJson.requireString;
import static com.degenduel.realtime.codec.wire.WireJson.requireTime;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.wire.WireFormatException;
import com.degenduel.realtime.codec.wire.WireTime;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** LEADERBOARD_UPDATED: the top of a contest's ranking. */
public record LeaderboardUpdated(String contestId, List<LeaderboardEntry> leaderboard, Instant timestamp)
    implements StreamPayload {

  public LeaderboardUpdated {
    leaderboard = List.copyOf(leaderboard);
  }

  @Override
  public MessageType type() {
    return MessageType.LEADERBOARD_UPDATED;
  }

  @Override
  public Instant eventTime() {
    return timestamp;
  }

  @Override
  public JsonObject toData() {
    JsonArray rows = new JsonArray();
    leaderboard.forEach(e -> rows.add(e.toJson()));
    return new JsonObject()
        .put("contest_id", contestId)
        .put("leaderboard", rows)
        .put("timestamp", WireTime.format(timestamp));
  }

  public static LeaderboardUpdated fromWire(JsonObject root) {
    JsonObject d = requireObject(root, "data");
    if (!(d.getValue("leaderboard") instanceof JsonArray array)) {
      throw new WireFormatException("field 'leaderboard' must be an array");
    }
    List<LeaderboardEntry> rows =
        array.stream()
            .map(
                o -> {
                  if (!(o instanceof JsonObject row)) {
                    throw new WireFormatException("field 'leaderboard' must hold objects");
                  }
                  return LeaderboardEntry.fromJson(row);
                })
            .toList();
    return new LeaderboardUpdated(requireString(d, "contest_id"), rows, requireTime(d, "timestamp"));
  }
}
