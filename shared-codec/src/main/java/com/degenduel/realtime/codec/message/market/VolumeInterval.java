package com.degenduel.realtime.codec.message.market;

import com.degenduel.realtime.codec.wire.WireEnum;
import java.time.Duration;

/** The aggregation windows of MARKET_VOLUME, spelled as the contract spells them. */
public enum VolumeInterval implements WireEnum {
  M1("1m", Duration.ofMinutes(1)),
  M5("5m", Duration.ofMinutes(5)),
  M15("15m", Duration.ofMinutes(15)),
  H1("1h", Duration.ofHours(1)),
  H4("4h", Duration.ofHours(4)),
  D1("1d", Duration.ofDays(1));

  private final String wire;
  private final Duration length;

  VolumeInterval(String wire, Duration length) {
    this.wire = wire;
    this.length = length;
  }

  @Override
  public String wire() {
    return wire;
  }

  public Duration length() {
    return length;
  }
}
