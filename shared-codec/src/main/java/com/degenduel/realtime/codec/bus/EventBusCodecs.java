package com.degenduel.realtime.codec.bus;

import com.degenduel.realtime.codec.message.market.MarketAvailability;
import com.degenduel.realtime.codec.stream.ResumeRequest;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamHistory;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamInterest;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.codec.wire.StreamBatch;
import com.degenduel.realtime.codec.wire.StreamFrame;
import com.degenduel.realtime.codec.wire.WireFormat;
import com.degenduel.realtime.codec.wire.WireJson;
import com.degenduel.realtime.codec.wire.WireTime;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the codecs of every type that travels on the event bus. Every process calls {@link
 * #registerAll} once on its Vert.x instance, so a typed object published on one member arrives
 * typed on every other.
 */
public final class EventBusCodecs {
  static final StreamFrameCodec STREAM_FRAME = new StreamFrameCodec();
  static final StreamBatchCodec STREAM_BATCH = new StreamBatchCodec();
  static final JsonRecordCodec<StreamSnapshot> STREAM_SNAPSHOT =
      new JsonRecordCodec<>("dd.StreamSnapshot", EventBusCodecs::snapshotToJson, EventBusCodecs::snapshotFromJson);
  static final JsonRecordCodec<SnapshotRequest> SNAPSHOT_REQUEST =
      new JsonRecordCodec<>(
          "dd.SnapshotRequest",
          r -> streamToJson(r.stream()).put("watcher", r.watcher()),
          j -> new SnapshotRequest(streamFromJson(j), j.getString("watcher")));
  static final JsonRecordCodec<StreamInterest> STREAM_INTEREST =
      new JsonRecordCodec<>(
          "dd.StreamInterest",
          i -> new JsonObject().put("watcher", i.watcher()).put("kind", i.kind().name())
              .put("keys", new JsonArray(i.keys())).put("watching", i.watching()),
          j -> new StreamInterest(
              WireJson.requireString(j, "watcher"),
              StreamKind.valueOf(WireJson.requireString(j, "kind")),
              j.getJsonArray("keys").stream().map(String.class::cast).toList(),
              j.getBoolean("watching")));
  static final JsonRecordCodec<ResumeRequest> RESUME_REQUEST =
      new JsonRecordCodec<>(
          "dd.ResumeRequest",
          r -> streamToJson(r.stream()).put("since", r.since()).put("epoch", r.epoch()),
          j -> new ResumeRequest(streamFromJson(j), j.getLong("since"), j.getString("epoch")));
  static final JsonRecordCodec<StreamHistory> STREAM_HISTORY =
      new JsonRecordCodec<>(
          "dd.StreamHistory",
          h -> snapshotToJson(new StreamSnapshot(h.events())).put("recovered", h.recovered()),
          j -> new StreamHistory(j.getBoolean("recovered"), snapshotFromJson(j).events()));
  static final JsonRecordCodec<MarketAvailability> MARKET_AVAILABILITY =
      new JsonRecordCodec<>(
          "dd.MarketAvailability",
          a -> new JsonObject().put("available", a.available()).put("since", WireTime.format(a.since())),
          j -> new MarketAvailability(j.getBoolean("available"), WireJson.requireTime(j, "since")));

  private EventBusCodecs() {}

  public static void registerAll(EventBus bus) {
    bus.registerDefaultCodec(StreamFrame.class, STREAM_FRAME);
    bus.registerDefaultCodec(StreamBatch.class, STREAM_BATCH);
    bus.registerDefaultCodec(StreamSnapshot.class, STREAM_SNAPSHOT);
    bus.registerDefaultCodec(SnapshotRequest.class, SNAPSHOT_REQUEST);
    bus.registerDefaultCodec(StreamInterest.class, STREAM_INTEREST);
    bus.registerDefaultCodec(ResumeRequest.class, RESUME_REQUEST);
    bus.registerDefaultCodec(StreamHistory.class, STREAM_HISTORY);
    bus.registerDefaultCodec(MarketAvailability.class, MARKET_AVAILABILITY);
  }

  static JsonObject eventToJson(StreamEvent event) {
    return new JsonObject().put("stream", streamToJson(event.stream())).put("message", WireFormat.toJson(event));
  }

  static StreamEvent eventFromJson(JsonObject json) {
    WireFormat.Streamed streamed = WireFormat.readStreamed(WireJson.requireObject(json, "message"));
    return new StreamEvent(
        streamFromJson(WireJson.requireObject(json, "stream")), streamed.seq(), streamed.payload(), streamed.epoch());
  }

  private static JsonObject snapshotToJson(StreamSnapshot snapshot) {
    JsonArray events = new JsonArray();
    snapshot.events().forEach(e -> events.add(eventToJson(e)));
    return new JsonObject().put("events", events).put("event_seq", snapshot.eventSeq());
  }

  private static StreamSnapshot snapshotFromJson(JsonObject json) {
    List<StreamEvent> events = new ArrayList<>();
    json.getJsonArray("events").forEach(e -> events.add(eventFromJson((JsonObject) e)));
    return new StreamSnapshot(events, json.getLong("event_seq", -1L));
  }

  private static JsonObject streamToJson(StreamId stream) {
    return new JsonObject().put("kind", stream.kind().name()).put("key", stream.key());
  }

  private static StreamId streamFromJson(JsonObject json) {
    return new StreamId(
        StreamKind.valueOf(WireJson.requireString(json, "kind")), WireJson.requireString(json, "key"));
  }
}
