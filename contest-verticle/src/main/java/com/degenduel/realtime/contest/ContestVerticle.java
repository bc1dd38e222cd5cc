package com.degenduel.realtime.contest;

import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.StreamSequencer;
import com.degenduel.realtime.contest.ingest.ContestCommands;
import com.degenduel.realtime.contest.ingest.ContestFactApi;
import com.degenduel.realtime.contest.leaderboard.ParticipantStore;
import com.degenduel.realtime.contest.lifecycle.ContestBook;
import com.degenduel.realtime.contest.lifecycle.ContestStore;
import com.degenduel.realtime.contest.publish.ChangesToOwner;
import com.degenduel.realtime.contest.publish.ContestChanges;
import com.degenduel.realtime.contest.publish.ContestPublisher;
import com.degenduel.realtime.contest.publish.OwnerInbox;
import com.degenduel.realtime.node.auth.TokenVerifier;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.ingest.ProcessedFacts;
import com.degenduel.realtime.node.market.MarketPriceFeed;
import com.degenduel.realtime.node.ownership.Leadership;
import com.degenduel.realtime.node.ownership.OwnerChannel;
import com.degenduel.realtime.node.ownership.StreamPositions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Contests, participants and leaderboards: follows market prices, serves the fact-ingestion API and
 * the contest-trade hand-over, and publishes the contest streams.
 *
 * <p>Every replica ingests facts; the one elected by {@link Leadership} publishes. A change reaches
 * it over {@link ChangesToOwner}. On taking over it reloads contests and participants from the
 * cluster and continues every contest stream's {@code seq} from the stored positions.
 */
public final class ContestVerticle extends VerticleBase {
  /** Lifecycle and participation event ids already applied; shared by every contest replica. */
  public static final String PROCESSED_EVENTS_MAP = "dd.facts.contest-events";
  /** Contest trade ids already applied. */
  public static final String PROCESSED_TRADES_MAP = "dd.facts.contest-trades";
  /** The name of the contest streams' lease, positions and owner address. */
  public static final String SERVICE = "contest";

  private final NodeConfig config;
  private MarketPriceFeed feed;
  private ContestPublisher publisher;
  private Leadership leadership;
  private MessageConsumer<JsonObject> tradeConsumer;
  private HttpServer api;

  public ContestVerticle(NodeConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    ContestStore contests = new ContestStore(vertx);
    ParticipantStore participants = new ParticipantStore(vertx);
    ContestBook book = new ContestBook();
    StreamSequencer sequencer = new StreamSequencer();
    StreamPositions positions = new StreamPositions(vertx, SERVICE, sequencer);
    Duration lease = config.getMillis(Setting.OWNERSHIP_LEASE_MS);
    feed = new MarketPriceFeed(vertx, config.getList(Setting.MARKET_SYMBOLS), price -> publisher.priceMoved(price));
    publisher = new ContestPublisher(
        vertx, book, feed::price, config.getInt(Setting.CONTEST_LEADERBOARD_SIZE),
        config.getLong(Setting.CONTEST_UPDATE_INTERVAL_MS), sequencer);
    OwnerInbox inbox = new OwnerInbox(vertx, SERVICE, contests, participants, book, publisher);
    ContestChanges changes = new ChangesToOwner(new OwnerChannel(vertx, SERVICE, OwnerChannel.patience(lease)));
    ContestCommands commands = new ContestCommands(
        contests, participants, new ProcessedFacts(vertx, PROCESSED_EVENTS_MAP),
        new ProcessedFacts(vertx, PROCESSED_TRADES_MAP), changes);
    leadership = new Leadership(vertx, SERVICE, lease, new Leadership.Duties() {
      @Override
      public Future<Void> activate(long epoch) {
        return positions.resume()
            .compose(v -> contests.all())
            .compose(all -> {
              all.forEach(book::put);
              return participants.all();
            })
            .compose(all -> {
              all.forEach(book::put);
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
        .compose(v -> {
          tradeConsumer = ContestFactApi.acceptTrades(vertx, commands, feed.symbols(), Addresses.CONTEST_TRADE_FACTS);
          return tradeConsumer.completion();
        })
        .compose(v -> ContestFactApi.listen(
            vertx, TokenVerifier.create(vertx, config), commands,
            config.get(Setting.CONTEST_INGEST_HOST), config.getInt(Setting.CONTEST_INGEST_PORT)))
        .onSuccess(server -> api = server);
  }

  @Override
  public Future<?> stop() {
    return Future.all(
        api == null ? Future.succeededFuture() : api.close(),
        tradeConsumer == null ? Future.succeededFuture() : tradeConsumer.unregister(),
        feed.stop(),
        leadership.stop());
  }
}
