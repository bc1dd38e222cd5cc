package com.degenduel.realtime.portfolio;

import static com.degenduel.realtime.portfolio.Trades.trade;
import static com.degenduel.realtime.portfolio.Trades.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.message.portfolio.PortfolioUpdated;
import com.degenduel.realtime.codec.message.portfolio.PriceUpdated;
import com.degenduel.realtime.codec.message.portfolio.TokenValue;
import com.degenduel.realtime.codec.message.portfolio.TradeExecuted;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.testkit.FactClient;
import com.degenduel.realtime.testkit.FactClient.Answer;
import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.StreamRecorder;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTokens;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The portfolio service on member 0 of a real cluster; facts over real HTTP with real service
 * tokens; prices published and streams observed on member 1, as the market service and a gateway
 * would.
 */
class PortfolioServiceTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static TestCluster cluster;
  private static Vertx service;
  private static Vertx observer;
  private static FactClient facts;
  private static String serviceToken;
  private static MarketTicks market;

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(2);
    service = cluster.node(0);
    observer = cluster.node(1);
    market = new MarketTicks(observer);
    // The market service's snapshot, as it answers on start: only LINK is known.
    TestCluster.await(observer.eventBus().<SnapshotRequest>consumer(Addresses.snapshot(StreamKind.MARKET), m -> {
      if (m.body().stream().key().equals("LINK")) {
        MarketPrice link = MarketTicks.price("LINK", 10, 0);
        m.reply(new StreamSnapshot(List.of(new StreamEvent(StreamId.market("LINK"), 1, link))));
      } else {
        m.fail(404, "UNKNOWN");
      }
    }).completion());
    int port = FreePorts.next();
    NodeConfig config = cluster.configFor(0).with(Setting.PORTFOLIO_INGEST_PORT, port);
    TestCluster.await(service.deployVerticle(new PortfolioVerticle(config), new DeploymentOptions()));
    facts = new FactClient(observer, port);
    serviceToken = TestTokens.issue(observer, "backend-service", Role.SERVICE, Duration.ofMinutes(10));
  }

  @AfterAll
  static void stop() {
    facts.close();
    cluster.close();
  }

  @Test
  void valuesHoldingsAtMarketPricesWithPerformanceAgainstTheDayAgoPrices() {
    String w = wallet("Va1uat");
    try (StreamRecorder stream = StreamRecorder.watching(observer, StreamId.wallet(w))) {
      // 24 h ago BTC was 50000 / 1.25 = 40000 and ETH 2000 / 0.8 = 2500.
      market.publish("BTC", 50000, 25);
      market.publish("ETH", 2000, -20);
      assertThat(facts.post("/facts/trades", trade("va1-1", w, "BTC", "buy", 0.5, 48000), serviceToken).status()).isEqualTo(200);
      assertThat(facts.post("/facts/trades", trade("va1-2", w, "ETH", "buy", 4, 1990), serviceToken).status()).isEqualTo(200);

      // 0.5 * 50000 + 4 * 2000 = 33000, against 0.5 * 40000 + 4 * 2500 = 30000: +10 %.
      PortfolioUpdated bought = portfolio(stream.await(MessageType.PORTFOLIO_UPDATED, e -> total(e) == 33000, WAIT));
      assertThat(bought.tokens())
          .containsExactly(new TokenValue("BTC", "Bitcoin", 0.5, 25000), new TokenValue("ETH", "Ethereum", 4, 8000));
      assertThat(bought.performance24h()).isCloseTo(10.0, within(1e-9));

      assertThat(facts.post("/facts/trades", trade("va1-3", w, "ETH", "sell", 1, 2010), serviceToken).status()).isEqualTo(200);
      // 25000 + 6000 = 31000 against 20000 + 7500 = 27500: +12.7272... %.
      PortfolioUpdated sold = portfolio(stream.await(MessageType.PORTFOLIO_UPDATED, e -> total(e) == 31000, WAIT));
      assertThat(sold.performance24h()).isCloseTo(3500.0 / 27500 * 100, within(1e-9));

      List<TradeExecuted> trades = stream.awaitCount(MessageType.TRADE_EXECUTED, 3, WAIT).stream()
          .map(e -> (TradeExecuted) e.payload()).toList();
      assertThat(trades).extracting(TradeExecuted::tradeId).containsExactly("va1-1", "va1-2", "va1-3");
      assertThat(trades.get(2).amount()).isEqualTo(-1.0);
      assertThat(trades.get(2).price()).isEqualTo(2010.0);
      assertThat(trades.get(2).contestId()).isNull();
    }
  }

  @Test
  void valuesAtThePriceFromTheMarketSnapshotBeforeAnyTick() {
    String w = wallet("Snap1ink");
    Answer linkBuy = facts.post("/facts/trades", trade("link-1", w, "LINK", "buy", 3, 9.5), serviceToken);
    assertThat(linkBuy.status()).as(linkBuy.body().encode()).isEqualTo(200);
    PortfolioUpdated current = snapshot(w);
    assertThat(current.tokens()).containsExactly(new TokenValue("LINK", "Chainlink", 3, 30));
    assertThat(current.totalValue()).isEqualTo(30.0);
    assertThat(current.performance24h()).isEqualTo(0.0);
  }

  @Test
  void aWalletWithNothingHasAnEmptyPortfolio() {
    StreamEvent event = snapshotEvent(wallet("Nothing"));
    assertThat(event.seq()).isZero();
    PortfolioUpdated empty = (PortfolioUpdated) event.payload();
    assertThat(empty.tokens()).isEmpty();
    assertThat(empty.totalValue()).isZero();
  }

  @Test
  void theSameTradeReportedTwiceIsAppliedOnce() {
    String w = wallet("Dup1icate");
    try (StreamRecorder stream = StreamRecorder.watching(observer, StreamId.wallet(w))) {
      JsonObject fact = trade("dup-1", w, "ADA", "buy", 5, 0.4);
      Answer first = facts.post("/facts/trades", fact, serviceToken);
      Answer again = facts.post("/facts/trades", fact, serviceToken);
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.body().getBoolean("duplicate")).isFalse();
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.body().getBoolean("duplicate")).isTrue();

      Answer reused = facts.post("/facts/trades", fact.copy().put("amount", 6), serviceToken);
      assertThat(reused.status()).isEqualTo(409);
      assertThat(reused.code()).isEqualTo("FACT_ID_CONFLICT");

      assertThat(snapshot(w).tokens()).extracting(TokenValue::amount).containsExactly(5.0);
      // A later trade comes after anything the repeated fact could have published.
      assertThat(facts.post("/facts/trades", trade("dup-2", w, "ADA", "buy", 1, 0.4), serviceToken).status()).isEqualTo(200);
      assertThat(stream.awaitCount(MessageType.TRADE_EXECUTED, 2, WAIT))
          .extracting(e -> ((TradeExecuted) e.payload()).tradeId())
          .containsExactly("dup-1", "dup-2");
    }
  }

  @Test
  void invalidFactsAreRejectedWithClearErrorsAndChangeNothing() {
    String w = wallet("Refused");
    assertThat(facts.post("/facts/trades", trade("inv-ok", w, "DOT", "buy", 1, 6), serviceToken).status()).isEqualTo(200);
    JsonObject valid = trade("inv-1", w, "DOT", "sell", 0.5, 6);

    assertRejected(facts.post("/facts/trades", valid, null), 401, "UNAUTHORIZED");
    assertRejected(facts.post("/facts/trades", valid, "not.a.jwt"), 401, "UNAUTHORIZED");
    assertRejected(facts.post("/facts/trades", valid, TestTokens.user(observer, w)), 403, "FORBIDDEN");
    assertRejected(facts.post("/facts/trades", Buffer.buffer("{\"trade_id\":"), serviceToken), 400, "INVALID_FACT");
    assertRejected(facts.post("/facts/trades", Buffer.buffer("[1,2]"), serviceToken), 400, "INVALID_FACT");
    assertRejected(facts.post("/facts/nothing", valid, serviceToken), 404, "NOT_FOUND");

    Map<String, Object> badFields = Map.of(
        "symbol", "<script>alert('x')</script>",
        "amount", -1,
        "price", 0,
        "side", "hold",
        "wallet_address", "0xNOT-A-SOLANA-ADDRESS",
        "trade_id", "x".repeat(65),
        "timestamp", "yesterday",
        "contest_id", "bad id!");
    for (Map.Entry<String, Object> bad : badFields.entrySet()) {
      Answer answer = facts.post("/facts/trades", valid.copy().put(bad.getKey(), bad.getValue()), serviceToken);
      assertThat(answer.status()).as("%s: %s", bad.getKey(), answer.body()).isEqualTo(400);
      assertThat(answer.code()).as("%s: %s", bad.getKey(), answer.body()).isIn("INVALID_FACT", "UNKNOWN_SYMBOL");
      assertThat(answer.body().getString("message")).as(bad.getKey()).contains(bad.getKey())
          .doesNotContain(String.valueOf(bad.getValue()));
    }

    Answer oversold = facts.post("/facts/trades", valid.copy().put("amount", 2), serviceToken);
    assertRejected(oversold, 409, "INSUFFICIENT_HOLDINGS");
    Answer noContestService = facts.post("/facts/trades", valid.copy().put("contest_id", "c-absent"), serviceToken);
    assertRejected(noContestService, 503, "SERVICE_UNAVAILABLE");

    assertThat(snapshot(w).tokens()).extracting(TokenValue::amount).containsExactly(1.0);
    // A refused fact's id stays free for the corrected report.
    assertThat(facts.post("/facts/trades", valid, serviceToken).body().getBoolean("applied")).isTrue();
    assertThat(snapshot(w).tokens()).extracting(TokenValue::amount).containsExactly(0.5);
  }

  @Test
  void ratesStayCappedUnderAPriceBurstWhileEveryTradeIsDelivered() {
    String w = wallet("Burst");
    assertThat(facts.post("/facts/trades", trade("burst-0", w, "SOL", "buy", 2, 100), serviceToken).status()).isEqualTo(200);
    try (StreamRecorder stream = StreamRecorder.watching(observer, StreamId.wallet(w))) {
      int[] tick = {0};
      long start = System.currentTimeMillis();
      observer.setPeriodic(5, id -> {
        tick[0]++;
        market.publish("SOL", 100 + tick[0], 5);
        if (tick[0] == 200) {
          observer.cancelTimer(id);
        }
      });
      for (int i = 1; i <= 20; i++) {
        assertThat(facts.post("/facts/trades", trade("burst-" + i, w, "SOL", "buy", 0.01, 150), serviceToken).status())
            .isEqualTo(200);
      }
      List<StreamEvent> executed = stream.awaitCount(MessageType.TRADE_EXECUTED, 20, WAIT);
      double finalValue = 2.2 * 300;
      stream.await(MessageType.PORTFOLIO_UPDATED, e -> Math.abs(total(e) - finalValue) < 1e-6, WAIT);
      stream.await(MessageType.PRICE_UPDATED, e -> ((PriceUpdated) e.payload()).price() == 300, WAIT);
      // The wait is the point: an update sent too soon after the last would arrive within one cap window.
      await().during(Duration.ofMillis(1200)).atMost(WAIT).untilAsserted(() -> {
        assertAtLeastASecondApart(stream.events(MessageType.PORTFOLIO_UPDATED));
        assertAtLeastASecondApart(stream.events(MessageType.PRICE_UPDATED));
      });
      long elapsedSeconds = (System.currentTimeMillis() - start + 999) / 1000;

      assertThat(executed).extracting(e -> ((TradeExecuted) e.payload()).tradeId())
          .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> "burst-" + i).toList());
      assertThat(executed).extracting(StreamEvent::seq).containsExactlyElementsOf(
          java.util.stream.LongStream.rangeClosed(executed.get(0).seq(), executed.get(0).seq() + 19).boxed().toList());

      List<StreamEvent> portfolios = stream.events(MessageType.PORTFOLIO_UPDATED);
      assertAtLeastASecondApart(portfolios);
      assertThat(portfolios.size()).isLessThanOrEqualTo((int) elapsedSeconds + 1);
      assertThat(total(portfolios.get(portfolios.size() - 1))).isCloseTo(finalValue, within(1e-6));

      List<StreamEvent> prices = stream.events(MessageType.PRICE_UPDATED);
      assertAtLeastASecondApart(prices);
      assertThat(((PriceUpdated) prices.get(prices.size() - 1).payload()).price()).isEqualTo(300.0);
    }
  }

  @Test
  void aSnapshotThenLiveUpdatesContinueWithoutAGapInSeq() {
    String w = wallet("NoGap");
    try (StreamRecorder stream = StreamRecorder.watching(observer, StreamId.wallet(w))) {
      market.publish("XRP", 2, 0);
      facts.post("/facts/trades", trade("gap-1", w, "XRP", "buy", 10, 2), serviceToken);
      StreamEvent live = stream.await(MessageType.PORTFOLIO_UPDATED, e -> total(e) > 0, WAIT);
      // Once the stream has caught up with the snapshot, the snapshot is the last update seen.
      StreamEvent snap = await().atMost(WAIT).until(() -> snapshotEvent(w), taken -> taken.seq() == lastSeen(stream));
      assertThat(snap.seq()).isGreaterThanOrEqualTo(live.seq());

      facts.post("/facts/trades", trade("gap-2", w, "XRP", "buy", 5, 2), serviceToken);
      StreamEvent next = stream.await(MessageType.PORTFOLIO_UPDATED, e -> e.seq() > snap.seq(), WAIT);
      assertThat(next.seq()).isEqualTo(snap.seq() + 1);
      assertThat(total(next)).isEqualTo(30.0);
    }
  }

  @Test
  void aWalletNobodyWatchesIsNeitherPublishedNorValuedUntilAGatewayWatchesIt() {
    String unwatched = wallet("Quiet");
    String witness = wallet("Witness");
    try (StreamRecorder quiet = StreamRecorder.on(observer, StreamId.wallet(unwatched));
        StreamRecorder watched = StreamRecorder.watching(observer, StreamId.wallet(witness))) {
      assertThat(facts.post("/facts/trades", trade("quiet-1", unwatched, "DOGE", "buy", 10, 1), serviceToken).status())
          .isEqualTo(200);
      assertThat(facts.post("/facts/trades", trade("witness-1", witness, "DOGE", "buy", 10, 1), serviceToken).status())
          .isEqualTo(200);
      watched.await(MessageType.TRADE_EXECUTED, e -> true, WAIT);
      market.publish("DOGE", 2, 0);
      // The watched wallet's valuation at the new price is the witness that the move was handled.
      watched.await(MessageType.PRICE_UPDATED, e -> ((PriceUpdated) e.payload()).price() == 2, WAIT);
      assertThat(quiet.events()).as("nothing is published for a wallet nobody watches").isEmpty();

      try (StreamRecorder nowWatched = StreamRecorder.watching(observer, StreamId.wallet(unwatched))) {
        market.publish("DOGE", 3, 0);
        StreamEvent valued = nowWatched.await(MessageType.PORTFOLIO_UPDATED, e -> total(e) == 30.0, WAIT);
        assertThat(valued.epoch()).as("the stream's epoch travels with its messages").isNotNull();
        assertThat(facts.post("/facts/trades", trade("quiet-2", unwatched, "DOGE", "buy", 1, 3), serviceToken).status())
            .isEqualTo(200);
        StreamEvent trade = nowWatched.await(MessageType.TRADE_EXECUTED, e -> true, WAIT);
        assertThat(trade.seq()).as("numbered by the record: the unwatched wallet's first trade was 1").isEqualTo(2);
      }
    }
  }

  @Test
  void aWalletWatchedBeforeItsFirstTradeSeesThatTrade() {
    String w = wallet("Eager");
    try (StreamRecorder stream = StreamRecorder.watching(observer, StreamId.wallet(w))) {
      Answer first = facts.post("/facts/trades", trade("early-1", w, "SOL", "buy", 2, 5), serviceToken);
      assertThat(first.status()).as(first.body().encode()).isEqualTo(200);
      assertThat(stream.await(MessageType.TRADE_EXECUTED, e -> true, WAIT).seq()).isEqualTo(1);
      stream.await(MessageType.PORTFOLIO_UPDATED, e -> !((PortfolioUpdated) e.payload()).tokens().isEmpty(), WAIT);
    }
  }

  @Test
  void aBatchIsAnsweredFactByFactInOrderAndEveryTradeIsPublished() {
    List<String> wallets = java.util.stream.IntStream.range(0, 20).mapToObj(i -> wallet("Batch" + "abcdefghijkmnopqrstu".charAt(i))).toList();
    List<StreamRecorder> recorders = wallets.stream().map(w -> StreamRecorder.watching(observer, StreamId.wallet(w))).toList();
    try {
      io.vertx.core.json.JsonArray trades = new io.vertx.core.json.JsonArray();
      for (int i = 0; i < 200; i++) {
        trades.add(trade("batch-" + i, wallets.get(i % 20), "ADA", "buy", 1, 1));
      }
      trades.add(trade("batch-sell", wallets.get(0), "ADA", "sell", 10, 1));
      trades.add(trade("batch-bad", wallets.get(1), "NOPE", "buy", 1, 1));
      Answer answer = facts.post("/facts/trades/batch", new JsonObject().put("trades", trades), serviceToken);
      assertThat(answer.status()).isEqualTo(200);
      io.vertx.core.json.JsonArray results = answer.body().getJsonArray("results");
      assertThat(results).hasSize(202);
      assertThat(results.getJsonObject(200).getBoolean("applied")).as("the sale follows the ten buys before it").isTrue();
      assertThat(results.getJsonObject(201).getString("code")).isEqualTo("UNKNOWN_SYMBOL");
      assertThat(results.getJsonObject(201).getInteger("status")).isEqualTo(400);
      for (StreamRecorder r : recorders) {
        r.awaitCount(MessageType.TRADE_EXECUTED, r == recorders.get(0) ? 11 : 10, WAIT);
      }
      assertThat(facts.post("/facts/trades/batch", new JsonObject().put("trades", new io.vertx.core.json.JsonArray()), serviceToken)
          .status()).isEqualTo(400);
    } finally {
      recorders.forEach(StreamRecorder::close);
    }
  }

  private static void assertAtLeastASecondApart(List<StreamEvent> events) {
    assertThat(events).isNotEmpty();
    for (int i = 1; i < events.size(); i++) {
      long gap = events.get(i).payload().eventTime().toEpochMilli() - events.get(i - 1).payload().eventTime().toEpochMilli();
      if (events.get(i).payload() instanceof PortfolioUpdated) {
        assertThat(gap).as("gap between PORTFOLIO_UPDATED %d and %d", i - 1, i).isGreaterThanOrEqualTo(990);
      }
    }
    if (events.get(0).payload() instanceof PriceUpdated) {
      // PRICE_UPDATED carries the market's timestamp, so the cap is checked on the sequence of prices sent.
      assertThat(events.size()).isLessThanOrEqualTo(4);
    }
  }

  private static void assertRejected(Answer answer, int status, String code) {
    assertThat(answer.status()).as(answer.body().encode()).isEqualTo(status);
    assertThat(answer.code()).isEqualTo(code);
    assertThat(answer.body().getString("message")).isNotBlank();
  }

  private static PortfolioUpdated portfolio(StreamEvent e) {
    return (PortfolioUpdated) e.payload();
  }

  private static double total(StreamEvent e) {
    return portfolio(e).totalValue();
  }

  private static PortfolioUpdated snapshot(String w) {
    return (PortfolioUpdated) snapshotEvent(w).payload();
  }

  private static StreamEvent snapshotEvent(String w) {
    StreamSnapshot snapshot = TestCluster.await(observer.eventBus()
        .<StreamSnapshot>request(Addresses.snapshot(StreamKind.WALLET), new SnapshotRequest(StreamId.wallet(w)))
        .map(m -> m.body()));
    assertThat(snapshot.events()).hasSize(1);
    return snapshot.events().get(0);
  }

  private static long lastSeen(StreamRecorder stream) {
    return stream.events(MessageType.PORTFOLIO_UPDATED).stream().mapToLong(StreamEvent::seq).max().orElseThrow();
  }
}
