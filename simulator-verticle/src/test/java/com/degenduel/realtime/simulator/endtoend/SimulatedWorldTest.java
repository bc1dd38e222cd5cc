package com.degenduel.realtime.simulator.endtoend;

import static com.degenduel.realtime.simulator.endtoend.SimulatedWorld.DEMO_CONTEST;
import static com.degenduel.realtime.simulator.endtoend.SimulatedWorld.DEMO_WALLET;
import static com.degenduel.realtime.simulator.endtoend.SimulatedWorld.STARTING_BALANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.wire.StreamBatch;
import com.degenduel.realtime.codec.wire.StreamFrame;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.WssTestClient;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 3's "done when", over real WSS with the simulator driving users and contests through the
 * ingestion APIs: a simulated wallet's live valuation adds up at the prices the market streams, its
 * trades and prices arrive, and a simulated contest streams its state, a correctly ordered
 * leaderboard and participant activity, snapshot first and then live without a gap in seq.
 */
@ExtendWith(SimulatedWorld.Shared.class)
class SimulatedWorldTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  static final Duration POLL = Duration.ofMillis(50);
  private static SimulatedWorld world;

  @BeforeAll
  static void start(SimulatedWorld shared) {
    world = shared;
  }

  @Test
  void aSimulatedWalletIsValuedAtTheStreamedMarketPricesAndSeesItsTradesAndPrices() {
    // Every MARKET_PRICE the market publishes, as the portfolio service receives it (a market
    // socket may rightly skip some: a slow reader's prices are conflated), and what the market
    // socket shows (its snapshot holds the price published before this test listened).
    Map<String, Set<Double>> marketPrices = new ConcurrentHashMap<>();
    List<MessageConsumer<StreamBatch>> priceListeners = new ArrayList<>();
    for (String symbol : List.of("BTC", "ETH", "SOL")) {
      MessageConsumer<StreamBatch> listener = world.cluster.node(2).eventBus().consumer(StreamId.market(symbol).address(), m -> {
        for (StreamFrame frame : m.body().frames()) {
          if (frame.type() == MessageType.MARKET_PRICE) {
            MarketPrice price = (MarketPrice) frame.decode().payload();
            marketPrices.computeIfAbsent(price.symbol(), k -> ConcurrentHashMap.newKeySet()).add(price.price());
          }
        }
      });
      TestCluster.await(listener.completion());
      priceListeners.add(listener);
    }
    // A registration reaches the market's node some time after it completes here: the wallet is
    // watched only once every listener has heard a price, so none of its valuations uses a price
    // published before the listeners were known.
    await().atMost(WAIT).pollInterval(POLL).until(() -> marketPrices.keySet().containsAll(List.of("BTC", "ETH", "SOL")));
    List<JsonObject> wallet = new ArrayList<>();
    try (WssTestClient market = world.connect("/api/v2/ws/market?symbols=BTC,ETH,SOL", world.token(DEMO_WALLET, Role.USER));
        WssTestClient portfolio = world.connect("/api/v2/ws/portfolio", world.token(DEMO_WALLET, Role.USER))) {
      await().atMost(WAIT.multipliedBy(2)).pollInterval(POLL).untilAsserted(() -> {
        drain(market, m -> recordPrice(marketPrices, m));
        drain(portfolio, wallet::add);
        assertThat(seenAll(wallet)).as("PORTFOLIO_UPDATED, TRADE_EXECUTED and PRICE_UPDATED; saw %s", wallet).isTrue();
        assertThat(marketPrices).as("prices on the market socket").containsKeys("BTC", "ETH", "SOL");
      });
      // A valuation may reach its socket before the price it used reaches the market's socket.
      await().atMost(WAIT).pollInterval(POLL).untilAsserted(() -> {
        drain(market, m -> recordPrice(marketPrices, m));
        assertValuedAtStreamedPrices(wallet, marketPrices);
      });
    } finally {
      priceListeners.forEach(l -> TestCluster.await(l.unregister()));
    }

    assertThat(wallet.get(0).getString("type")).as("the snapshot comes first").isEqualTo("PORTFOLIO_UPDATED");
    for (JsonObject trade : ofType(wallet, "TRADE_EXECUTED")) {
      assertThat(trade.getJsonObject("data").getString("wallet_address")).isEqualTo(DEMO_WALLET);
    }
    assertNoGaps(wallet);
  }

  @Test
  void aSimulatedContestStreamsItsStateAnOrderedLeaderboardAndActivitySnapshotThenLive() {
    JsonObject contests = world.awaitReply("/sim/contests", body -> body.getJsonArray("contests").stream()
        .map(JsonObject.class::cast).anyMatch(c -> DEMO_CONTEST.equals(c.getString("contest_id")) && "active".equals(c.getString("stage"))),
        WAIT);
    assertThat(contests.getJsonArray("contests").size()).as("the demo contest and the other slot").isGreaterThanOrEqualTo(2);

    List<JsonObject> seen = new ArrayList<>();
    try (WssTestClient client = world.connect("/api/v2/ws/contest/" + DEMO_CONTEST, world.token(DEMO_WALLET, Role.USER))) {
      await().atMost(WAIT).pollInterval(POLL).untilAsserted(() -> {
        drain(client, seen::add);
        assertThat(ofType(seen, "LEADERBOARD_UPDATED")).as("leaderboards; saw %s", seen).hasSizeGreaterThanOrEqualTo(3);
        assertThat(ofType(seen, "PARTICIPANT_ACTIVITY")).as("activity; saw %s", seen).isNotEmpty();
        assertThat(ofType(seen, "CONTEST_UPDATED")).as("contest states; saw %s", seen).hasSizeGreaterThanOrEqualTo(2);
      });
    }

    assertThat(seen.get(0).getString("type")).isEqualTo("CONTEST_UPDATED");
    assertThat(seen.get(1).getString("type")).isEqualTo("LEADERBOARD_UPDATED");
    JsonObject state = seen.get(0).getJsonObject("data");
    assertThat(state.getString("contest_id")).isEqualTo(DEMO_CONTEST);
    assertThat(state.getString("status")).isEqualTo("active");
    assertThat(state.getInteger("current_round")).isPositive();
    assertThat(state.getLong("time_remaining")).isPositive();

    for (JsonObject board : ofType(seen, "LEADERBOARD_UPDATED")) {
      JsonArray rows = board.getJsonObject("data").getJsonArray("leaderboard");
      assertThat(rows).isNotEmpty();
      for (int i = 0; i < rows.size(); i++) {
        JsonObject row = rows.getJsonObject(i);
        assertThat(row.getInteger("rank")).as("ranks run 1..n").isEqualTo(i + 1);
        assertThat(row.getDouble("performance")).as("performance is the gain over the starting balance, in percent")
            .isCloseTo((row.getDouble("portfolio_value") - STARTING_BALANCE) / STARTING_BALANCE * 100, within(1e-6));
        if (i > 0) {
          assertThat(row.getDouble("performance")).as("ordered by performance")
              .isLessThanOrEqualTo(rows.getJsonObject(i - 1).getDouble("performance"));
        }
      }
      assertThat(rows.stream().map(JsonObject.class::cast).map(r -> r.getString("wallet_address")))
          .as("the demo wallet takes part in the demo contest").contains(DEMO_WALLET);
    }
    for (JsonObject activity : ofType(seen, "PARTICIPANT_ACTIVITY")) {
      assertThat(activity.getJsonObject("data").getString("activity_type")).isIn("join", "leave", "trade");
    }
    assertNoGaps(seen);
  }

  @Test
  void anUnknownContestGetsContestNotFoundAndCloseCode4004() {
    try (WssTestClient client = world.connect("/api/v2/ws/contest/no-such-contest", world.token(DEMO_WALLET, Role.USER))) {
      JsonObject error = client.next(WAIT);
      assertThat(error.getString("type")).isEqualTo("ERROR");
      assertThat(error.getJsonObject("error").getString("code")).isEqualTo("CONTEST_NOT_FOUND");
      assertThat(client.awaitClose(WAIT)).isEqualTo((short) 4004);
    }
  }

  /** Every token value is its amount at a MARKET_PRICE the market streamed, and so is every PRICE_UPDATED. */
  private static void assertValuedAtStreamedPrices(List<JsonObject> wallet, Map<String, Set<Double>> marketPrices) {
    int valued = 0;
    for (JsonObject update : ofType(wallet, "PORTFOLIO_UPDATED")) {
      JsonArray tokens = update.getJsonObject("data").getJsonArray("tokens");
      double sum = 0;
      for (int i = 0; i < tokens.size(); i++) {
        JsonObject token = tokens.getJsonObject(i);
        double amount = token.getDouble("amount");
        double value = token.getDouble("value");
        sum += value;
        Set<Double> prices = marketPrices.getOrDefault(token.getString("symbol"), Set.of());
        assertThat(prices)
            .as("%s value %s / amount %s is a MARKET_PRICE the market streamed", token.getString("symbol"), value, amount)
            .anySatisfy(p -> assertThat(value).isCloseTo(amount * p, within(1e-9 * Math.max(1, value))));
        valued++;
      }
      assertThat(update.getJsonObject("data").getDouble("total_value"))
          .as("total_value is the sum of the token values").isCloseTo(sum, within(1e-9 * Math.max(1, sum)));
    }
    assertThat(valued).as("token values checked").isPositive();
    for (JsonObject price : ofType(wallet, "PRICE_UPDATED")) {
      JsonObject data = price.getJsonObject("data");
      assertThat(marketPrices.get(data.getString("symbol"))).contains(data.getDouble("price"));
    }
  }

  private static void recordPrice(Map<String, Set<Double>> marketPrices, JsonObject message) {
    if ("MARKET_PRICE".equals(message.getString("type"))) {
      JsonObject data = message.getJsonObject("data");
      marketPrices.computeIfAbsent(data.getString("symbol"), k -> ConcurrentHashMap.newKeySet()).add(data.getDouble("price"));
    }
  }

  private static boolean seenAll(List<JsonObject> messages) {
    return !ofType(messages, "PORTFOLIO_UPDATED").isEmpty() && !ofType(messages, "TRADE_EXECUTED").isEmpty()
        && !ofType(messages, "PRICE_UPDATED").isEmpty()
        && ofType(messages, "PORTFOLIO_UPDATED").stream().anyMatch(m -> !m.getJsonObject("data").getJsonArray("tokens").isEmpty());
  }

  /**
   * Within each message type and key of the stream (MARKET_VOLUME's interval, PRICE_UPDATED's
   * symbol), seq rises by exactly one from the snapshot on.
   */
  static void assertNoGaps(List<JsonObject> messages) {
    Map<String, Long> last = new HashMap<>();
    for (JsonObject m : messages) {
      String type = lane(m);
      Long previous = last.put(type, m.getLong("seq"));
      if (previous != null) {
        assertThat(m.getLong("seq")).as("%s seq after %s", type, previous).isEqualTo(previous + 1);
      }
    }
  }

  private static String lane(JsonObject m) {
    String type = m.getString("type");
    JsonObject data = m.getJsonObject("data");
    return switch (type) {
      case "MARKET_VOLUME" -> type + ':' + data.getString("interval");
      case "PRICE_UPDATED" -> type + ':' + data.getString("symbol");
      default -> type;
    };
  }

  static List<JsonObject> ofType(List<JsonObject> messages, String type) {
    return messages.stream().filter(m -> type.equals(m.getString("type"))).toList();
  }

  /** Takes whatever has arrived, without waiting. */
  static void drain(WssTestClient client, java.util.function.Consumer<JsonObject> sink) {
    while (client.backlog() > 0) {
      sink.accept(client.next(Duration.ofMillis(100)));
    }
  }
}
