package com.degenduel.realtime.simulator.market;

import com.degenduel.realtime.market.source.Trade;
import com.degenduel.realtime.market.source.TradeSide;
import com.degenduel.realtime.simulator.SimulatorFeature;
import com.degenduel.realtime.simulator.http.AdminGuard;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The synthetic market served in Binance's REST shape, so the market service's real HTTP adapter,
 * its timeouts and its circuit breaker can be exercised against something we control:
 *
 * <ul>
 *   <li>{@code GET /api/v3/trades?symbol=BTCUSDT&limit=500}
 *   <li>{@code GET /api/v3/ticker/24hr?symbol=BTCUSDT}
 *   <li>{@code POST /sim/market/faults {"mode": "none|errors|stall|garbage"}} (admin token), for the
 *       REST API and the stream ({@link SimulatedStream}) alike
 *   <li>{@code GET /sim/market/faults} (admin token): the current mode
 * </ul>
 *
 * Errors are shaped like Binance's: {@code {"code": -1121, "msg": "Invalid symbol."}}.
 */
public final class SimulatedExchange implements SimulatorFeature {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedExchange.class);
  private static final String QUOTE_ASSET = "USDT";
  private static final int DEFAULT_LIMIT = 500;
  private static final int MAX_BODY_BYTES = 1024;

  private final SyntheticMarket market;
  private final MarketFaults faults;
  private final AtomicLong garbageCount = new AtomicLong();

  public SimulatedExchange(SyntheticMarket market, MarketFaults faults) {
    this.market = market;
    this.faults = faults;
  }

  @Override
  public void mount(Router router, AdminGuard admin) {
    router.route("/api/v3/*").handler(this::misbehave);
    router.get("/api/v3/trades").handler(this::trades);
    router.get("/api/v3/ticker/24hr").handler(this::ticker);
    router.route("/sim/market/faults").handler(admin);
    router.get("/sim/market/faults").handler(ctx -> json(ctx, 200, modeJson()));
    router.post("/sim/market/faults").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES)).handler(this::switchFaults);
  }

  private void misbehave(RoutingContext ctx) {
    switch (faults.mode()) {
      case NONE -> ctx.next();
      case ERRORS -> json(ctx, 500, binanceError(-1000, "An unknown error occurred while processing the request."));
      case STALL -> {
        // Deliberately no answer: the connection stays open until the client gives up.
      }
      case GARBAGE -> {
        boolean notJson = garbageCount.getAndIncrement() % 2 == 0;
        ctx.response()
            .putHeader("content-type", notJson ? "text/html" : "application/json")
            .end(notJson ? "<html><body>502 Bad Gateway</body>" : "{\"unexpected\":\"shape\"}");
      }
    }
  }

  private void trades(RoutingContext ctx) {
    String symbol = symbol(ctx);
    if (symbol == null) {
      return;
    }
    String limitParam = ctx.request().getParam("limit");
    int limit;
    try {
      limit = limitParam == null ? DEFAULT_LIMIT : Integer.parseInt(limitParam);
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > SyntheticMarket.RECENT_TRADES) {
      json(ctx, 400, binanceError(-1100, "Illegal characters found in parameter 'limit'; legal range is '1' - '1000'."));
      return;
    }
    JsonArray body = new JsonArray();
    for (Trade t : market.recentTrades(symbol, limit)) {
      body.add(
          new JsonObject()
              .put("id", t.id())
              .put("price", decimal(t.price()))
              .put("qty", decimal(t.quantity()))
              .put("quoteQty", decimal(t.price() * t.quantity()))
              .put("time", t.time().toEpochMilli())
              .put("isBuyerMaker", t.side() == TradeSide.SELL)
              .put("isBestMatch", true));
    }
    json(ctx, 200, body.encode());
  }

  private void ticker(RoutingContext ctx) {
    String symbol = symbol(ctx);
    if (symbol == null) {
      return;
    }
    market
        .ticker(symbol)
        .ifPresentOrElse(
            t ->
                json(
                    ctx,
                    200,
                    new JsonObject()
                        .put("symbol", symbol + QUOTE_ASSET)
                        .put("priceChange", decimal(t.priceChange()))
                        .put("priceChangePercent", decimal(Math.round(t.priceChangePercent() * 1000) / 1000.0))
                        .put("lastPrice", decimal(t.lastPrice()))
                        .put("openPrice", decimal(t.openPrice()))
                        .put("highPrice", decimal(t.highPrice()))
                        .put("lowPrice", decimal(t.lowPrice()))
                        .put("volume", decimal(t.volume()))
                        .put("openTime", t.openTime().toEpochMilli())
                        .put("closeTime", t.closeTime().toEpochMilli())
                        .put("lastId", t.lastId())
                        .encode()),
            () -> json(ctx, 503, binanceError(-1003, "No trades yet.")));
  }

  /** Our symbol for the exchange symbol in the query, or null after answering 400. */
  private String symbol(RoutingContext ctx) {
    String exchangeSymbol = ctx.request().getParam("symbol");
    if (exchangeSymbol != null && exchangeSymbol.endsWith(QUOTE_ASSET)) {
      String symbol = exchangeSymbol.substring(0, exchangeSymbol.length() - QUOTE_ASSET.length());
      if (market.tracks(symbol)) {
        return symbol;
      }
    }
    json(ctx, 400, binanceError(-1121, "Invalid symbol."));
    return null;
  }

  private void switchFaults(RoutingContext ctx) {
    Object mode;
    try {
      JsonObject body = ctx.body().asJsonObject();
      mode = body == null ? null : body.getValue("mode");
    } catch (DecodeException | ClassCastException e) {
      mode = null;
    }
    FaultMode next = mode instanceof String m ? FaultMode.fromWire(m).orElse(null) : null;
    if (next == null) {
      json(
          ctx,
          400,
          new JsonObject()
              .put("code", "INVALID_MODE")
              .put("message", "send {\"mode\": one of " + Arrays.stream(FaultMode.values()).map(FaultMode::wire).toList() + "}")
              .encode());
      return;
    }
    LOG.warn("simulated exchange faults: {} -> {}", faults.mode().wire(), next.wire());
    faults.set(next);
    json(ctx, 200, modeJson());
  }

  private String modeJson() {
    return new JsonObject().put("mode", faults.mode().wire()).encode();
  }

  private static String binanceError(int code, String msg) {
    return new JsonObject().put("code", code).put("msg", msg).encode();
  }

  static String decimal(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static void json(RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }
}
