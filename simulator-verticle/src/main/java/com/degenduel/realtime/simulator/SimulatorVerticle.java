package com.degenduel.realtime.simulator;

import com.degenduel.realtime.node.auth.TokenVerifier;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.market.MarketPriceFeed;
import com.degenduel.realtime.simulator.contests.ContestDirector;
import com.degenduel.realtime.simulator.contests.ContestPlan;
import com.degenduel.realtime.simulator.contests.SimulatedContests;
import com.degenduel.realtime.simulator.facts.FactIds;
import com.degenduel.realtime.simulator.facts.FactSender;
import com.degenduel.realtime.simulator.http.AdminGuard;
import com.degenduel.realtime.simulator.http.Answers;
import com.degenduel.realtime.simulator.market.MarketFaults;
import com.degenduel.realtime.simulator.market.MarketRates;
import com.degenduel.realtime.simulator.market.SimulatedExchange;
import com.degenduel.realtime.simulator.market.SimulatedStream;
import com.degenduel.realtime.simulator.market.SyntheticMarket;
import com.degenduel.realtime.simulator.market.SyntheticMarkets;
import com.degenduel.realtime.simulator.testapi.EdgeCases;
import com.degenduel.realtime.simulator.users.Population;
import com.degenduel.realtime.simulator.users.SimulatedUsers;
import com.degenduel.realtime.simulator.users.WalletTrader;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator: feeds development and QA with made-up data, and imitates the external systems we
 * depend on. The synthetic market (in-process, and as an exchange's REST API and WebSocket
 * stream), simulated users who trade, simulated contests, and the admin-only test endpoints are
 * {@link SimulatorFeature}s that
 * mount their routes on one plain-HTTP server at SIM_HTTP_HOST:SIM_HTTP_PORT (loopback by default;
 * it stands in for an exchange and a QA console, not a public endpoint). Users and contests reach
 * the portfolio and contest services only through their fact-ingestion APIs, as the real backend
 * does, and read prices from the market streams as those services do.
 */
public final class SimulatorVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorVerticle.class);

  private final NodeConfig config;
  private HttpServer server;
  private MarketPriceFeed prices;
  private FactSender sender;
  private List<SimulatorFeature> features = List.of();

  public SimulatorVerticle(NodeConfig config) {
    this.config = config;
  }

  private List<SimulatorFeature> features() {
    long seed = config.isSet(Setting.SIM_SEED) ? config.getLong(Setting.SIM_SEED) : System.nanoTime();
    SyntheticMarket market = SyntheticMarkets.of(vertx, config);
    MarketRates rates = new MarketRates(vertx, market, config.getInt(Setting.SIM_TICKS_PER_SECOND));
    FactIds ids = FactIds.forThisRun();
    Population population = Population.generate(config.getInt(Setting.SIM_USERS), new Random(seed), config.get(Setting.SIM_DEMO_WALLET));
    WalletTrader trader = new WalletTrader(sender, ids, prices, new Random(seed + 1));
    ContestPlan plan = ContestPlan.from(config);
    ContestDirector director = new ContestDirector(vertx, plan, population, sender, ids, prices, new Random(seed + 2));
    MarketFaults faults = new MarketFaults();
    return List.of(
        new SimulatedExchange(market, faults),
        new SimulatedStream(vertx, market, faults),
        rates,
        new SimulatedUsers(vertx, population, trader, config.getDouble(Setting.SIM_TRADES_PER_SECOND), new Random(seed + 3)),
        new SimulatedContests(director),
        new EdgeCases(vertx, sender, ids, population, trader, director, rates, market, prices, plan.demoContestId(), new Random(seed + 4)));
  }

  @Override
  public Future<?> start() {
    prices = new MarketPriceFeed(vertx, config.getList(Setting.MARKET_SYMBOLS), symbol -> { });
    sender = new FactSender(vertx, config);
    features = features();
    Router router = Router.router(vertx);
    router.route("/sim/*").failureHandler(Answers::failed);
    AdminGuard admin = new AdminGuard(TokenVerifier.create(vertx, config));
    features.forEach(f -> f.mount(router, admin));
    String host = config.get(Setting.SIM_HTTP_HOST);
    return prices.start()
        .compose(v -> vertx.createHttpServer().requestHandler(router).listen(config.getInt(Setting.SIM_HTTP_PORT), host))
        .onSuccess(s -> {
          server = s;
          features.forEach(SimulatorFeature::start);
          LOG.info("simulator up on http://{}:{}: exchange in Binance's shape (REST under /api/v3, trade stream at /stream), test endpoints under /sim",
              host, s.actualPort());
        });
  }

  @Override
  public Future<?> stop() {
    return Future.all(
            features.stream().map(SimulatorFeature::stop).toList())
        .compose(v -> Future.all(
            prices.stop(),
            sender.close(),
            server == null ? Future.succeededFuture() : server.close()));
  }
}
