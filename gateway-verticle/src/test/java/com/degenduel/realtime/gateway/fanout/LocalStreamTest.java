package com.degenduel.realtime.gateway.fanout;

import com.degenduel.realtime.gateway.metrics.GatewayMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.codec.message.control.ErrorMessage;
import com.degenduel.realtime.codec.message.control.Resumed;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.message.portfolio.TradeExecuted;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamHistory;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.wire.StreamFrame;
import com.degenduel.realtime.codec.wire.WireFormat;
import com.degenduel.realtime.gateway.endpoint.ResumePoint;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a stream delivers when its publisher changes owner: in order, no repeats, never silent. */
class LocalStreamTest {
  private static final String WALLET = "So1anaWa11et111111111111111111111111111111";
  private static final StreamId STREAM = StreamId.wallet(WALLET);
  private static final GatewayMetrics METRICS = GatewayMetrics.on(new SimpleMeterRegistry());
  private static final LocalStream.History NO_HISTORY = (stream, since, epoch) -> Future.succeededFuture(StreamHistory.notRecovered());

  private static class Recorder implements Subscriber {
    final List<JsonObject> messages = new ArrayList<>();

    @Override
    public void deliver(OutboundFrame frame) {
      messages.add(WireFormat.parseObject(OutboundFrameTest.payloadOf(frame.wire())));
    }

    @Override
    public void notify(ErrorMessage error) {}

    @Override
    public void reject(ErrorMessage error, CloseCode close) {}

    @Override
    public void resumed(Resumed resumed) {
      messages.add(resumed.toJson());
    }

    List<String> types() {
      return messages.stream().map(m -> m.getString("type")).toList();
    }

    List<String> tradeIds() {
      return messages.stream()
          .filter(m -> "TRADE_EXECUTED".equals(m.getString("type")))
          .map(m -> m.getJsonObject("data").getString("trade_id"))
          .toList();
    }
  }

  @Test
  void anEventRepeatedOrOverlappedByASecondPublisherIsDeliveredOnce() {
    LocalStream stream = new LocalStream(STREAM, METRICS, NO_HISTORY);
    Recorder client = new Recorder();
    stream.add(client);
    stream.goLive(List.of(), -1);

    stream.onEvent(StreamFrame.of(trade(1, "t-1")));
    stream.onEvent(StreamFrame.of(trade(2, "t-2")));
    stream.onEvent(StreamFrame.of(trade(2, "t-2")));
    // The old owner, not yet aware it was replaced, publishes its next number after the new owner's.
    stream.onEvent(StreamFrame.of(trade(19, "t-3")));
    stream.onEvent(StreamFrame.of(trade(3, "t-stale")));
    stream.onEvent(StreamFrame.of(trade(20, "t-4")));

    assertThat(client.tradeIds()).containsExactly("t-1", "t-2", "t-3", "t-4");
  }

  @Test
  void aLiveMessageTheSnapshotAlreadyCoveredIsNotSentAgain() {
    LocalStream stream = new LocalStream(StreamId.market("BTC"), METRICS, NO_HISTORY);
    Recorder client = new Recorder();
    stream.add(client);
    stream.goLive(List.of(new StreamEvent(StreamId.market("BTC"), 40, price(100))), -1);

    stream.onEvent(StreamFrame.of(new StreamEvent(StreamId.market("BTC"), 40, price(101))));
    stream.onEvent(StreamFrame.of(new StreamEvent(StreamId.market("BTC"), 41, price(102))));

    assertThat(client.messages).extracting(m -> m.getJsonObject("data").getDouble("price")).containsExactly(100.0, 102.0);
  }

  @Test
  void aPublisherThatStartsOverAtOneIsFollowed() {
    LocalStream stream = new LocalStream(STREAM, METRICS, NO_HISTORY);
    Recorder client = new Recorder();
    stream.add(client);
    stream.goLive(List.of(), -1);

    stream.onEvent(StreamFrame.of(trade(7, "before")));
    stream.onEvent(StreamFrame.of(trade(1, "after-restart")));
    stream.onEvent(StreamFrame.of(trade(2, "next")));

    assertThat(client.tradeIds()).containsExactly("before", "after-restart", "next");
  }

