package com.degenduel.realtime.market.source;

import java.util.List;

/** What a {@link MarketDataSource} reports: trades (a sign that it works) and failures. */
public interface SourceListener {
  /** New trades of a followed symbol, oldest first; a trade may come twice, the market counts it once. */
  void trades(String symbol, List<Trade> trades);

  /** One failure: a failed or slow call, a dropped, refused or silent connection, an unreadable message. */
  void failed(Throwable cause);

  /** True while the circuit breaker is open: a polled source then leaves the exchange alone. */
  boolean resting();
}
