package com.degenduel.realtime.simulator.market;

import com.degenduel.realtime.simulator.SimulatorFeature;
import com.degenduel.realtime.simulator.http.AdminGuard;
import com.degenduel.realtime.simulator.http.Answers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/**
 * Market streams at a chosen rate per symbol (admin only):
 *
 * <ul>
 *   <li>{@code GET /sim/market/rates}: ticks per second of each symbol.
 *   <li>{@code POST /sim/market/rates {"symbol": "BTC", "ticks_per_second": 200, "seconds": 60}}:
 *       that symbol ticks at that rate for that long, then returns to SIM_TICKS_PER_SECOND.
 * </ul>
 *
 * The market service still publishes at most MARKET_MAX_UPDATES_PER_SECOND per symbol and type; a
 * faster market shows up as more trades in MARKET_VOLUME and as conflated prices.
 */
public final class MarketRates implements SimulatorFeature {
  public static final int MAX_SECONDS = 600;

  private final Vertx vertx;
  private final SyntheticMarket market;
  private final int normalRate;
  private final Map<String, Long> revertTimers = new HashMap<>();

  public MarketRates(Vertx vertx, SyntheticMarket market, int normalRate) {
    this.vertx = vertx;
    this.market = market;
    this.normalRate = normalRate;
  }

  @Override
  public void mount(Router router, AdminGuard admin) {
    router.get("/sim/market/rates").handler(admin).handler(ctx -> Answers.json(ctx, 200, rates()));
    router.post("/sim/market/rates").handler(Answers.smallBodies()).handler(admin).handler(this::change);
  }

  @Override
  public Future<Void> stop() {
    revertTimers.values().forEach(vertx::cancelTimer);
    return Future.succeededFuture();
  }

  private void change(RoutingContext ctx) {
    JsonObject body = Answers.body(ctx);
    Object symbol = body.getValue("symbol");
    if (!(symbol instanceof String s) || !market.tracks(s)) {
      throw Answers.badRequest("field 'symbol' must be one of " + market.symbols());
    }
    int rate = Answers.whole(body, "ticks_per_second", 1, SyntheticMarket.MAX_TICKS_PER_SECOND, normalRate);
    double seconds = Answers.number(body, "seconds", 0.1, MAX_SECONDS, 60);
    setFor((String) symbol, rate, seconds);
    Answers.json(ctx, 200, rates().put("reverts_in_seconds", seconds));
  }

  /** {@code symbol} ticks {@code rate} times a second for {@code seconds}, then at the normal rate again. */
  public void setFor(String symbol, int rate, double seconds) {
    Long previous = revertTimers.remove(symbol);
    if (previous != null) {
      vertx.cancelTimer(previous);
    }
    market.setRate(symbol, rate);
    revertTimers.put(symbol, vertx.setTimer((long) (seconds * 1000), id -> {
      revertTimers.remove(symbol);
      market.setRate(symbol, normalRate);
    }));
  }

  private JsonObject rates() {
    JsonObject rates = new JsonObject();
    market.rates().forEach(rates::put);
    return new JsonObject().put("ticks_per_second", rates);
  }
}
