package com.degenduel.realtime.market.stats;

import com.degenduel.realtime.market.source.Trade;
import com.degenduel.realtime.market.source.TradeSide;
import java.time.Duration;
import java.time.Instant;

/**
 * Trade flow in a fixed ring of equal time buckets, so memory stays the same however many trades
 * arrive. Bucket {@code k} holds the trades whose time lies in {@code [k*len, (k+1)*len)} since
 * the epoch; a window of {@code n} buckets at {@code now} is the bucket holding {@code now} and the
 * {@code n-1} before it. A bucket is reused when its slot comes round again, and a trade too old
 * for the ring is dropped.
 */
final class FlowRing {
  private final long bucketMillis;
  private final long[] index;
  private final double[] volume;
  private final long[] trades;
  private final double[] buyVolume;
  private final double[] sellVolume;

  FlowRing(Duration bucket, int buckets) {
    this.bucketMillis = bucket.toMillis();
    this.index = new long[buckets];
    this.volume = new double[buckets];
    this.trades = new long[buckets];
    this.buyVolume = new double[buckets];
    this.sellVolume = new double[buckets];
    java.util.Arrays.fill(index, Long.MIN_VALUE);
  }

  void add(Trade trade) {
    long k = bucketOf(trade.time());
    int slot = slot(k);
    if (index[slot] != k) {
      if (index[slot] > k) {
        return;
      }
      index[slot] = k;
      volume[slot] = 0;
      trades[slot] = 0;
      buyVolume[slot] = 0;
      sellVolume[slot] = 0;
    }
    volume[slot] += trade.quantity();
    trades[slot]++;
    if (trade.side() == TradeSide.BUY) {
      buyVolume[slot] += trade.quantity();
    } else {
      sellVolume[slot] += trade.quantity();
    }
  }

  /** The flow of the {@code count} buckets that end {@code bucketsAgo} buckets before the one holding {@code now}. */
  Flow sum(Instant now, int bucketsAgo, int count) {
    long newest = bucketOf(now) - bucketsAgo;
    long oldest = newest - count + 1;
    double v = 0;
    long n = 0;
    double buy = 0;
    double sell = 0;
    for (int slot = 0; slot < index.length; slot++) {
      if (index[slot] >= oldest && index[slot] <= newest) {
        v += volume[slot];
        n += trades[slot];
        buy += buyVolume[slot];
        sell += sellVolume[slot];
      }
    }
    return new Flow(v, n, buy, sell);
  }

  private long bucketOf(Instant time) {
    return Math.floorDiv(time.toEpochMilli(), bucketMillis);
  }

  private int slot(long bucket) {
    return (int) Math.floorMod(bucket, (long) index.length);
  }
}
