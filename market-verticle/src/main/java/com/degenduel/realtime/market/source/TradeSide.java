package com.degenduel.realtime.market.source;

/** The side of the taker, the party that crossed the spread: a BUY lifts the ask, a SELL hits the bid. */
public enum TradeSide {
  BUY,
  SELL
}
