package com.degenduel.realtime.node.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.stream.StreamKind;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the owning member learns of a record's forwards after each step: only what the step added,
 * however many wait undelivered, since the partition thread hands it over on every change.
 */
class PendingForwardsTest {
  private static final HistoryLimits HISTORY = new HistoryLimits(100, Duration.ofMinutes(5));

  @Test
  void aStepHandsOverOnlyTheForwardsItAddedWhileOlderOnesWaitUndelivered() {
    StreamRecord record = StreamRecord.create("0000abcd");
    for (int i = 1; i <= 500; i++) {
      handOn(record, "f" + i);
    }
    long before = record.forwardCount();
    handOn(record, "f501");

    assertThat(record.forwardsAfter(before)).extracting(PendingForward::number).containsExactly(501L);
    assertThat(record.forwardsAfter(record.forwardCount())).isEmpty();
    assertThat(record.firstPendingForward()).isEqualTo(1);
    assertThat(record.pendingForwards()).hasSize(501);

    record.markForwarded(500);
    assertThat(record.firstPendingForward()).isEqualTo(501);
    record.markForwarded(501);
    assertThat(record.firstPendingForward()).isEqualTo(502);
    assertThat(record.forwardsAfter(before)).isEmpty();
  }

  @Test
  void deliveriesInAnyOrderMoveTheMarkOnlyOverAnUnbrokenRun() {
    ForwardsInFlight inFlight = new ForwardsInFlight();
    assertThat(inFlight.startSending(1)).isTrue();
    assertThat(inFlight.startSending(2)).isTrue();
    assertThat(inFlight.startSending(3)).isTrue();
    assertThat(inFlight.startSending(2)).as("already on its way").isFalse();

    assertThat(inFlight.delivered(3)).isFalse();
    assertThat(inFlight.delivered(2)).isFalse();
    assertThat(inFlight.startSending(3)).as("delivered ahead of the mark").isFalse();
    assertThat(inFlight.delivered(1)).isTrue();
    assertThat(inFlight.deliveredUpTo()).isEqualTo(3);
    assertThat(inFlight.startSending(2)).as("below the mark").isFalse();
  }

  @Test
  void aMemberThatTakesTheStreamUpSendsTheOlderForwardsBesideOneAlreadyOnItsWay() {
    ForwardsInFlight inFlight = new ForwardsInFlight();
    assertThat(inFlight.startSending(7)).as("the step that reached the new owner first").isTrue();

    inFlight.heldFrom(5);
    assertThat(List.of(5L, 6L, 7L).stream().filter(inFlight::startSending)).containsExactly(5L, 6L);
    assertThat(inFlight.delivered(5)).isTrue();
    assertThat(inFlight.deliveredUpTo()).isEqualTo(5);
  }

  @Test
  void marksFromTheRecordClearWhatThisMemberStillThoughtOnItsWay() {
    ForwardsInFlight inFlight = new ForwardsInFlight();
    inFlight.startSending(1);
    inFlight.startSending(2);
    inFlight.heldFrom(3);
    assertThat(inFlight.deliveredUpTo()).isEqualTo(2);
    assertThat(inFlight.delivered(2)).isFalse();
    assertThat(inFlight.startSending(3)).isTrue();
  }

  private static void handOn(StreamRecord record, String factId) {
    record.apply(factId, factId.hashCode(), 1000, HISTORY, null, List.of(),
        List.of(new FactStep.Forward(StreamKind.WALLET, new JsonObject().put("trade_id", factId))), System.currentTimeMillis());
  }
}