  @Test
  void aSubscriberThatLeavesWhileTakingAFrameDoesNotCostTheOthersTheirs() {
    LocalStream stream = new LocalStream(STREAM, METRICS, NO_HISTORY);
    Recorder first = new Recorder();
    Recorder leaving =
        new Recorder() {
          @Override
          public void deliver(OutboundFrame frame) {
            super.deliver(frame);
            // As a slow consumer's close does: it leaves the stream from inside the delivery.
            stream.remove(this);
          }
        };
    Recorder last = new Recorder();
    stream.add(first);
    stream.add(leaving);
    stream.add(last);
    stream.goLive(List.of(), -1);

    stream.onEvent(StreamFrame.of(trade(1, "t-1")));
    stream.onEvent(StreamFrame.of(trade(2, "t-2")));

    assertThat(first.tradeIds()).containsExactly("t-1", "t-2");
    assertThat(leaving.tradeIds()).containsExactly("t-1");
    assertThat(last.tradeIds()).containsExactly("t-1", "t-2");
  }

  @Test
  void aResumingSubscriberGetsItsSnapshotThenResumedThenWhatItMissedThenLiveEventsEachOnce() {
    LocalStream stream = new LocalStream(STREAM, METRICS, NO_HISTORY);
    Recorder stayed = new Recorder();
    stream.add(stayed);
    stream.goLive(List.of(new StreamEvent(STREAM, 1000, price(100), EPOCH)), 0);
    stream.onEvent(StreamFrame.of(epochTrade(1, "t-1")));
    stream.onEvent(StreamFrame.of(epochTrade(2, "t-2")));

    Recorder back = new Recorder();
    stream.add(back);
    stream.catchUp(back, new ResumePoint(1, EPOCH));
    stream.onEvent(StreamFrame.of(epochTrade(3, "t-3")));
    stream.resume(back, new StreamHistory(true, List.of(epochTrade(2, "t-2"), epochTrade(3, "t-3"), epochTrade(4, "t-4"))));
    // t-4 was recorded before the history was read, and reaches this gateway after it.
    stream.onEvent(StreamFrame.of(epochTrade(4, "t-4")));
    stream.onEvent(StreamFrame.of(epochTrade(5, "t-5")));

    assertThat(back.types()).containsExactly(
        "MARKET_PRICE", "RESUMED", "TRADE_EXECUTED", "TRADE_EXECUTED", "TRADE_EXECUTED", "TRADE_EXECUTED");
    assertThat(back.messages.get(1).getJsonObject("data").getMap())
        .containsEntry("recovered", true).containsEntry("replayed", 3).containsEntry("from_seq", 2L);
    assertThat(back.tradeIds()).containsExactly("t-2", "t-3", "t-4", "t-5");
    assertThat(stayed.tradeIds()).containsExactly("t-1", "t-2", "t-3", "t-4", "t-5");
  }

  @Test
  void aResumeTheHistoryCannotCoverReplaysNothingAndGoesLive() {
    LocalStream stream = new LocalStream(STREAM, METRICS, NO_HISTORY);
    Recorder back = new Recorder();
    stream.add(back);
    stream.catchUp(back, new ResumePoint(7, "old-epoch"));
    stream.resume(back, StreamHistory.notRecovered());
    stream.onEvent(StreamFrame.of(epochTrade(1, "t-1")));
    stream.goLive(List.of(), -1);
    stream.onEvent(StreamFrame.of(epochTrade(2, "t-2")));

    assertThat(back.types()).containsExactly("RESUMED", "TRADE_EXECUTED", "TRADE_EXECUTED");
    assertThat(back.messages.get(0).getJsonObject("data").getBoolean("recovered")).isFalse();
    assertThat(back.tradeIds()).containsExactly("t-1", "t-2");
  }

