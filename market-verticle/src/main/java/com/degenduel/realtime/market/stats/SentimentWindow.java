package com.degenduel.realtime.market.stats;

import com.degenduel.realtime.codec.message.market.MarketSentiment;
import com.degenduel.realtime.codec.message.market.VolumeTrend;
import com.degenduel.realtime.market.source.Trade;
import java.time.Duration;
import java.time.Instant;

/**
 * MARKET_SENTIMENT from the taker flow of the last {@link #WINDOW} (rolling, 5 s buckets):
 *
 * <ul>
 *   <li>{@code buy_pressure = buy / (buy + sell)} in [0, 1]; with no flow at all both pressures are
 *       a neutral 0.5;
 *   <li>{@code sell_pressure = 1 - buy_pressure};
 *   <li>{@code sentiment_score = buy_pressure - sell_pressure} in [-1, 1];
 *   <li>{@code volume_trend} compares the volume of the last window with the window before it:
 *       more than {@link #TREND_THRESHOLD} above is increasing, more than that below is
 *       decreasing, otherwise stable. Any volume after none is increasing.
 * </ul>
 */
public final class SentimentWindow {
  public static final Duration WINDOW = Duration.ofMinutes(5);
  /** A 10 % change of volume between two windows is a trend; less is noise. */
  public static final double TREND_THRESHOLD = 0.10;

  private static final Duration BUCKET = Duration.ofSeconds(5);
  private static final int WINDOW_BUCKETS = (int) (WINDOW.toMillis() / BUCKET.toMillis());

  private final FlowRing ring = new FlowRing(BUCKET, 2 * WINDOW_BUCKETS);

  public void add(Trade trade) {
    ring.add(trade);
  }

  public MarketSentiment at(String symbol, Instant now) {
    return sentiment(symbol, ring.sum(now, 0, WINDOW_BUCKETS), ring.sum(now, WINDOW_BUCKETS, WINDOW_BUCKETS), now);
  }

  static MarketSentiment sentiment(String symbol, Flow recent, Flow previous, Instant now) {
    double sides = recent.buyVolume() + recent.sellVolume();
    double buyPressure = sides > 0 ? recent.buyVolume() / sides : 0.5;
    double sellPressure = 1 - buyPressure;
    return new MarketSentiment(
        symbol, buyPressure - sellPressure, buyPressure, sellPressure, trend(recent.volume(), previous.volume()), now);
  }

  static VolumeTrend trend(double recent, double previous) {
    if (previous <= 0) {
      return recent > 0 ? VolumeTrend.INCREASING : VolumeTrend.STABLE;
    }
    double change = (recent - previous) / previous;
    if (change > TREND_THRESHOLD) {
      return VolumeTrend.INCREASING;
    }
    if (change < -TREND_THRESHOLD) {
      return VolumeTrend.DECREASING;
    }
    return VolumeTrend.STABLE;
  }
}
