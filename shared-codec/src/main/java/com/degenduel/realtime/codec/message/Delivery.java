package com.degenduel.realtime.codec.message;

/** Whether an older message of a type may be replaced by a newer one on its way to a slow client. */
public enum Delivery {
  /** A snapshot of current state: only the latest matters, so it may be conflated. */
  STATE,
  /** Something that happened: never conflated, never dropped. */
  EVENT
}
