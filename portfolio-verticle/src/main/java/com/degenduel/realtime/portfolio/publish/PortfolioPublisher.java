package com.degenduel.realtime.portfolio.publish;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.message.portfolio.PortfolioUpdated;
import com.degenduel.realtime.codec.message.portfolio.PriceUpdated;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.KeyedThrottle;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamInterest;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.codec.wire.WireTime;
import com.degenduel.realtime.node.streams.OwnedStreams;
import com.degenduel.realtime.node.streams.StreamView;
import com.degenduel.realtime.portfolio.holdings.Holdings;
import com.degenduel.realtime.portfolio.holdings.HoldingsBook;
import com.degenduel.realtime.portfolio.valuation.PortfolioValuation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The state messages of the watched wallet streams this member owns, and the snapshots of any
 * wallet. TRADE_EXECUTED is published from the wallet records by {@link OwnedStreams}; this keeps
 * the holdings of the watched wallets it owns ({@link HoldingsBook}) and revalues them as prices
 * move and holdings change. A wallet nobody watches costs nothing here: a gateway watches a wallet
 * by asking for its snapshot and renews that every {@link StreamInterest#RENEW_EVERY}.
 *
 * <p>Caps: PORTFOLIO_UPDATED at most once per interval per wallet, built when sent so the latest
 * state wins. A symbol's price moves revalue its holders at most once per interval (the first move
 * at once, the latest of the later ones at the end of the interval), so a busy symbol costs one
 * pass over its holders per interval, not one per tick; each holder then gets PRICE_UPDATED, which
 * is therefore at most once per interval per wallet and symbol too.
 */
public final class PortfolioPublisher implements OwnedStreams.Owner<Holdings> {
  private final Vertx vertx;
  private final HoldingsBook book = new HoldingsBook();
  private final Function<String, MarketPrice> prices;
  private final KeyedThrottle<String> portfolios;
  private final KeyedThrottle<String> priceMoves;
  private OwnedStreams<Holdings> streams;
  private MessageConsumer<SnapshotRequest> snapshots;
  private MessageConsumer<StreamInterest> interests;

  public PortfolioPublisher(Vertx vertx, Function<String, MarketPrice> prices, long intervalMs) {
    this.vertx = vertx;
    this.prices = prices;
    this.portfolios = new KeyedThrottle<>(vertx, intervalMs, this::sendPortfolio);
    this.priceMoves = new KeyedThrottle<>(vertx, intervalMs, this::revalueHolders);
  }

  /**
   * Starts answering snapshots and recording gateways' interest; every replica answers for any
   * wallet, through the wallet record's owner.
   */
  public Future<Void> start(OwnedStreams<Holdings> owned) {
    this.streams = owned;
    snapshots = vertx.eventBus().consumer(Addresses.snapshot(StreamKind.WALLET), this::answerSnapshot);
    interests = vertx.eventBus().consumer(Addresses.interest(StreamKind.WALLET), m -> {
      StreamInterest interest = m.body();
      streams.watchAll(Set.copyOf(interest.keys()), interest.watcher(), interest.watching() ? StreamInterest.TTL : Duration.ZERO);
    });
    return Future.all(snapshots.completion(), interests.completion()).mapEmpty();
  }

  public Future<Void> stop() {
    portfolios.clear();
    priceMoves.clear();
    return Future.all(
        snapshots == null ? Future.succeededFuture() : snapshots.unregister(),
        interests == null ? Future.succeededFuture() : interests.unregister()).mapEmpty();
  }

  @Override
  public void stateOf(String wallet, Holdings holdings) {
    book.put(holdings == null ? Holdings.empty(wallet) : holdings);
    portfolios.request(wallet);
  }

  @Override
  public void released(String wallet) {
    book.remove(wallet);
  }

  public void priceMoved(MarketPrice price) {
    priceMoves.request(price.symbol());
  }

  /** Revalues only the watched wallets this member owns that hold the symbol. */
  private void revalueHolders(String symbol) {
    MarketPrice price = prices.apply(symbol);
    if (price == null) {
      return;
    }
    PriceUpdated update = new PriceUpdated(price.symbol(), price.price(), price.change24h(), price.timestamp());
    for (String wallet : book.holders(symbol)) {
      streams.publishState(wallet, update);
      portfolios.request(wallet);
    }
  }

  private void sendPortfolio(String wallet) {
    streams.publishState(wallet, PortfolioValuation.value(book.get(wallet), prices, WireTime.now()));
  }

  /**
   * The wallet's current valuation, numbered as the last PORTFOLIO_UPDATED its owning member
   * published (0: none yet), with the stream's epoch.
   */
  private void answerSnapshot(Message<SnapshotRequest> request) {
    StreamId stream = request.body().stream();
    if (stream.kind() != StreamKind.WALLET) {
      request.fail(400, "NOT_A_WALLET_STREAM");
      return;
    }
    SnapshotRequest asked = request.body();
    Future<StreamView> current = asked.watcher() == null
        ? streams.view(stream.key())
        : streams.watch(stream.key(), asked.watcher(), StreamInterest.TTL);
    current.onComplete(read -> {
      if (read.failed()) {
        request.fail(503, "SERVICE_UNAVAILABLE");
        return;
      }
      StreamView view = read.result();
      Holdings holdings = view.state() instanceof Holdings h ? h : Holdings.empty(stream.key());
      PortfolioUpdated valuation = PortfolioValuation.value(holdings, prices, WireTime.now());
      request.reply(new StreamSnapshot(List.of(new StreamEvent(stream, view.lastStateSeq(MessageType.PORTFOLIO_UPDATED, ""), valuation, view.epoch()))));
    });
  }
}
