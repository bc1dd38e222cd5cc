package com.degenduel.realtime.codec.message.contest;

import static com.degenduel.realtime.codec.wire.WireJson.requireObject;
import static com.degenduel.realtime.codec.wire.WireJson.requireString;
import static com.degenduel.realtime.codec.wire.WireJson.requireTime;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.wire.WireEnum;
import com.degenduel.realtime.codec.wire.WireTime;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** PARTICIPANT_ACTIVITY: a join, leave or trade in a contest; an event, never conflated. */
public record ParticipantActivity(
    String contestId,
    String walletAddress,
    String username,
    ActivityType activityType,
    ActivityDetails details,
    Instant timestamp)
    implements StreamPayload {

  @Override
  public MessageType type() {
    return MessageType.PARTICIPANT_ACTIVITY;
  }

  @Override
  public Instant eventTime() {
    return timestamp;
  }

  @Override
  public JsonObject toData() {
    JsonObject data =
        new JsonObject()
            .put("contest_id", contestId)
            .put("wallet_address", walletAddress)
            .put("username", username)
            .put("activity_type", activityType.wire());
    if (details != null) {
      data.put("details", details.toJson());
    }
    return data.put("timestamp", WireTime.format(timestamp));
  }

  public static ParticipantActivity fromWire(JsonObject root) {
    JsonObject d = requireObject(root, "data");
    return new ParticipantActivity(
        requireString(d, "contest_id"),
        requireString(d, "wallet_address"),
        requireString(d, "username"),
        WireEnum.parse(ActivityType.class, requireString(d, "activity_type"), "activity_type"),
        d.containsKey("details") ? ActivityDetails.fromJson(requireObject(d, "details")) : null,
        requireTime(d, "timestamp"));
  }
}
