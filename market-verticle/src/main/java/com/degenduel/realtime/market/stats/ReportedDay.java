package com.degenduel.realtime.market.stats;

import com.degenduel.realtime.market.source.DayTicker;
import com.degenduel.realtime.market.source.Trade;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * A symbol's 24 hours as the exchange last reported them, carried forward with the trades after the
 * report's last trade id: each raises the high, lowers the low and adds to the volume. Trades that
 * leave the day after the report are not taken off, so between two reports (MARKET_DAY_REFRESH_MS)
 * the volume runs a little high and the open a little stale; each report corrects them.
 *
 * <p>The report says which trade it ends with, and the trades after it may already have arrived
 * while it was on its way, so trades are kept from the moment it is asked for (at most {@link
 * #MAX_WAITING}, the newest) and those past its last trade are carried into it when it comes.
 */
final class ReportedDay {
  static final int MAX_WAITING = 10_000;

  private DayTicker report;
  private double high;
  private double low;
  private double volume;
  private boolean asking;
  private final ArrayDeque<Trade> sinceAsked = new ArrayDeque<>();

  void asked() {
    asking = true;
    sinceAsked.clear();
  }

  /** True while the first report is on its way: the day cannot be told yet. */
  boolean awaited() {
    return asking && report == null;
  }

  void add(Trade trade) {
    if (asking) {
      if (sinceAsked.size() == MAX_WAITING) {
        sinceAsked.removeFirst();
      }
      sinceAsked.addLast(trade);
    }
    if (report != null && trade.id() > report.lastTradeId()) {
      carry(trade);
    }
  }

  void reported(DayTicker ticker) {
    report = ticker;
    high = ticker.high();
    low = ticker.low();
    volume = ticker.volume();
    for (Trade trade : sinceAsked) {
      if (trade.id() > ticker.lastTradeId()) {
        carry(trade);
      }
    }
    asking = false;
    sinceAsked.clear();
  }

  /** The report did not come; the previous one, if any, is carried on. */
  void unanswered() {
    asking = false;
    sinceAsked.clear();
  }

  private void carry(Trade trade) {
    high = Math.max(high, trade.price());
    low = Math.min(low, trade.price());
    volume += trade.quantity();
  }

  Optional<DaySummary> summary() {
    return report == null ? Optional.empty() : Optional.of(new DaySummary(report.open(), high, low, volume));
  }
}
