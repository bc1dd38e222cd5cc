package com.degenduel.realtime.market.source.binance;

import com.degenduel.realtime.market.source.MalformedSourceAnswer;
import com.degenduel.realtime.market.source.MarketDataSource;
import com.degenduel.realtime.market.source.Trade;
import io.vertx.core.Future;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Market data over HTTP from an exchange speaking Binance's REST shape ({@code GET
 * /api/v3/trades?symbol=BTCUSDT&limit=N}). Our symbol BTC is the exchange's BTCUSDT.
 */
public final class BinanceSource implements MarketDataSource {
  /** Binance's largest page of recent trades. */
  public static final int MAX_LIMIT = 1000;

  private static final String QUOTE_ASSET = "USDT";

  private final WebClient client;
  private final String baseUrl;
  private final long timeoutMs;

  BinanceSource(WebClient client, String baseUrl, long timeoutMs) {
    this.client = client;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.timeoutMs = timeoutMs;
  }

  public static String exchangeSymbol(String symbol) {
    return symbol + QUOTE_ASSET;
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
        .compose(this::trades);
  }

  private Future<List<Trade>> trades(HttpResponse<Buffer> response) {
    if (response.statusCode() != 200) {
      return Future.failedFuture(
          new MalformedSourceAnswer("trades answered HTTP " + response.statusCode() + " " + response.statusMessage()));
    }
    try {
      return Future.succeededFuture(BinanceTrades.parse(response.body()));
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
