package com.degenduel.realtime.contest;

import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.contest.ingest.ContestFactApi;
import com.degenduel.realtime.contest.ingest.ContestIngest;
import com.degenduel.realtime.contest.lifecycle.ContestState;
import com.degenduel.realtime.contest.publish.ContestPublisher;
import com.degenduel.realtime.node.auth.TokenVerifier;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.market.MarketPriceFeed;
import com.degenduel.realtime.node.streams.HistoryLimits;
import com.degenduel.realtime.node.streams.OwnedStreams;
import com.degenduel.realtime.node.streams.StreamCluster;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * Contests, participants and leaderboards: follows market prices, serves the fact-ingestion API and
 * the contest-trade hand-over, and publishes the contest streams.
 *
 * <p>The contest records live in the contest replicas' own stream cluster ({@link StreamCluster});
 * each replica publishes the contests whose partitions it is primary for ({@link OwnedStreams}),
 * and any replica ingests any fact.
 */
public final class ContestVerticle extends VerticleBase {
  /** The name of the contest replicas' stream cluster and of its map of contest records. */
  public static final String SERVICE = "contest";

  private final NodeConfig config;
  private MarketPriceFeed feed;
  private ContestPublisher publisher;
  private OwnedStreams<ContestState> contests;
  private MessageConsumer<JsonObject> tradeConsumer;
  private HttpServer api;

  public ContestVerticle(NodeConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    feed = new MarketPriceFeed(vertx, config.getList(Setting.MARKET_SYMBOLS), symbol -> publisher.priceMoved(symbol));
    publisher = new ContestPublisher(
        vertx, feed::price, config.getInt(Setting.CONTEST_LEADERBOARD_SIZE), config.getLong(Setting.CONTEST_UPDATE_INTERVAL_MS));
    return feed.start()
        .compose(v -> OwnedStreams.join(
            vertx, config, SERVICE, StreamKind.CONTEST, publisher, HistoryLimits.of(config, Setting.CONTEST_HISTORY_EVENTS)))
        .compose(owned -> {
          contests = owned;
          publisher.start(owned);
          ContestIngest ingest = new ContestIngest(owned);
          tradeConsumer = ContestFactApi.acceptTrades(vertx, ingest, feed.symbols(), Addresses.CONTEST_TRADE_FACTS);
          return tradeConsumer.completion().compose(v -> ContestFactApi.listen(
              vertx, TokenVerifier.create(vertx, config), ingest,
              config.get(Setting.CONTEST_INGEST_HOST), config.getInt(Setting.CONTEST_INGEST_PORT)));
        })
        .onSuccess(server -> api = server);
  }

  @Override
  public Future<?> stop() {
    publisher.stop();
    return Future.all(
            contests == null ? Future.succeededFuture() : contests.leave(),
            api == null ? Future.succeededFuture() : api.close(),
            tradeConsumer == null ? Future.succeededFuture() : tradeConsumer.unregister(),
            feed.stop());
  }
}
