package com.degenduel.realtime.codec.message.contest;

import static com.degenduel.realtime.codec.wire.WireJson.putIfPresent;
import static com.degenduel.realtime.codec.wire.WireJson.requireInt;
import static com.degenduel.realtime.codec.wire.WireJson.requireLong;
import static com.degenduel.realtime.codec.wire.WireJson.requireNumber;
import static com.degenduel.realtime.codec.wire.WireJson.requireObject;
import static com.degenduel.realtime.codec.wire.WireJson.requireString;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.wire.WireEnum;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * CONTEST_UPDATED: a contest's state. {@code currentRound} and {@code timeRemaining} (seconds) may
 * be null and are then left out. The contract gives this message no timestamp.
 */
public record ContestUpdated(
    String contestId,
    ContestStatus status,
    Integer currentRound,
    Long timeRemaining,
    int totalParticipants,
    double totalPrizePool)
    implements StreamPayload {

  @Override
  public MessageType type() {
    return MessageType.CONTEST_UPDATED;
  }

  @Override
  public Instant eventTime() {
    return null;
  }

  @Override
  public JsonObject toData() {
    JsonObject data = new JsonObject().put("contest_id", contestId).put("status", status.wire());
    putIfPresent(data, "current_round", currentRound);
    putIfPresent(data, "time_remaining", timeRemaining);
    return data.put("total_participants", totalParticipants).put("total_prize_pool", totalPrizePool);
  }

  public static ContestUpdated fromWire(JsonObject root) {
    JsonObject d = requireObject(root, "data");
    return new ContestUpdated(
        requireString(d, "contest_id"),
        WireEnum.parse(ContestStatus.class, requireString(d, "status"), "status"),
        d.containsKey("current_round") ? requireInt(d, "current_round") : null,
        d.containsKey("time_remaining") ? requireLong(d, "time_remaining") : null,
        requireInt(d, "total_participants"),
        requireNumber(d, "total_prize_pool"));
  }
}
