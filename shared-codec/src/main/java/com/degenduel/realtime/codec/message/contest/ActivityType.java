package com.degenduel.realtime.codec.message.contest;

import com.degenduel.realtime.codec.wire.WireEnum;

public enum ActivityType implements WireEnum {
  JOIN("join"),
  LEAVE("leave"),
  TRADE("trade");

  private final String wire;

  ActivityType(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
