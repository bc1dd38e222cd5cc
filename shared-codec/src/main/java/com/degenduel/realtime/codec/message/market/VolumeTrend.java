package com.degenduel.realtime.codec.message.market;

import com.degenduel.realtime.codec.wire.WireEnum;

public enum VolumeTrend implements WireEnum {
  INCREASING("increasing"),
  DECREASING("decreasing"),
  STABLE("stable");

  private final String wire;

  VolumeTrend(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
