package com.degenduel.realtime.loadtest;

import java.util.Arrays;

/**
 * The last {@code seq} one connection saw per lane, in two primitive arrays. A connection has a
 * handful of lanes, so a linear search beats hashing; and storing primitives into a long-lived
 * table, unlike a boxed Long per frame into a HashMap, gives the collector no old-to-young
 * references to track, whose upkeep was a quarter of the generator's CPU.
 */
final class LaneSeqs {
  static final long NONE = Long.MIN_VALUE;

  private long[] lanes = new long[4];
  private long[] seqs = new long[4];
  private int size;

  /** Records {@code seq} for {@code lane}; returns the lane's previous seq, or {@link #NONE}. */
  long put(long lane, long seq) {
    for (int i = 0; i < size; i++) {
      if (lanes[i] == lane) {
        long previous = seqs[i];
        seqs[i] = seq;
        return previous;
      }
    }
    if (size == lanes.length) {
      lanes = Arrays.copyOf(lanes, size * 2);
      seqs = Arrays.copyOf(seqs, size * 2);
    }
    lanes[size] = lane;
    seqs[size++] = seq;
    return NONE;
  }
}
