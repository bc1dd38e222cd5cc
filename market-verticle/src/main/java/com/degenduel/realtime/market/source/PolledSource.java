package com.degenduel.realtime.market.source;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A source read by polling: every MARKET_POLL_INTERVAL_MS it asks the exchange for the recent
 * trades of each followed symbol. A symbol whose previous call is still running is skipped, so a
 * stalled exchange never piles up requests; a call slower than MARKET_SOURCE_TIMEOUT_MS fails; and
 * while the breaker is open nothing is asked at all. A trade waits up to a poll interval before
 * anyone hears of it, which is why a pushed source is preferred where the exchange has one.
 */
public final class PolledSource implements MarketDataSource {
  /** What an exchange that is polled answers. */
  public interface Exchange {
    /** The most recent trades of {@code symbol}, oldest first, at most {@code limit}. */
    Future<List<Trade>> recentTrades(String symbol, int limit);

    Future<DayTicker> day(String symbol);

    Future<Void> close();
  }

  /** Trades asked for per poll: far more than arrive between two polls, under Binance's page limit. */
  static final int TRADES_PER_POLL = 500;

  private final Exchange exchange;
  private final SourceListener listener;
  private final Vertx vertx;
  private final long timeoutMs;
  private final long pollTimer;
  private final Set<String> followed = new LinkedHashSet<>();
  private final Set<String> inFlight = new HashSet<>();

  public PolledSource(Vertx vertx, Exchange exchange, long intervalMs, long timeoutMs, SourceListener listener) {
    this.vertx = vertx;
    this.exchange = exchange;
    this.listener = listener;
    this.timeoutMs = timeoutMs;
    this.pollTimer = vertx.setPeriodic(0, intervalMs, id -> poll());
  }

  @Override
  public void follow(String symbol) {
    followed.add(symbol);
  }

  @Override
  public void unfollow(String symbol) {
    followed.remove(symbol);
  }

  private void poll() {
    if (listener.resting()) {
      return;
    }
    for (String symbol : followed) {
      if (inFlight.add(symbol)) {
        exchange
            .recentTrades(symbol, TRADES_PER_POLL)
            .timeout(timeoutMs, TimeUnit.MILLISECONDS)
            .onComplete(
                result -> {
                  inFlight.remove(symbol);
                  if (result.succeeded()) {
                    listener.trades(symbol, result.result());
                  } else {
                    listener.failed(result.cause());
                  }
                });
      }
    }
  }

  @Override
  public Future<DayTicker> day(String symbol) {
    return exchange.day(symbol).timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public Future<Void> close() {
    vertx.cancelTimer(pollTimer);
    return exchange.close();
  }
}
