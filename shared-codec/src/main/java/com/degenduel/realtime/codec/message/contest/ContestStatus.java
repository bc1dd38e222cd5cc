package com.degenduel.realtime.codec.message.contest;

import com.degenduel.realtime.codec.wire.WireEnum;

public enum ContestStatus implements WireEnum {
  ACTIVE("active"),
  COMPLETED("completed"),
  CANCELLED("cancelled");

  private final String wire;

  ContestStatus(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
