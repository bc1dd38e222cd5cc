package com.degenduel.realtime.market.feed;

import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.market.breaker.GuardedSource;
import com.degenduel.realtime.market.publish.ConflatingPublisher;
import com.degenduel.realtime.market.source.Trade;
import com.degenduel.realtime.market.stats.SymbolMarket;
import io.vertx.circuitbreaker.OpenCircuitException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll round: asks the guarded source for the recent trades of each symbol this member owns,
 * feeds the new ones to that symbol's statistics and offers the resulting MARKET_PRICE,
 * MARKET_VOLUME and MARKET_SENTIMENT to the rate-capped publisher. A symbol whose previous call is
 * still running is skipped, so a stalled source never piles up requests. A symbol taken over
 * starts its statistics afresh from the source. Confined to the market verticle's event loop.
 */
public final class MarketFeed {
  /** Trades asked for per poll: far more than arrive between two polls, under Binance's page limit. */
  static final int TRADES_PER_POLL = 500;

  private static final Logger LOG = LoggerFactory.getLogger(MarketFeed.class);

  private final GuardedSource source;
  private final ConflatingPublisher publisher;
  private final Map<String, SymbolMarket> markets = new LinkedHashMap<>();
  private final Set<String> inFlight = new HashSet<>();

  public MarketFeed(GuardedSource source, ConflatingPublisher publisher) {
    this.source = source;
    this.publisher = publisher;
  }

  /** This member now publishes the symbol; false if it already did. */
  public boolean own(String symbol) {
    return markets.putIfAbsent(symbol, new SymbolMarket(symbol)) == null;
  }

  /** Another member publishes the symbol now: what was held for it is dropped. False if this one did not. */
  public boolean release(String symbol) {
    if (markets.remove(symbol) == null) {
      return false;
    }
    publisher.drop(StreamId.market(symbol));
    return true;
  }

  public Set<String> owned() {
    return Set.copyOf(markets.keySet());
  }

  public void poll() {
    markets.forEach(
        (symbol, market) -> {
          if (inFlight.add(symbol)) {
            source
                .recentTrades(symbol, TRADES_PER_POLL)
                .onComplete(
                    result -> {
                      inFlight.remove(symbol);
                      if (markets.get(symbol) != market) {
                        return;
                      }
                      if (result.succeeded()) {
                        take(symbol, market, result.result());
                      } else if (!(result.cause() instanceof OpenCircuitException)) {
                        LOG.debug("market source failed for {}: {}", symbol, result.cause().toString());
                      }
                    });
          }
        });
  }

  private void take(String symbol, SymbolMarket market, List<Trade> trades) {
    if (!market.ingest(trades)) {
      return;
    }
    List<StreamPayload> update = new ArrayList<>();
    market.price().ifPresent(update::add);
    update.addAll(market.volumes());
    market.sentiment().ifPresent(update::add);
    publisher.offer(StreamId.market(symbol), update);
  }
}
