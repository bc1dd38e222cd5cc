package com.degenduel.realtime.portfolio.ingest;

import com.degenduel.realtime.node.auth.TokenVerifier;
import com.degenduel.realtime.node.ingest.FactApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;

/**
 * The portfolio service's internal ingestion API. {@code POST /facts/trades} with {@code trade_id,
 * wallet_address, symbol, side (buy|sell), amount (> 0), price (> 0), timestamp (ISO-8601),
 * contest_id (optional)}; answers {@code {trade_id, applied, duplicate}}. {@code POST
 * /facts/trades/batch} with {@code {"trades": [...]}} takes up to {@link FactApi#MAX_BATCH} of
 * them at once and answers each in order.
 */
public final class PortfolioFactApi {
  private PortfolioFactApi() {}

  public static Future<HttpServer> listen(
      Vertx vertx, TokenVerifier verifier, TradeIngest trades, List<String> symbols, String host, int port) {
    return FactApi.create(vertx, verifier)
        .post("/facts/trades", (ctx, body) -> trades.apply(TradeFact.parse(body, symbols)))
        .postBatch("/facts/trades/batch", "trades", (ctx, body) -> trades.apply(TradeFact.parse(body, symbols)))
        .listen(host, port);
  }
}
