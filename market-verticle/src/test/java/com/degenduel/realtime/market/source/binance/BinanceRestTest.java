package com.degenduel.realtime.market.source.binance;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.market.source.DayTicker;
import com.degenduel.realtime.market.source.MalformedSourceAnswer;
import com.degenduel.realtime.market.source.MarketDataSources;
import com.degenduel.realtime.market.source.Trade;
import com.degenduel.realtime.market.source.TradeSide;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.testkit.TestCluster;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against a real HTTP server on loopback that answers as scripted by each test. */
class BinanceRestTest {
  private static final String TWO_TRADES =
      """
      [{"id":28457,"price":"64000.10","qty":"0.5","quoteQty":"32000.05","time":1700000000000,"isBuyerMaker":true,"isBestMatch":true},
       {"id":28458,"price":"64001.00","qty":"0.25","quoteQty":"16000.25","time":1700000000500,"isBuyerMaker":false,"isBestMatch":true}]
      """;

  private Vertx vertx;
  private HttpServer server;
  private volatile Consumer<HttpServerRequest> behaviour;
  private BinanceRest source;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server = TestCluster.await(vertx.createHttpServer().requestHandler(r -> behaviour.accept(r)).listen(0, "127.0.0.1"));
    NodeConfig config =
        NodeConfig.defaults()
            .with(Setting.MARKET_SOURCE_URL, "http://127.0.0.1:" + server.actualPort())
            // Long enough for a loaded CI machine to answer a local request, short enough that the
            // stalled source below still fails well inside its bound.
            .with(Setting.MARKET_SOURCE_TIMEOUT_MS, 1500);
    source = BinanceRest.create(vertx, config);
  }

  @AfterEach
  void stop() {
    TestCluster.await(source.close());
    TestCluster.await(vertx.close());
  }

  @Test
  void readsRecentTradesOfTheExchangeSymbol() {
    CompletableFuture<String> query = new CompletableFuture<>();
    behaviour =
        r -> {
          query.complete(r.path() + "?" + r.query());
          r.response().putHeader("content-type", "application/json").end(TWO_TRADES);
        };

    List<Trade> trades = TestCluster.await(source.recentTrades("BTC", 50));

    assertThat(query.getNow(null)).isEqualTo("/api/v3/trades?symbol=BTCUSDT&limit=50");
    assertThat(trades)
        .containsExactly(
            new Trade(28457, 64000.10, 0.5, TradeSide.SELL, Instant.ofEpochMilli(1700000000000L)),
            new Trade(28458, 64001.00, 0.25, TradeSide.BUY, Instant.ofEpochMilli(1700000000500L)));
  }

  @Test
  void readsTheDayTickerOfTheExchangeSymbol() {
    CompletableFuture<String> query = new CompletableFuture<>();
    behaviour =
        r -> {
          query.complete(r.path() + "?" + r.query());
          r.response().putHeader("content-type", "application/json").end("""
              {"symbol":"BTCUSDT","priceChange":"100.0","lastPrice":"64100.0","openPrice":"64000.00","highPrice":"65000.5",
               "lowPrice":"63000.25","volume":"1234.5","quoteVolume":"79000000","openTime":1699913600000,
               "closeTime":1700000000000,"firstId":100,"lastId":28458,"count":28359}
              """);
        };

    DayTicker day = TestCluster.await(source.day("BTC"));

    assertThat(query.getNow(null)).isEqualTo("/api/v3/ticker/24hr?symbol=BTCUSDT");
    assertThat(day).isEqualTo(new DayTicker(64000.00, 65000.5, 63000.25, 1234.5, 28458));
  }

  @Test
  void aDayTickerOfTheWrongShapeIsAFailure() {
    for (String garbage : List.of("<html>", "[]", "{\"openPrice\":\"1\"}",
        "{\"openPrice\":\"1\",\"highPrice\":\"0.5\",\"lowPrice\":\"2\",\"volume\":\"1\",\"lastId\":1}")) {
      behaviour = r -> r.response().end(garbage);

      assertThat(failure(source.day("BTC"))).as(garbage).isInstanceOf(MalformedSourceAnswer.class);
    }
  }

  @Test
  void anHttpErrorIsAFailure() {
    behaviour = r -> r.response().setStatusCode(500).end("{\"code\":-1000,\"msg\":\"boom\"}");

    assertThat(failure(source.recentTrades("BTC", 10))).isInstanceOf(MalformedSourceAnswer.class).hasMessageContaining("500");
  }

  @Test
  void garbageIsAFailureNotACrash() {
    for (String garbage :
        List.of(
            "<html>not json",
            "{\"unexpected\":true}",
            "[1,2,3]",
            "[{\"id\":1,\"qty\":\"1\",\"time\":1,\"isBuyerMaker\":true}]",
            "[{\"id\":1,\"price\":\"abc\",\"qty\":\"1\",\"time\":1,\"isBuyerMaker\":true}]",
            "[{\"id\":1,\"price\":\"-5\",\"qty\":\"1\",\"time\":1,\"isBuyerMaker\":true}]",
            "[{\"id\":1,\"price\":\"5\",\"qty\":\"1\",\"time\":1,\"isBuyerMaker\":\"yes\"}]",
            "")) {
      behaviour = r -> r.response().end(garbage);

      assertThat(failure(source.recentTrades("ETH", 10))).as(garbage).isInstanceOf(MalformedSourceAnswer.class);
    }
  }

  @Test
  void aSourceThatNeverAnswersFailsWithinItsTimeout() {
    behaviour = r -> {};
    long started = System.nanoTime();

    assertThat(failure(source.recentTrades("SOL", 10))).isNotNull();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void anUnknownSourceNameIsAClearError() {
    NodeConfig config = NodeConfig.defaults().with(Setting.MARKET_SOURCE, "nasdaq");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> MarketDataSources.create(vertx, config, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nasdaq")
        .hasMessageContaining("binance");
  }

  private static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("no answer: " + e, e);
    }
    throw new AssertionError("expected a failure");
  }
}