  @Test
  void missingLiveEventsAreReadFromTheHistoryAndEverythingGoesOutInOrder() {
    List<StreamEvent> recorded = List.of(epochTrade(3, "t-3"), epochTrade(4, "t-4"), epochTrade(5, "t-5"), epochTrade(6, "t-6"));
    List<Long> asked = new ArrayList<>();
    LocalStream stream = new LocalStream(STREAM, METRICS, (id, since, epoch) -> {
      asked.add(since);
      return Future.succeededFuture(new StreamHistory(true, recorded.stream().filter(e -> e.seq() > since).toList()));
    });
    Recorder client = new Recorder();
    stream.add(client);
    stream.goLive(List.of(new StreamEvent(STREAM, 1000, price(100), EPOCH)), 2);

    stream.onEvent(StreamFrame.of(epochTrade(2, "t-2-covered-by-the-snapshot")));
    stream.onEvent(StreamFrame.of(epochTrade(3, "t-3")));
    stream.onEvent(StreamFrame.of(epochTrade(6, "t-6")));
    stream.onEvent(StreamFrame.of(epochTrade(7, "t-7")));

    assertThat(asked).containsExactly(3L);
    assertThat(client.tradeIds()).containsExactly("t-3", "t-4", "t-5", "t-6", "t-7");
  }

  @Test
  void anEventLostWithNothingAfterItIsFoundByTheCheckAfterGoingLive() {
    LocalStream stream = new LocalStream(STREAM, METRICS,
        (id, since, epoch) -> Future.succeededFuture(new StreamHistory(true, since < 3 ? List.of(epochTrade(3, "t-3")) : List.of())));
    Recorder client = new Recorder();
    stream.add(client);
    stream.goLive(List.of(new StreamEvent(STREAM, 1000, price(100), EPOCH)), 2);

    stream.checkForMissed();
    stream.checkForMissed();

    assertThat(client.tradeIds()).containsExactly("t-3");
  }

  @Test
  void aStateThatArrivesWhileTheHistoryIsReadIsNoGapAndTheNextEventStillGoesOut() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Promise<StreamHistory> answer = Promise.promise();
    LocalStream stream = new LocalStream(STREAM, GatewayMetrics.on(registry), (id, since, epoch) -> answer.future());
    Recorder client = new Recorder();
    stream.add(client);
    stream.goLive(List.of(new StreamEvent(STREAM, 1000, price(100), EPOCH)), 2);

    stream.checkForMissed();
    stream.onEvent(StreamFrame.of(new StreamEvent(STREAM, 1001, price(101), EPOCH)));
    answer.complete(new StreamHistory(true, List.of()));
    // Had the state's seq been taken for an event's, this one would count as delivered already.
    stream.onEvent(StreamFrame.of(epochTrade(3, "t-3")));

    assertThat(client.types()).containsExactly("MARKET_PRICE", "MARKET_PRICE", "TRADE_EXECUTED");
    assertThat(registry.get("dd_gateway_event_gaps_unrepaired").counters())
        .allSatisfy(c -> assertThat(c.count()).as("a state's seq is not an event's").isZero());
  }

  private static final String EPOCH = "e1";

  private static StreamEvent trade(long seq, String tradeId) {
    return new StreamEvent(STREAM, seq, new TradeExecuted(tradeId, WALLET, "BTC", 1, 100, Instant.parse("2025-01-01T00:00:00Z"), null));
  }

  private static StreamEvent epochTrade(long seq, String tradeId) {
    return new StreamEvent(
        STREAM, seq, new TradeExecuted(tradeId, WALLET, "BTC", 1, 100, Instant.parse("2025-01-01T00:00:00Z"), null), EPOCH);
  }

  private static MarketPrice price(double price) {
    return new MarketPrice("BTC", price, 0, 0, price, price, Instant.parse("2025-01-01T00:00:00Z"));
  }
}
