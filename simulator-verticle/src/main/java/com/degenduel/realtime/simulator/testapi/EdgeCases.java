package com.degenduel.realtime.simulator.testapi;

import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.node.ingest.FactFields;
import com.degenduel.realtime.node.market.MarketPriceFeed;
import com.degenduel.realtime.simulator.SimulatorFeature;
import com.degenduel.realtime.simulator.contests.ContestDirector;
import com.degenduel.realtime.simulator.facts.FactIds;
import com.degenduel.realtime.simulator.facts.FactSender;
import com.degenduel.realtime.simulator.facts.FactSender.Answer;
import com.degenduel.realtime.simulator.http.AdminGuard;
import com.degenduel.realtime.simulator.http.Answers;
import com.degenduel.realtime.simulator.http.Answers.Refused;
import com.degenduel.realtime.simulator.market.MarketRates;
import com.degenduel.realtime.simulator.market.SyntheticMarket;
import com.degenduel.realtime.simulator.users.Population;
import com.degenduel.realtime.simulator.users.WalletTrader;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Random;
import java.util.TreeMap;

/**
 * Error conditions and edge cases on demand (admin only; the market source's faults are {@code POST
 * /sim/market/faults}):
 *
 * <ul>
 *   <li>{@code POST /sim/edge/malformed-facts}: sends a fixed set of malformed and refused facts to
 *       both ingestion APIs and answers with what each got next to what it should have got.
 *   <li>{@code POST /sim/edge/cancel-mid-round {"after_seconds": 10}}: a new contest with
 *       participants that reaches round 2 halfway and is cancelled after that many seconds; answers
 *       its id at once so a client can watch it.
 *   <li>{@code POST /sim/edge/burst {"kind": "trades", "wallet": "...", "count": 1000}}: that many
 *       buys for one wallet as fast as the portfolio service takes them; answers with the tally.
 *   <li>{@code POST /sim/edge/burst {"kind": "ticks", "symbol": "BTC", "count": 1000}}: that many
 *       market ticks of one symbol within one second.
 * </ul>
 */
public final class EdgeCases implements SimulatorFeature {
  public static final int MAX_BURST = 2000;
  private static final int BURST_IN_FLIGHT = 64;
  private static final long BURST_DEADLINE_MS = 30_000;

  private final Vertx vertx;
  private final FactSender sender;
  private final FactIds ids;
  private final Population population;
  private final WalletTrader trader;
  private final ContestDirector director;
  private final MarketRates rates;
  private final SyntheticMarket market;
  private final MarketPriceFeed prices;
  private final String demoContest;
  private final Random random;

  public EdgeCases(
      Vertx vertx, FactSender sender, FactIds ids, Population population, WalletTrader trader, ContestDirector director,
      MarketRates rates, SyntheticMarket market, MarketPriceFeed prices, String demoContest, Random random) {
    this.vertx = vertx;
    this.sender = sender;
    this.ids = ids;
    this.population = population;
    this.trader = trader;
    this.director = director;
    this.rates = rates;
    this.market = market;
    this.prices = prices;
    this.demoContest = demoContest;
    this.random = random;
  }

  @Override
  public void mount(Router router, AdminGuard admin) {
    router.post("/sim/edge/malformed-facts").handler(admin).handler(this::malformed);
    router.post("/sim/edge/cancel-mid-round").handler(Answers.smallBodies()).handler(admin).handler(this::cancelMidRound);
    router.post("/sim/edge/burst").handler(Answers.smallBodies()).handler(admin).handler(this::burst);
  }

  private void malformed(RoutingContext ctx) {
    String symbol = prices.symbols().get(0);
    new MalformedFacts(sender, ids, freshWallet(), symbol, demoContest)
        .run(population.demo().wallet())
        .onSuccess(report -> Answers.json(ctx, 200, report))
        .onFailure(ctx::fail);
  }

