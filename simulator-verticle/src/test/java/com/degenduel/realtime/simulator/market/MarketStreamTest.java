package com.degenduel.realtime.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.market.MarketAvailability;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.management.NodeMetrics;
import com.degenduel.realtime.testkit.TestCluster;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market service reads the simulator's WebSocket trade stream (Binance's combined-stream shape)
 * over a real connection on loopback with the {@code binance} adapter, and its 24-hour figures from
 * the simulator's REST API; member 1 of the cluster listens like a gateway would. The simulator
 * traded for a while before the market service started, so only the REST snapshot knows the start
 * of the day.
 */
class MarketStreamTest {
  private static final Logger LOG = LoggerFactory.getLogger(MarketStreamTest.class);
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private static final List<MarketAvailability> availability = new CopyOnWriteArrayList<>();
  private static final List<StreamEvent> prices = new CopyOnWriteArrayList<>();
  private static MarketOnSimulatedExchange market;
  private static JsonObject tickerBeforeMarket;

  @BeforeAll
  static void start() {
    market = new MarketOnSimulatedExchange("binance", c -> c
        .with(Setting.MARKET_STREAM_SILENCE_MS, 400)
        .with(Setting.MARKET_STREAM_BACKOFF_MAX_MS, 400), availability::add, prices::add);
    market.startSimulator();
    Awaitility.await().atMost(PATIENCE).untilAsserted(() -> {
      HttpResponse<Buffer> ticker =
          TestCluster.await(market.http.getAbs(market.exchange + "/api/v3/ticker/24hr?symbol=BTCUSDT").send());
      assertThat(ticker.statusCode()).isEqualTo(200);
      assertThat(ticker.bodyAsJsonObject().getLong("lastId")).as("trades before the market service starts").isGreaterThanOrEqualTo(25);
      tickerBeforeMarket = ticker.bodyAsJsonObject();
    });
    market.startMarket();
  }

  @AfterAll
  static void stop() {
    market.close();
  }

  @Test
  void tradesArePushedAsTheyHappenWithTheDayFiguresOfTheRestSnapshot() {
    Awaitility.await().atMost(PATIENCE).until(() -> !prices.isEmpty());
    MarketPrice first = (MarketPrice) prices.get(0).payload();
    double volumeBefore = Double.parseDouble(tickerBeforeMarket.getString("volume"));
    assertThat(first.volume24h()).as("the day's volume includes what traded before the stream was joined").isGreaterThanOrEqualTo(volumeBefore);
    assertThat(first.high24h()).isGreaterThanOrEqualTo(Double.parseDouble(tickerBeforeMarket.getString("highPrice")));
    assertThat(first.low24h()).isLessThanOrEqualTo(Double.parseDouble(tickerBeforeMarket.getString("lowPrice")));
    double open = Double.parseDouble(tickerBeforeMarket.getString("openPrice"));
    assertThat(first.change24h()).isCloseTo((first.price() - open) / open * 100, org.assertj.core.data.Offset.offset(1e-9));

    JsonObject connections =
        TestCluster.await(market.http.getAbs(market.exchange + "/sim/market/stream").bearerTokenAuthentication(market.admin()).send())
        .bodyAsJsonObject();
    assertThat(connections.getJsonArray("connections")).hasSize(1);
    assertThat(connections.getJsonArray("connections").getJsonObject(0).getJsonArray("streams").getList())
        .containsExactlyInAnyOrder("btcusdt@trade", "ethusdt@trade");

    Timer delay = registry().find("dd_market_publish_delay").tag("type", "MARKET_PRICE").tag("held", "false").timer();
    Awaitility.await().atMost(PATIENCE).until(() -> delay.count() >= 50);
    LOG.info(
        "dd_market_publish_delay of MARKET_PRICE over {} prices pushed from the stream: mean {} ms, max {} ms",
        delay.count(), String.format("%.2f", delay.mean(TimeUnit.MILLISECONDS)), String.format("%.1f", delay.max(TimeUnit.MILLISECONDS)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"errors", "stall", "garbage"})
  void eachStreamFaultOpensTheBreakerAndTheStreamRecoversWhenItIsCleared(String fault) {
    Awaitility.await().atMost(PATIENCE).until(() -> !prices.isEmpty());
    double malformedBefore = count("dd_market_stream_malformed", null);
    double lostBefore = count("dd_market_stream_disconnects", "closed") + count("dd_market_stream_disconnects", "refused")
        + count("dd_market_stream_disconnects", "silent");
    availability.clear();

    market.faults(fault);
    Awaitility.await().atMost(PATIENCE).untilAsserted(() ->
        assertThat(availability).as("the breaker opened").anySatisfy(a -> assertThat(a.available()).isFalse()));
    assertThat(registry().find("dd_market_breaker_state").gauge().value()).isGreaterThan(0);
    switch (fault) {
      case "errors" -> {
        assertThat(count("dd_market_stream_disconnects", "closed")).as("the live connection was dropped").isPositive();
        assertThat(count("dd_market_stream_disconnects", "refused")).as("new connections were refused").isPositive();
      }
      case "stall" -> assertThat(count("dd_market_stream_disconnects", "silent")).as("silent connections were replaced").isPositive();
      default -> {
        assertThat(count("dd_market_stream_malformed", null)).as("garbage counted").isGreaterThanOrEqualTo(malformedBefore + 3);
        assertThat(count("dd_market_stream_disconnects", "closed") + count("dd_market_stream_disconnects", "refused")
            + count("dd_market_stream_disconnects", "silent")).as("garbage is skipped, the connection kept").isEqualTo(lostBefore);
      }
    }
    int pricesAtFault = prices.size();

    market.faults("none");
    Awaitility.await().atMost(PATIENCE).untilAsserted(() -> {
      assertThat(availability.get(availability.size() - 1).available()).as("the breaker closed again").isTrue();
      assertThat(prices.size()).as("prices flow again").isGreaterThan(pricesAtFault);
    });
    assertThat(registry().find("dd_market_breaker_state").gauge().value()).isZero();
  }

  private static MeterRegistry registry() {
    return NodeMetrics.of(market.cluster.node(0)).registry();
  }

  private static double count(String name, String reason) {
    var search = registry().find(name);
    Counter counter = (reason == null ? search : search.tag("reason", reason)).counter();
    return counter == null ? 0 : counter.count();
  }
}
