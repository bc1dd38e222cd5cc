package com.degenduel.realtime.codec.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.market.MarketAvailability;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.codec.wire.StreamBatch;
import com.degenduel.realtime.codec.wire.StreamFrame;
import com.degenduel.realtime.codec.wire.WireSamples;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bytes one cluster member writes for a typed bus message are read back as an equal record by
 * another. Each value is written after unrelated bytes, as Vert.x frames it, so the codec must
 * honour the position it is given.
 */
class EventBusCodecsTest {
  private static final String FRAME_PREFIX = "header-bytes";

  static Stream<Arguments> streamEvents() {
    return WireSamples.streamed().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streamEvents")
  void streamFrameOfEveryTypeCrossesTheWireWithItsBytesAsTheyWereAndDecodesToTheEvent(String name, StreamEvent event) {
    StreamFrame sent = StreamFrame.of(event);

    StreamFrame received = roundTrip(EventBusCodecs.STREAM_FRAME, sent);

    assertThat(received.json()).isEqualTo(sent.json());
    assertThat(received).usingRecursiveComparison().isEqualTo(sent);
    assertThat(received.decode()).isEqualTo(event);
  }

  @Test
  void batchCrossesTheWireWithEveryFrameInItsOrderAndItsBytesAsTheyWere() {
    List<StreamFrame> frames = WireSamples.streamed().values().stream().map(StreamFrame::of).toList();
    StreamBatch sent = new StreamBatch(frames);

    StreamBatch received = roundTrip(EventBusCodecs.STREAM_BATCH, sent);

    assertThat(received.frames()).hasSize(frames.size());
    assertThat(received).usingRecursiveComparison().isEqualTo(sent);
    assertThat(received.frames()).extracting(StreamFrame::decode).containsExactlyElementsOf(WireSamples.streamed().values());
  }

  @Test
  void aLoneFrameFromAMemberOfThePreviousVersionIsReadAsABatchOfOne() {
    StreamFrame frame = StreamFrame.of(WireSamples.streamed().get("market_price"));

    assertThat(StreamBatch.carried(frame).frames()).containsExactly(frame);
    assertThat(StreamBatch.carried(StreamBatch.of(frame)).frames()).containsExactly(frame);
  }

  @Test
  void snapshotWithEventsOfSeveralStreamsAndTypesCrossesTheWire() {
    StreamSnapshot snapshot = new StreamSnapshot(List.copyOf(WireSamples.streamed().values()));

    assertThat(roundTrip(EventBusCodecs.STREAM_SNAPSHOT, snapshot)).isEqualTo(snapshot);
  }

  @Test
  void emptySnapshotCrossesTheWire() {
    StreamSnapshot empty = new StreamSnapshot(List.of());

    assertThat(roundTrip(EventBusCodecs.STREAM_SNAPSHOT, empty)).isEqualTo(empty);
  }

  @Test
  void snapshotRequestOfEachKindCrossesTheWire() {
    for (StreamId stream :
        List.of(StreamId.market("BTC"), StreamId.wallet(WireSamples.WALLET), StreamId.contest(WireSamples.CONTEST))) {
      SnapshotRequest request = new SnapshotRequest(stream);
      assertThat(roundTrip(EventBusCodecs.SNAPSHOT_REQUEST, request)).isEqualTo(request);
    }
  }

  @Test
  void marketAvailabilityCrossesTheWire() {
    for (boolean available : new boolean[] {true, false}) {
      MarketAvailability status = new MarketAvailability(available, WireSamples.AT);
      assertThat(roundTrip(EventBusCodecs.MARKET_AVAILABILITY, status)).isEqualTo(status);
    }
  }

  @Test
  void localDeliveryHandsOverTheSameImmutableInstance() {
    StreamFrame frame = StreamFrame.of(WireSamples.streamed().get("market_price"));

    assertThat(EventBusCodecs.STREAM_FRAME.transform(frame)).isSameAs(frame);
  }

  @Test
  void everyCodecHasItsOwnNameAndIsAUserCodec() {
    List<MessageCodec<?, ?>> codecs =
        List.of(
            EventBusCodecs.STREAM_FRAME,
            EventBusCodecs.STREAM_BATCH,
            EventBusCodecs.STREAM_SNAPSHOT,
            EventBusCodecs.SNAPSHOT_REQUEST,
            EventBusCodecs.MARKET_AVAILABILITY);
    Set<String> names = codecs.stream().map(MessageCodec::name).collect(Collectors.toSet());

    assertThat(names).hasSize(codecs.size());
    assertThat(codecs).allSatisfy(c -> assertThat(c.systemCodecID()).isEqualTo((byte) -1));
  }

  private static <T> T roundTrip(MessageCodec<T, T> codec, T value) {
    Buffer frame = Buffer.buffer().appendString(FRAME_PREFIX);
    codec.encodeToWire(frame, value);
    frame.appendString("trailing-bytes");
    return codec.decodeFromWire(FRAME_PREFIX.length(), frame);
  }
}
