package com.degenduel.realtime.portfolio;

import com.degenduel.realtime.codec.message.portfolio.TradeExecuted;
import com.degenduel.realtime.node.auth.TokenVerifier;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.ingest.ProcessedFacts;
import com.degenduel.realtime.node.market.MarketPriceFeed;
import com.degenduel.realtime.portfolio.holdings.Holdings;
import com.degenduel.realtime.portfolio.holdings.HoldingsBook;
import com.degenduel.realtime.portfolio.holdings.HoldingsStore;
import com.degenduel.realtime.portfolio.ingest.PortfolioFactApi;
import com.degenduel.realtime.portfolio.ingest.TradeIngest;
import com.degenduel.realtime.portfolio.publish.PortfolioChanges;
import com.degenduel.realtime.portfolio.publish.PortfolioPublisher;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;

/**
 * Wallet holdings and their live valuation: loads the holdings from the cluster, follows market
 * prices, serves the fact-ingestion API and publishes the wallet streams.
 */
public final class PortfolioVerticle extends VerticleBase {
  /** Trade ids already applied; shared by every portfolio replica. */
  public static final String PROCESSED_TRADES_MAP = "dd.facts.trades";

  private final NodeConfig config;
  private MarketPriceFeed feed;
  private PortfolioPublisher publisher;
  private HttpServer api;

  public PortfolioVerticle(NodeConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    HoldingsStore store = new HoldingsStore(vertx);
    HoldingsBook book = new HoldingsBook();
    feed = new MarketPriceFeed(vertx, config.getList(Setting.MARKET_SYMBOLS), price -> publisher.priceMoved(price));
    publisher = new PortfolioPublisher(vertx, book, feed::price, config.getLong(Setting.PORTFOLIO_UPDATE_INTERVAL_MS));
    PortfolioChanges changes = new PortfolioChanges() {
      @Override
      public void tradeExecuted(TradeExecuted trade) {
        publisher.tradeExecuted(trade);
      }

      @Override
      public void holdingsChanged(Holdings holdings) {
        book.put(holdings);
        publisher.walletChanged(holdings.wallet());
      }
    };
    TradeIngest trades = new TradeIngest(vertx, store, new ProcessedFacts(vertx, PROCESSED_TRADES_MAP), changes);
    return store.all()
        .compose(all -> {
          book.putAll(all);
          return publisher.activate();
        })
        .compose(v -> feed.start())
        .compose(v -> PortfolioFactApi.listen(
            vertx,
            TokenVerifier.create(vertx, config),
            trades,
            feed.symbols(),
            config.get(Setting.PORTFOLIO_INGEST_HOST),
            config.getInt(Setting.PORTFOLIO_INGEST_PORT)))
        .onSuccess(server -> api = server);
  }

  @Override
  public Future<?> stop() {
    return Future.all(
        api == null ? Future.succeededFuture() : api.close(),
        feed.stop(),
        publisher.deactivate());
  }
}
