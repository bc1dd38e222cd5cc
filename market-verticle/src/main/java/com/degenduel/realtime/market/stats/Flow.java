package com.degenduel.realtime.market.stats;

/** Traded volume (base asset) over some span, split by the taker's side. */
public record Flow(double volume, long trades, double buyVolume, double sellVolume) {
}
