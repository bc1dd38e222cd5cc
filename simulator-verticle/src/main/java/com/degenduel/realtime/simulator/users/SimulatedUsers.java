package com.degenduel.realtime.simulator.users;

import com.degenduel.realtime.node.ingest.FactFields;
import com.degenduel.realtime.simulator.SimulatorFeature;
import com.degenduel.realtime.simulator.http.AdminGuard;
import com.degenduel.realtime.simulator.http.Answers;
import com.degenduel.realtime.simulator.pace.Pacer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The simulated users trading for their wallets, SIM_TRADES_PER_SECOND trades a second all
 * together; the demo wallet makes a fifth of them, so its stream is never quiet for long.
 *
 * <ul>
 *   <li>{@code GET /sim/users} (admin): every simulated wallet with its username and what the
 *       simulator knows it holds.
 *   <li>{@code POST /sim/portfolio/updates {"wallets": [...], "per_second": 2, "seconds": 30}}
 *       (admin): trades for the chosen wallets (any valid addresses, at most {@link #MAX_WALLETS}),
 *       each wallet {@code per_second} times a second for {@code seconds}; every trade makes a
 *       TRADE_EXECUTED and moves the wallet's PORTFOLIO_UPDATED.
 * </ul>
 */
public final class SimulatedUsers implements SimulatorFeature {
  public static final int MAX_WALLETS = 50;
  private static final double DEMO_SHARE = 0.2;
  private static final int MAX_IN_FLIGHT = 16;

  private final Vertx vertx;
  private final Population population;
  private final WalletTrader trader;
  private final double tradesPerSecond;
  private final Random random;
  private final List<Pacer> running = new ArrayList<>();

  public SimulatedUsers(Vertx vertx, Population population, WalletTrader trader, double tradesPerSecond, Random random) {
    this.vertx = vertx;
    this.population = population;
    this.trader = trader;
    this.tradesPerSecond = tradesPerSecond;
    this.random = random;
  }

  @Override
  public void mount(Router router, AdminGuard admin) {
    router.get("/sim/users").handler(admin).handler(this::list);
    router.post("/sim/portfolio/updates").handler(Answers.smallBodies()).handler(admin).handler(this::updates);
  }

  @Override
  public void start() {
    if (population.active() && tradesPerSecond > 0) {
      running.add(Pacer.start(vertx, tradesPerSecond, MAX_IN_FLIGHT, () -> {
        String wallet = random.nextDouble() < DEMO_SHARE ? population.demo().wallet() : population.anyGenerated(random).wallet();
        return trader.tradeFor(wallet);
      }));
    }
  }

  @Override
  public Future<Void> stop() {
    running.forEach(Pacer::stop);
    return Future.succeededFuture();
  }

  private void list(RoutingContext ctx) {
    JsonArray users = new JsonArray();
    for (SimulatedUser user : population.all()) {
      JsonObject holdings = new JsonObject();
      trader.holdings(user.wallet()).forEach(holdings::put);
      users.add(user.toJson().put("demo", user.equals(population.demo())).put("holdings", holdings));
    }
    Answers.json(ctx, 200, new JsonObject().put("users", users));
  }

  private void updates(RoutingContext ctx) {
    JsonObject body = Answers.body(ctx);
    List<String> wallets = wallets(body);
    double perSecond = Answers.number(body, "per_second", 0.1, 20, 1);
    double seconds = Answers.number(body, "seconds", 1, 300, 30);
    for (String wallet : wallets) {
      Pacer pacer = Pacer.startFor(vertx, perSecond, seconds, 4, () -> trader.tradeFor(wallet));
      running.add(pacer);
      pacer.finished().onComplete(r -> running.remove(pacer));
    }
    Answers.json(ctx, 202, new JsonObject()
        .put("wallets", new JsonArray(wallets))
        .put("per_second", perSecond)
        .put("seconds", seconds)
        .put("trades_planned", Math.round(wallets.size() * perSecond * seconds)));
  }

  private static List<String> wallets(JsonObject body) {
    Object value = body.getValue("wallets");
    if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_WALLETS) {
      throw Answers.badRequest("field 'wallets' must be a list of 1 to " + MAX_WALLETS + " wallet addresses");
    }
    Set<String> wallets = new LinkedHashSet<>();
    for (Object wallet : array) {
      if (!(wallet instanceof String w) || !FactFields.WALLET.matches(w)) {
        throw Answers.badRequest("field 'wallets' must hold base58 wallet addresses of 32-44 characters");
      }
      wallets.add(w);
    }
    return List.copyOf(wallets);
  }
}
