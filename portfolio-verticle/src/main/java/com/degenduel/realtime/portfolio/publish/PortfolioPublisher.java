package com.degenduel.realtime.portfolio.publish;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.message.portfolio.PortfolioUpdated;
import com.degenduel.realtime.codec.message.portfolio.PriceUpdated;
import com.degenduel.realtime.codec.message.portfolio.TradeExecuted;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.KeyedThrottle;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSequencer;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.codec.wire.WireTime;
import com.degenduel.realtime.portfolio.holdings.HoldingsBook;
import com.degenduel.realtime.portfolio.valuation.PortfolioValuation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import java.util.function.Function;

/**
 * The one place that publishes wallet streams and answers their snapshots. It publishes only while
 * active: this node owns the wallet streams then. An ownership election (several replicas) turns
 * it on and off with {@link #activate} and {@link #deactivate}; a single node activates it at start.
 *
 * <p>Caps: PORTFOLIO_UPDATED at most once per interval per wallet, PRICE_UPDATED at most once per
 * interval per wallet and symbol, both built when sent so the latest state wins; TRADE_EXECUTED
 * published at once, every one.
 */
public final class PortfolioPublisher {
  private record WalletSymbol(String wallet, String symbol) {}

  private final Vertx vertx;
  private final HoldingsBook book;
  private final Function<String, MarketPrice> prices;
  private final StreamSequencer sequencer;
  private final KeyedThrottle<String> portfolios;
  private final KeyedThrottle<WalletSymbol> priceUpdates;
  private MessageConsumer<SnapshotRequest> snapshots;
  private boolean active;

  public PortfolioPublisher(
      Vertx vertx, HoldingsBook book, Function<String, MarketPrice> prices, long intervalMs, StreamSequencer sequencer) {
    this.vertx = vertx;
    this.sequencer = sequencer;
    this.book = book;
    this.prices = prices;
    this.portfolios = new KeyedThrottle<>(vertx, intervalMs, this::sendPortfolio);
    this.priceUpdates = new KeyedThrottle<>(vertx, intervalMs, this::sendPrice);
  }

  public Future<Void> activate() {
    active = true;
    snapshots = vertx.eventBus().consumer(Addresses.snapshot(StreamKind.WALLET), this::answerSnapshot);
    return snapshots.completion();
  }

  public Future<Void> deactivate() {
    active = false;
    portfolios.clear();
    priceUpdates.clear();
    return snapshots == null ? Future.succeededFuture() : snapshots.unregister();
  }

  public void tradeExecuted(TradeExecuted trade) {
    if (active) {
      publish(StreamId.wallet(trade.walletAddress()), trade);
    }
  }

  public void walletChanged(String wallet) {
    if (active) {
      portfolios.request(wallet);
    }
  }

  /** Revalues only the wallets that hold the symbol. */
  public void priceMoved(MarketPrice price) {
    if (!active) {
      return;
    }
    for (String wallet : book.holders(price.symbol())) {
      portfolios.request(wallet);
      priceUpdates.request(new WalletSymbol(wallet, price.symbol()));
    }
  }

  private void sendPortfolio(String wallet) {
    publish(StreamId.wallet(wallet), valuation(wallet));
  }

  private void sendPrice(WalletSymbol key) {
    MarketPrice price = prices.apply(key.symbol());
    if (price != null && book.get(key.wallet()).amount(key.symbol()) > 0) {
      publish(
          StreamId.wallet(key.wallet()),
          new PriceUpdated(price.symbol(), price.price(), price.change24h(), price.timestamp()));
    }
  }

  private PortfolioUpdated valuation(String wallet) {
    return PortfolioValuation.value(book.get(wallet), prices, WireTime.now());
  }

  private void publish(StreamId stream, StreamPayload payload) {
    StreamEvent event = sequencer.next(stream, payload);
    vertx.eventBus().publish(event.address(), event);
  }

  /** The wallet's current valuation, numbered as the last PORTFOLIO_UPDATED published (0: none yet). */
  private void answerSnapshot(Message<SnapshotRequest> request) {
    StreamId stream = request.body().stream();
    if (stream.kind() != StreamKind.WALLET) {
      request.fail(400, "NOT_A_WALLET_STREAM");
      return;
    }
    long seq = sequencer.last(stream, MessageType.PORTFOLIO_UPDATED);
    request.reply(new StreamSnapshot(List.of(new StreamEvent(stream, seq, valuation(stream.key())))));
  }
}
