package com.degenduel.realtime.market.stats;

import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.message.market.MarketSentiment;
import com.degenduel.realtime.codec.message.market.MarketVolume;
import com.degenduel.realtime.codec.message.market.VolumeInterval;
import com.degenduel.realtime.market.source.DayTicker;
import com.degenduel.realtime.market.source.Trade;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the market service knows about one symbol, fed by the trades its source delivers.
 * Polls overlap and a stream may repeat a trade after reconnecting, so a trade is taken only if its
 * id is above the highest id taken so far (exchange trade ids rise per symbol); memory stays bounded
 * because nothing else about past trades is kept.
 *
 * <p>The 24-hour figures of MARKET_PRICE are the exchange's report carried forward ({@link
 * ReportedDay}): the trades seen since this replica took the symbol over cover minutes, not a day.
 * While the first report is on its way no MARKET_PRICE is made (a new watcher gets the previous
 * owner's last price meanwhile); without any report they come from the trades seen ({@link
 * DayWindow}).
 *
 * <p>Windows are measured on the source's clock: "now" is the time of the newest trade taken, and
 * every message carries that time as its timestamp, so the delay from the exchange to a client
 * can be measured end to end.
 */
public final class SymbolMarket {
  private final String symbol;
  private final DayWindow day = new DayWindow();
  private final VolumeWindows volumes = new VolumeWindows();
  private final SentimentWindow sentiment = new SentimentWindow();
  private final ReportedDay reported = new ReportedDay();
  private long lastTradeId = Long.MIN_VALUE;
  private Trade lastTrade;

  public SymbolMarket(String symbol) {
    this.symbol = symbol;
  }

  /** Takes the trades not seen before, oldest first; true when there was at least one. */
  public boolean ingest(List<Trade> trades) {
    boolean any = false;
    for (Trade trade : trades) {
      if (trade.id() <= lastTradeId) {
        continue;
      }
      lastTradeId = trade.id();
      if (lastTrade == null || !trade.time().isBefore(lastTrade.time())) {
        lastTrade = trade;
      }
      day.add(trade);
      reported.add(trade);
      volumes.add(trade);
      sentiment.add(trade);
      any = true;
    }
    return any;
  }

  /** The exchange's report of the last 24 hours has been asked for. */
  public void dayAsked() {
    reported.asked();
  }

  public void dayReported(DayTicker ticker) {
    reported.reported(ticker);
  }

  /** The report asked for did not come. */
  public void dayUnanswered() {
    reported.unanswered();
  }

  public Optional<MarketPrice> price() {
    if (lastTrade == null || reported.awaited()) {
      return Optional.empty();
    }
    Instant now = lastTrade.time();
    double price = lastTrade.price();
    return reported.summary().or(() -> day.at(now))
        .map(d -> new MarketPrice(symbol, price, d.changePercent(price), d.volume(), d.high(), d.low(), now));
  }

  public List<MarketVolume> volumes() {
    if (lastTrade == null) {
      return List.of();
    }
    Instant now = lastTrade.time();
    List<MarketVolume> out = new ArrayList<>();
    for (VolumeInterval interval : VolumeInterval.values()) {
      Flow f = volumes.over(interval, now);
      out.add(new MarketVolume(symbol, f.volume(), f.trades(), f.buyVolume(), f.sellVolume(), interval, now));
    }
    return out;
  }

  public Optional<MarketSentiment> sentiment() {
    return lastTrade == null ? Optional.empty() : Optional.of(sentiment.at(symbol, lastTrade.time()));
  }
}
