package com.degenduel.realtime.market.snapshot;

import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.wire.WireFormat;
import java.io.Serializable;

/**
 * A symbol's last published MARKET_PRICE as its stream record keeps it, in the wire form every
 * member reads back: what a new watcher starts from, on any market member, after a takeover and
 * while the source is down.
 */
public record LastPrice(String wire) implements Serializable {
  public static LastPrice of(MarketPrice price) {
    return new LastPrice(WireFormat.toJson(0, price, null).encode());
  }

  public MarketPrice price() {
    return (MarketPrice) WireFormat.decodeStreamed(wire).payload();
  }
}
