package com.degenduel.realtime.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.codec.bus.EventBusCodecs;
import com.degenduel.realtime.market.source.MalformedSourceAnswer;
import com.degenduel.realtime.market.source.Trade;
import com.degenduel.realtime.market.source.binance.BinanceRest;
import com.degenduel.realtime.market.source.binance.BinanceTrades;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.simulator.SimulatorVerticle;
import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTokens;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator's exchange over real HTTP on loopback, read by the market's real Binance adapter. */
class SimulatedExchangeTest {
  private static Vertx vertx;
  private static WebClient http;
  private static BinanceRest binance;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    // What ClusterNode does for every process: the simulator's price feed sends typed snapshot requests.
    EventBusCodecs.registerAll(vertx.eventBus());
    int port = FreePorts.next();
    base = "http://127.0.0.1:" + port;
    NodeConfig config =
        NodeConfig.defaults()
            .with(Setting.DEV_MODE, true)
            .with(Setting.SIM_HTTP_PORT, port)
            .with(Setting.SIM_USERS, 0)
            .with(Setting.SIM_SEED, 5)
            .with(Setting.SIM_TICKS_PER_SECOND, 50)
            .with(Setting.MARKET_SOURCE_URL, base)
            .with(Setting.MARKET_SOURCE_TIMEOUT_MS, 1500);
    TestCluster.await(vertx.deployVerticle(new SimulatorVerticle(config), new DeploymentOptions()));
    http = WebClient.create(vertx);
    binance = BinanceRest.create(vertx, config);
    // The exchange trades from its start: the tests read ten trades of a symbol.
    for (String symbol : List.of("BTCUSDT", "ETHUSDT")) {
      await().atMost(Duration.ofSeconds(10))
          .until(() -> BinanceTrades.parse(get("/api/v3/trades?symbol=" + symbol + "&limit=10").body()).size() == 10);
    }
  }

  @AfterAll
  static void stop() {
    TestCluster.await(vertx.close());
  }

  private static HttpResponse<Buffer> get(String path) {
    return TestCluster.await(http.getAbs(base + path).send());
  }

  private static HttpResponse<Buffer> setFaults(String body, String token) {
    var request = http.postAbs(base + "/sim/market/faults");
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return TestCluster.await(request.sendBuffer(Buffer.buffer(body)));
  }

  private static String admin() {
    return TestTokens.issue(vertx, "AdminWallet1", Role.ADMIN, Duration.ofMinutes(5));
  }

  @Test
  void servesRecentTradesInBinanceShape() {
    HttpResponse<Buffer> response = get("/api/v3/trades?symbol=BTCUSDT&limit=7");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject first = response.bodyAsJsonArray().getJsonObject(0);
    assertThat(first.fieldNames()).contains("id", "price", "qty", "quoteQty", "time", "isBuyerMaker");
    assertThat(first.getValue("price")).isInstanceOf(String.class);
    List<Trade> trades = BinanceTrades.parse(response.body());
    assertThat(trades).hasSize(7);
    assertThat(trades.get(6).id()).isGreaterThan(trades.get(0).id());
  }

  @Test
  void servesThe24HourTicker() {
    JsonObject ticker = get("/api/v3/ticker/24hr?symbol=ETHUSDT").bodyAsJsonObject();

    assertThat(ticker.getString("symbol")).isEqualTo("ETHUSDT");
    double last = Double.parseDouble(ticker.getString("lastPrice"));
    assertThat(last).isBetween(Double.parseDouble(ticker.getString("lowPrice")), Double.parseDouble(ticker.getString("highPrice")));
    assertThat(Double.parseDouble(ticker.getString("volume"))).isPositive();
  }

  @Test
  void refusesUnknownSymbolsAndBadLimitsLikeBinance() {
    HttpResponse<Buffer> unknown = get("/api/v3/trades?symbol=NOPEUSDT");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.bodyAsJsonObject().getInteger("code")).isEqualTo(-1121);
    assertThat(get("/api/v3/ticker/24hr").statusCode()).isEqualTo(400);
    assertThat(get("/api/v3/trades?symbol=BTCUSDT&limit=0").statusCode()).isEqualTo(400);
    assertThat(get("/api/v3/trades?symbol=BTCUSDT&limit=x").statusCode()).isEqualTo(400);
  }

  @Test
  void faultsAreSwitchedOnlyByAnAdmin() {
    assertThat(setFaults("{\"mode\":\"errors\"}", null).statusCode()).isEqualTo(401);
    assertThat(setFaults("{\"mode\":\"errors\"}", "not-a-token").statusCode()).isEqualTo(401);
    String user = TestTokens.user(vertx, "UserWallet1");
    HttpResponse<Buffer> asUser = setFaults("{\"mode\":\"errors\"}", user);
    assertThat(asUser.statusCode()).as(asUser.bodyAsString()).isEqualTo(403);
    assertThat(setFaults("{\"mode\":\"sideways\"}", admin()).statusCode()).isEqualTo(400);
    assertThat(setFaults("not json", admin()).statusCode()).isEqualTo(400);
    assertThat(get("/api/v3/trades?symbol=BTCUSDT").statusCode()).isEqualTo(200);
  }

  @Test
  void eachFaultMakesTheRealAdapterFailAndNoneHeals() {
    String admin = admin();
    try {
      assertThat(setFaults("{\"mode\":\"errors\"}", admin).bodyAsJsonObject().getString("mode")).isEqualTo("errors");
      assertThat(get("/api/v3/trades?symbol=BTCUSDT").statusCode()).isEqualTo(500);
      assertThat(failure(binance.recentTrades("BTC", 10))).isInstanceOf(MalformedSourceAnswer.class);

      setFaults("{\"mode\":\"garbage\"}", admin);
      assertThat(failure(binance.recentTrades("BTC", 10))).isInstanceOf(MalformedSourceAnswer.class);
      assertThat(failure(binance.recentTrades("BTC", 10))).isInstanceOf(MalformedSourceAnswer.class);

      setFaults("{\"mode\":\"stall\"}", admin);
      long started = System.nanoTime();
      assertThat(failure(binance.recentTrades("BTC", 10))).isNotNull();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    } finally {
      setFaults("{\"mode\":\"none\"}", admin);
    }
    assertThat(TestCluster.await(binance.recentTrades("BTC", 10))).hasSize(10);
  }

  private static Throwable failure(io.vertx.core.Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("no answer: " + e, e);
    }
    throw new AssertionError("expected a failure");
  }
}
