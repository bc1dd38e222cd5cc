package com.degenduel.realtime.portfolio;

import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.node.auth.TokenVerifier;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.market.MarketPriceFeed;
import com.degenduel.realtime.node.streams.HistoryLimits;
import com.degenduel.realtime.node.streams.OwnedStreams;
import com.degenduel.realtime.node.streams.StreamCluster;
import com.degenduel.realtime.portfolio.holdings.Holdings;
import com.degenduel.realtime.portfolio.ingest.PortfolioFactApi;
import com.degenduel.realtime.portfolio.ingest.TradeIngest;
import com.degenduel.realtime.portfolio.publish.PortfolioPublisher;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;

/**
 * Wallet holdings and their live valuation: serves the fact-ingestion API, follows market prices
 * and publishes the wallet streams.
 *
 * <p>The wallet records live in the portfolio replicas' own stream cluster ({@link
 * StreamCluster}); each replica publishes the wallets whose partitions it is primary for ({@link
 * OwnedStreams}), and any replica ingests any fact.
 */
public final class PortfolioVerticle extends VerticleBase {
  /** The name of the portfolio replicas' stream cluster and of its map of wallet records. */
  public static final String SERVICE = "portfolio";

  private final NodeConfig config;
  private MarketPriceFeed feed;
  private PortfolioPublisher publisher;
  private OwnedStreams<Holdings> wallets;
  private HttpServer api;

  public PortfolioVerticle(NodeConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    feed = new MarketPriceFeed(vertx, config.getList(Setting.MARKET_SYMBOLS), symbol -> publisher.priceMoved(symbol));
    publisher = new PortfolioPublisher(vertx, feed::price, config.getLong(Setting.PORTFOLIO_UPDATE_INTERVAL_MS));
    return feed.start()
        .compose(v -> OwnedStreams.join(
            vertx, config, SERVICE, StreamKind.WALLET, publisher, HistoryLimits.of(config, Setting.PORTFOLIO_HISTORY_EVENTS)))
        .compose(owned -> {
          wallets = owned;
          publisher.start(owned);
          TradeIngest trades = new TradeIngest(vertx, wallets, feed.symbols());
          return owned.acceptForwarded(trades::forwarded).compose(v -> PortfolioFactApi.listen(
              vertx,
              TokenVerifier.create(vertx, config),
              trades,
              feed.symbols(),
              config.get(Setting.PORTFOLIO_INGEST_HOST),
              config.getInt(Setting.PORTFOLIO_INGEST_PORT)));
        })
        .onSuccess(server -> api = server);
  }

  @Override
  public Future<?> stop() {
    publisher.stop();
    return Future.all(
            wallets == null ? Future.succeededFuture() : wallets.leave(),
            api == null ? Future.succeededFuture() : api.close(),
            feed.stop());
  }
}
