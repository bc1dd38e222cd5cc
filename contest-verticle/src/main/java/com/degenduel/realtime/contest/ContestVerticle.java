package com.degenduel.realtime.contest;

import com.degenduel.realtime.codec.message.contest.ParticipantActivity;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.contest.ingest.ContestCommands;
import com.degenduel.realtime.contest.ingest.ContestFactApi;
import com.degenduel.realtime.contest.leaderboard.Participant;
import com.degenduel.realtime.contest.leaderboard.ParticipantStore;
import com.degenduel.realtime.contest.lifecycle.Contest;
import com.degenduel.realtime.contest.lifecycle.ContestBook;
import com.degenduel.realtime.contest.lifecycle.ContestStore;
import com.degenduel.realtime.contest.publish.ContestChanges;
import com.degenduel.realtime.contest.publish.ContestPublisher;
import com.degenduel.realtime.node.auth.TokenVerifier;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.ingest.ProcessedFacts;
import com.degenduel.realtime.node.market.MarketPriceFeed;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * Contests, participants and leaderboards: loads them from the cluster, follows market prices,
 * serves the fact-ingestion API and the contest-trade hand-over, and publishes the contest streams.
 */
public final class ContestVerticle extends VerticleBase {
  /** Lifecycle and participation event ids already applied; shared by every contest replica. */
  public static final String PROCESSED_EVENTS_MAP = "dd.facts.contest-events";
  /** Contest trade ids already applied. */
  public static final String PROCESSED_TRADES_MAP = "dd.facts.contest-trades";

  private final NodeConfig config;
  private MarketPriceFeed feed;
  private ContestPublisher publisher;
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
    feed = new MarketPriceFeed(vertx, config.getList(Setting.MARKET_SYMBOLS), price -> publisher.priceMoved(price));
    publisher = new ContestPublisher(
        vertx, book, feed::price, config.getInt(Setting.CONTEST_LEADERBOARD_SIZE),
        config.getLong(Setting.CONTEST_UPDATE_INTERVAL_MS));
    ContestChanges changes = new ContestChanges() {
      @Override
      public void contestChanged(Contest contest) {
        book.put(contest);
        publisher.contestChanged(contest.id());
      }

      @Override
      public void participantChanged(Participant participant) {
        book.put(participant);
        publisher.standingsChanged(participant.contestId());
      }

      @Override
      public void participantLeft(String contestId, String wallet) {
        book.remove(contestId, wallet);
        publisher.standingsChanged(contestId);
      }

      @Override
      public void activity(ParticipantActivity activity) {
        publisher.activity(activity);
      }
    };
    ContestCommands commands = new ContestCommands(
        contests, participants, new ProcessedFacts(vertx, PROCESSED_EVENTS_MAP),
        new ProcessedFacts(vertx, PROCESSED_TRADES_MAP), changes);
    return contests.all()
        .compose(all -> {
          all.forEach(book::put);
          return participants.all();
        })
        .compose(all -> {
          all.forEach(book::put);
          return publisher.activate();
        })
        .compose(v -> feed.start())
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
        publisher.deactivate());
  }
}
