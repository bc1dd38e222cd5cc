package com.degenduel.realtime.portfolio;

import com.degenduel.realtime.codec.stream.StreamSequencer;
import com.degenduel.realtime.node.auth.TokenVerifier;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.ingest.ProcessedFacts;
import com.degenduel.realtime.node.market.MarketPriceFeed;
import com.degenduel.realtime.node.ownership.Leadership;
import com.degenduel.realtime.node.ownership.OwnerChannel;
import com.degenduel.realtime.node.ownership.StreamPositions;
import com.degenduel.realtime.portfolio.holdings.HoldingsBook;
import com.degenduel.realtime.portfolio.holdings.HoldingsStore;
import com.degenduel.realtime.portfolio.ingest.PortfolioFactApi;
import com.degenduel.realtime.portfolio.ingest.TradeIngest;
import com.degenduel.realtime.portfolio.publish.ChangesToOwner;
import com.degenduel.realtime.portfolio.publish.OwnerInbox;
import com.degenduel.realtime.portfolio.publish.PortfolioChanges;
import com.degenduel.realtime.portfolio.publish.PortfolioPublisher;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import java.time.Duration;

/**
 * Wallet holdings and their live valuation: follows market prices, serves the fact-ingestion API
 * and publishes the wallet streams.
 *
 * <p>Every replica ingests facts; the one elected by {@link Leadership} publishes. A change reaches
 * it over {@link ChangesToOwner}. On taking over it reloads the holdings from the cluster and
 * continues every wallet stream's {@code seq} from the stored positions.
 */
public final class PortfolioVerticle extends VerticleBase {
  /** Trade ids already applied; shared by every portfolio replica. */
  public static final String PROCESSED_TRADES_MAP = "dd.facts.trades";
  /** The name of the wallet streams' lease, positions and owner address. */
  public static final String SERVICE = "portfolio";

  private final NodeConfig config;
  private MarketPriceFeed feed;
  private PortfolioPublisher publisher;
  private Leadership leadership;
  private HttpServer api;

  public PortfolioVerticle(NodeConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    HoldingsStore store = new HoldingsStore(vertx);
    HoldingsBook book = new HoldingsBook();
    StreamSequencer sequencer = new StreamSequencer();
    StreamPositions positions = new StreamPositions(vertx, SERVICE, sequencer);
    Duration lease = config.getMillis(Setting.OWNERSHIP_LEASE_MS);
    feed = new MarketPriceFeed(vertx, config.getList(Setting.MARKET_SYMBOLS), price -> publisher.priceMoved(price));
    publisher = new PortfolioPublisher(
        vertx, book, feed::price, config.getLong(Setting.PORTFOLIO_UPDATE_INTERVAL_MS), sequencer);
    OwnerInbox inbox = new OwnerInbox(vertx, SERVICE, store, book, publisher);
    PortfolioChanges changes = new ChangesToOwner(new OwnerChannel(vertx, SERVICE, OwnerChannel.patience(lease)));
    TradeIngest trades = new TradeIngest(vertx, store, new ProcessedFacts(vertx, PROCESSED_TRADES_MAP), changes);
    leadership = new Leadership(vertx, SERVICE, lease, new Leadership.Duties() {
      @Override
      public Future<Void> activate(long epoch) {
        return positions.resume()
            .compose(v -> store.all())
            .compose(all -> {
              book.putAll(all);
              return publisher.activate();
            })
            .compose(v -> inbox.open());
      }

      @Override
      public Future<Void> deactivate() {
        positions.suspend();
        return Future.join(inbox.close(), publisher.deactivate()).mapEmpty();
      }
    });
    return feed.start()
        .compose(v -> leadership.start())
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
        leadership.stop());
  }
}
