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
 * <p>Caps: PORTFOLIO_UPDATED at most once per interval per wallet, PRICE_UPDATED at most once per
 * interval per wallet and symbol, both built when sent so the latest state wins.
 */
public final class PortfolioPublisher implements OwnedStreams.Owner<Holdings> {
  private record WalletSymbol(String wallet, String symbol) {}

  private final Vertx vertx;
  private final HoldingsBook book = new HoldingsBook();
  private final Function<String, MarketPrice> prices;
  private final KeyedThrottle<String> portfolios;
  private final KeyedThrottle<WalletSymbol> priceUpdates;
  private OwnedStreams<Holdings> streams;
  private MessageConsumer<SnapshotRequest> snapshots;
  private MessageConsumer<StreamInterest> interests;

  public PortfolioPublisher(Vertx vertx, Function<String, MarketPrice> prices, long intervalMs) {
    this.vertx = vertx;
    this.prices = prices;
    this.portfolios = new KeyedThrottle<>(vertx, intervalMs, this::sendPortfolio);
    this.priceUpdates = new KeyedThrottle<>(vertx, intervalMs, this::sendPrice);
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
    priceUpdates.clear();
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

  /** How many wallets this member values now: the watched ones it owns. */
  public int valuedCount() {
    return book.size();
  }

  /** Revalues only the owned wallets that hold the symbol. */
  public void priceMoved(MarketPrice price) {
    for (String wallet : book.holders(price.symbol())) {
      portfolios.request(wallet);
      priceUpdates.request(new WalletSymbol(wallet, price.symbol()));
    }
  }

  private void sendPortfolio(String wallet) {
    streams.publishState(wallet, PortfolioValuation.value(book.get(wallet), prices, WireTime.now()));
  }

  private void sendPrice(WalletSymbol key) {
    MarketPrice price = prices.apply(key.symbol());
    if (price != null && book.get(key.wallet()).amount(key.symbol()) > 0) {
      streams.publishState(key.wallet(), new PriceUpdated(price.symbol(), price.price(), price.change24h(), price.timestamp()));
    }
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
