package com.degenduel.realtime.market.feed;

import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.market.breaker.SourceBreaker;
import com.degenduel.realtime.market.publish.ConflatingPublisher;
import com.degenduel.realtime.market.source.MarketDataSource;
import com.degenduel.realtime.market.source.SourceListener;
import com.degenduel.realtime.market.source.Trade;
import com.degenduel.realtime.market.stats.SymbolMarket;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The symbols this member owns, fed by the source: the source follows exactly those symbols, each
 * batch of trades it delivers goes into the symbol's statistics at once, and the resulting
 * MARKET_PRICE, MARKET_VOLUME and MARKET_SENTIMENT go to the rate-capped publisher. A symbol taken
 * over starts its statistics afresh, with the exchange's report of its last 24 hours, asked for
 * then and every MARKET_DAY_REFRESH_MS. What the source reports also goes to the circuit breaker.
 * Confined to the market verticle's event loop.
 */
public final class MarketFeed {
  private static final Logger LOG = LoggerFactory.getLogger(MarketFeed.class);

  private final SourceBreaker breaker;
  private final ConflatingPublisher publisher;
  private final MarketDataSource source;
  private final Map<String, SymbolMarket> markets = new LinkedHashMap<>();
  private boolean started;

  public MarketFeed(SourceBreaker breaker, ConflatingPublisher publisher, Function<SourceListener, MarketDataSource> sources) {
    this.breaker = breaker;
    this.publisher = publisher;
    this.source = sources.apply(new Listener());
  }

  /**
   * From now on what the source delivers is published: the symbols owned so far are followed.
   * Before, there is nowhere to publish to yet.
   */
  public void start() {
    started = true;
    markets.forEach(this::follow);
  }

  /** This member now publishes the symbol; false if it already did. */
  public boolean own(String symbol) {
    SymbolMarket market = new SymbolMarket(symbol);
    if (markets.putIfAbsent(symbol, market) != null) {
      return false;
    }
    if (started) {
      follow(symbol, market);
    }
    return true;
  }

  private void follow(String symbol, SymbolMarket market) {
    source.follow(symbol);
    askDay(symbol, market);
  }

  /** Another member publishes the symbol now: what was held for it is dropped. False if this one did not. */
  public boolean release(String symbol) {
    if (markets.remove(symbol) == null) {
      return false;
    }
    source.unfollow(symbol);
    publisher.drop(StreamId.market(symbol));
    return true;
  }

  public Set<String> owned() {
    return Set.copyOf(markets.keySet());
  }

  /** Asks the exchange again for the last 24 hours of every owned symbol. */
  public void refreshDays() {
    markets.forEach(this::askDay);
  }

  private void askDay(String symbol, SymbolMarket market) {
    market.dayAsked();
    source.day(symbol).onComplete(result -> {
      if (markets.get(symbol) != market) {
        return;
      }
      if (result.succeeded()) {
        market.dayReported(result.result());
      } else {
        LOG.debug("market source: no 24 h figures for {}: {}", symbol, result.cause().toString());
        market.dayUnanswered();
      }
    });
  }

  public Future<Void> close() {
    return source.close();
  }

  private final class Listener implements SourceListener {
    @Override
    public void trades(String symbol, List<Trade> trades) {
      long arrived = System.nanoTime();
      breaker.succeeded();
      SymbolMarket market = markets.get(symbol);
      if (market == null || !market.ingest(trades)) {
        return;
      }
      List<StreamPayload> update = new ArrayList<>();
      market.price().ifPresent(update::add);
      update.addAll(market.volumes());
      market.sentiment().ifPresent(update::add);
      publisher.offer(StreamId.market(symbol), update, arrived);
    }

    @Override
    public void failed(Throwable cause) {
      LOG.debug("market source failed: {}", cause.toString());
      breaker.failed(cause);
    }

    @Override
    public boolean resting() {
      return breaker.isOpen();
    }
  }
}
