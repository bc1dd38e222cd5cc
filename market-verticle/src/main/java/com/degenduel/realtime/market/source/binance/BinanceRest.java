package com.degenduel.realtime.market.source.binance;

import com.degenduel.realtime.market.source.DayTicker;
import com.degenduel.realtime.market.source.MalformedSourceAnswer;
import com.degenduel.realtime.market.source.PolledSource;
import com.degenduel.realtime.market.source.Trade;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.function.Function;

/**
 * An exchange's REST API in Binance's shape at MARKET_SOURCE_URL: {@code GET
 * /api/v3/trades?symbol=BTCUSDT&limit=N} and {@code GET /api/v3/ticker/24hr?symbol=BTCUSDT}. Our
 * symbol BTC is the exchange's BTCUSDT. Every call ends within MARKET_SOURCE_TIMEOUT_MS.
 */
public final class BinanceRest implements PolledSource.Exchange {
  /** Binance's largest page of recent trades. */
  public static final int MAX_LIMIT = 1000;

  private static final String QUOTE_ASSET = "USDT";

  private final WebClient client;
  private final String baseUrl;
  private final long timeoutMs;

  BinanceRest(WebClient client, String baseUrl, long timeoutMs) {
    this.client = client;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.timeoutMs = timeoutMs;
  }

  /** The REST API at MARKET_SOURCE_URL, with one connection per symbol so a slow symbol does not queue the others. */
  public static BinanceRest create(Vertx vertx, NodeConfig config) {
    int connections = Math.max(1, config.getList(Setting.MARKET_SYMBOLS).size());
    WebClient client =
        WebClient.create(
            vertx,
            new WebClientOptions().setUserAgent("degenduel-market").setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(connections));
    return new BinanceRest(client, config.get(Setting.MARKET_SOURCE_URL), config.getLong(Setting.MARKET_SOURCE_TIMEOUT_MS));
  }

  public static String exchangeSymbol(String symbol) {
    return symbol + QUOTE_ASSET;
  }

  /** Our symbol for the exchange's, or null when it is not quoted in USDT. */
  static String ourSymbol(String exchangeSymbol) {
    return exchangeSymbol.endsWith(QUOTE_ASSET) && exchangeSymbol.length() > QUOTE_ASSET.length()
        ? exchangeSymbol.substring(0, exchangeSymbol.length() - QUOTE_ASSET.length())
        : null;
  }

  @Override
  public Future<List<Trade>> recentTrades(String symbol, int limit) {
    return client
        .getAbs(baseUrl + "/api/v3/trades")
        .addQueryParam("symbol", exchangeSymbol(symbol))
        .addQueryParam("limit", Integer.toString(Math.max(1, Math.min(limit, MAX_LIMIT))))
        .connectTimeout(timeoutMs)
        .idleTimeout(timeoutMs)
        .send()
        .compose(response -> read(response, "trades", BinanceTrades::parse));
  }

  @Override
  public Future<DayTicker> day(String symbol) {
    return client
        .getAbs(baseUrl + "/api/v3/ticker/24hr")
        .addQueryParam("symbol", exchangeSymbol(symbol))
        .connectTimeout(timeoutMs)
        .idleTimeout(timeoutMs)
        .send()
        .compose(response -> read(response, "24 h ticker", BinanceTicker::parse));
  }

  private static <T> Future<T> read(HttpResponse<Buffer> response, String what, Function<Buffer, T> parser) {
    if (response.statusCode() != 200) {
      return Future.failedFuture(
          new MalformedSourceAnswer(what + " answered HTTP " + response.statusCode() + " " + response.statusMessage()));
    }
    try {
      return Future.succeededFuture(parser.apply(response.body()));
    } catch (MalformedSourceAnswer e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }
}
