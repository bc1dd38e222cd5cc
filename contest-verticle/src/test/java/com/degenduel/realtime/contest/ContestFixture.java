package com.degenduel.realtime.contest;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.codec.wire.WireTime;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.testkit.FactClient;
import com.degenduel.realtime.testkit.FactClient.Answer;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTokens;
import com.degenduel.realtime.codec.wire.StreamBatch;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Facts as the DegenDuel backend reports them, prices as the market service publishes them, from a test member. */
final class ContestFixture implements AutoCloseable {
  private static final AtomicLong EVENTS = new AtomicLong();

  final Vertx observer;
  final FactClient contests;
  final FactClient portfolio;
  final String token;
  private final AtomicLong marketSeq = new AtomicLong();

  ContestFixture(Vertx observer, int contestPort, int portfolioPort) {
    this.observer = observer;
    this.contests = new FactClient(observer, contestPort);
    this.portfolio = new FactClient(observer, portfolioPort);
    this.token = TestTokens.issue(observer, "backend-service", Role.SERVICE, Duration.ofMinutes(10));
  }

  static String wallet(String tag) {
    return (tag + "1111111111111111111111111111111111111111111111").substring(0, 44);
  }

  static String eventId() {
    return "ev-" + EVENTS.incrementAndGet();
  }

  Answer create(String contestId, double prizePool, double startingBalance, long durationSeconds) {
    return contests.post("/facts/contests", new JsonObject()
        .put("event_id", eventId()).put("contest_id", contestId).put("name", "Contest " + contestId)
        .put("total_prize_pool", prizePool).put("starting_balance", startingBalance)
        .put("duration_seconds", durationSeconds).put("timestamp", now()), token);
  }

  Answer transition(String contestId, String kind, JsonObject extra) {
    return contests.post("/facts/contests/" + contestId + "/" + kind,
        new JsonObject().put("event_id", eventId()).put("timestamp", now()).mergeIn(extra), token);
  }

  JsonObject participation(String contestId, String action, String wallet, String username, Instant at) {
    return new JsonObject().put("event_id", eventId()).put("action", action).put("wallet_address", wallet)
        .put("username", username).put("timestamp", WireTime.format(at));
  }

  Answer join(String contestId, String wallet, String username, Instant at) {
    return contests.post("/facts/contests/" + contestId + "/participants",
        participation(contestId, "join", wallet, username, at), token);
  }

  JsonObject trade(String tradeId, String contestId, String wallet, String symbol, String side, double amount, double price) {
    return new JsonObject().put("trade_id", tradeId).put("wallet_address", wallet).put("symbol", symbol)
        .put("side", side).put("amount", amount).put("price", price).put("timestamp", now()).put("contest_id", contestId);
  }

  void price(String symbol, double price, double change24h) {
    StreamEvent event = new StreamEvent(StreamId.market(symbol), marketSeq.incrementAndGet(),
        new MarketPrice(symbol, price, change24h, 1000, price, price, WireTime.now()));
    observer.eventBus().publish(event.address(), StreamBatch.of(event));
  }

  StreamSnapshot snapshot(String contestId) {
    return TestCluster.await(observer.eventBus()
        .<StreamSnapshot>request(Addresses.snapshot(StreamKind.CONTEST), new SnapshotRequest(StreamId.contest(contestId)),
            new DeliveryOptions().setSendTimeout(3000))
        .map(m -> m.body()));
  }

  static void ok(Answer answer) {
    assertThat(answer.status()).as(answer.body().encode()).isEqualTo(200);
  }

  static void rejected(Answer answer, int status, String code) {
    assertThat(answer.status()).as(answer.body().encode()).isEqualTo(status);
    assertThat(answer.code()).isEqualTo(code);
  }

  static String now() {
    return WireTime.format(WireTime.now());
  }

  @Override
  public void close() {
    contests.close();
    portfolio.close();
  }
}