  private void cancelMidRound(RoutingContext ctx) {
    double after = Answers.number(Answers.body(ctx), "after_seconds", 1, 120, 10);
    director.launchDoomed(after)
        .ifPresentOrElse(
            contest -> Answers.json(ctx, 202, new JsonObject()
                .put("contest_id", contest)
                .put("round_2_after_seconds", after / 2)
                .put("cancel_after_seconds", after)),
            () -> {
              throw new Refused(409, "NO_USERS", "the simulator has no users to seat (SIM_USERS=0)");
            });
  }

  private void burst(RoutingContext ctx) {
    JsonObject body = Answers.body(ctx);
    int count = Answers.whole(body, "count", 1, MAX_BURST, 1000);
    Object kind = body.getValue("kind");
    if ("ticks".equals(kind)) {
      String symbol = symbol(body);
      rates.setFor(symbol, count, 1);
      vertx.setTimer(1000, id -> Answers.json(ctx, 200, new JsonObject()
          .put("kind", "ticks").put("symbol", symbol).put("ticks", count).put("seconds", 1)));
    } else if ("trades".equals(kind)) {
      String wallet = body.getValue("wallet") == null ? population.demo().wallet() : wallet(body);
      MarketPrice price = prices.price(symbol(body));
      if (price == null) {
        throw new Refused(503, "NO_PRICE", "the market has not priced this symbol yet");
      }
      tradeBurst(wallet, price, count).onSuccess(report -> Answers.json(ctx, 200, report)).onFailure(ctx::fail);
    } else {
      throw Answers.badRequest("field 'kind' must be 'trades' or 'ticks'");
    }
  }

  /** {@code count} small buys with at most {@link #BURST_IN_FLIGHT} outstanding, stopping at a deadline. */
  private Future<JsonObject> tradeBurst(String wallet, MarketPrice price, int count) {
    Promise<JsonObject> done = Promise.promise();
    long started = System.currentTimeMillis();
    TreeMap<String, Integer> answers = new TreeMap<>();
    int[] sent = {0};
    int[] answered = {0};
    double amount = Math.max(1e-6, Math.round(10 / price.price() * 1e6) / 1e6);
    Runnable[] pump = new Runnable[1];
    pump[0] = () -> {
      boolean late = System.currentTimeMillis() - started > BURST_DEADLINE_MS;
      while (!late && sent[0] < count && sent[0] - answered[0] < BURST_IN_FLIGHT) {
        sent[0]++;
        trader.buy(wallet, price, amount).onComplete(r -> {
          answered[0]++;
          answers.merge(label(r.succeeded() ? r.result() : null), 1, Integer::sum);
          pump[0].run();
        });
      }
      if (answered[0] == sent[0] && (sent[0] == count || late)) {
        JsonObject tally = new JsonObject();
        answers.forEach(tally::put);
        done.tryComplete(new JsonObject()
            .put("kind", "trades")
            .put("wallet", wallet)
            .put("symbol", price.symbol())
            .put("requested", count)
            .put("sent", sent[0])
            .put("answers", tally)
            .put("elapsed_ms", System.currentTimeMillis() - started));
      }
    };
    pump[0].run();
    return done.future();
  }

  private static String label(Answer answer) {
    if (answer == null) {
      return "no answer";
    }
    return answer.ok() ? "200" : answer.status() + " " + answer.code();
  }

  private String symbol(JsonObject body) {
    Object symbol = body.getValue("symbol");
    if (symbol == null) {
      return market.symbols().get(0);
    }
    if (!(symbol instanceof String s) || !market.tracks(s)) {
      throw Answers.badRequest("field 'symbol' must be one of " + market.symbols());
    }
    return s;
  }

  private static String wallet(JsonObject body) {
    Object wallet = body.getValue("wallet");
    if (!(wallet instanceof String w) || !FactFields.WALLET.matches(w)) {
      throw Answers.badRequest("field 'wallet' must be a base58 wallet address of 32-44 characters");
    }
    return w;
  }

  private String freshWallet() {
    return Population.randomWallet(random);
  }
}
