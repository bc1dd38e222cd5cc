package com.degenduel.realtime.portfolio.publish;

import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.message.portfolio.PortfolioUpdated;
import com.degenduel.realtime.codec.message.portfolio.PriceUpdated;
import com.degenduel.realtime.codec.stream.KeyedThrottle;
import com.degenduel.realtime.codec.stream.StreamInterest;
import com.degenduel.realtime.codec.wire.WireTime;
import com.degenduel.realtime.node.streams.OwnedStreams;
import com.degenduel.realtime.portfolio.holdings.Holdings;
import com.degenduel.realtime.portfolio.holdings.HoldingsBook;
import com.degenduel.realtime.portfolio.valuation.PortfolioValuation;
import io.vertx.core.Vertx;
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

  public PortfolioPublisher(Vertx vertx, Function<String, MarketPrice> prices, long intervalMs) {
    this.vertx = vertx;
    this.prices = prices;
    this.portfolios = new KeyedThrottle<>(vertx, intervalMs, this::sendPortfolio);
    this.priceMoves = new KeyedThrottle<>(vertx, intervalMs, this::revalueHolders);
  }

  /** Publishes through the member's share of the wallet streams. */
  public void start(OwnedStreams<Holdings> owned) {
    this.streams = owned;
  }

  public void stop() {
    portfolios.clear();
    priceMoves.clear();
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

  public void priceMoved(String symbol) {
    priceMoves.request(symbol);
  }

  /** Revalues only the watched wallets this member owns that hold the symbol. */
  private void revalueHolders(String symbol) {
    Set<String> holders = book.holders(symbol);
    MarketPrice price = holders.isEmpty() ? null : prices.apply(symbol);
    if (price == null) {
      return;
    }
    PriceUpdated update = new PriceUpdated(price.symbol(), price.price(), price.change24h(), price.timestamp());
    for (String wallet : holders) {
      streams.publishState(wallet, update);
      portfolios.request(wallet);
    }
  }

  private void sendPortfolio(String wallet) {
    streams.publishState(wallet, PortfolioValuation.value(book.get(wallet), prices, WireTime.now()));
  }

  /** The wallet's current valuation; a wallet with no trade yet holds nothing. */
  @Override
  public List<StreamPayload> snapshot(String wallet, Holdings holdings) {
    return List.of(PortfolioValuation.value(holdings == null ? Holdings.empty(wallet) : holdings, prices, WireTime.now()));
  }
}
