package com.degenduel.realtime.node.streams;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;

/**
 * The ids of the last facts applied to one stream, each with a {@link Fingerprint} of its content and the
 * {@code seq} of the last event it created: a ring of {@link #SIZE}, the newest replacing the
 * oldest. A fact id is recognised as long as it is among the stream's last {@value #SIZE} facts,
 * which bounds the memory of a busy stream; reporting backends retry within seconds, far inside
 * that window.
 */
final class FactWindow {
  static final int SIZE = 256;

  /** What the window remembers of a fact. */
  record Seen(long fingerprint, long seq) {}

  private String[] ids = new String[8];
  private long[] fingerprints = new long[8];
  private long[] seqs = new long[8];
  private int next;
  private int count;

  Seen find(String id) {
    for (int i = 1; i <= count; i++) {
      int slot = Math.floorMod(next - i, ids.length);
      if (id.equals(ids[slot])) {
        return new Seen(fingerprints[slot], seqs[slot]);
      }
    }
    return null;
  }

  void add(String id, long fingerprint, long seq) {
    if (count == ids.length && ids.length < SIZE) {
      grow();
    }
    ids[next] = id;
    fingerprints[next] = fingerprint;
    seqs[next] = seq;
    next = (next + 1) % ids.length;
    count = Math.min(count + 1, ids.length);
  }

  private void grow() {
    int size = Math.min(SIZE, ids.length * 2);
    String[] newIds = new String[size];
    long[] newFingerprints = new long[size];
    long[] newSeqs = new long[size];
    for (int i = 0; i < count; i++) {
      int slot = (next + i) % ids.length;
      newIds[i] = ids[slot];
      newFingerprints[i] = fingerprints[slot];
      newSeqs[i] = seqs[slot];
    }
    ids = newIds;
    fingerprints = newFingerprints;
    seqs = newSeqs;
    next = count;
  }

  void writeTo(ObjectDataOutput out) throws IOException {
    out.writeInt(count);
    for (int i = count; i >= 1; i--) {
      int slot = Math.floorMod(next - i, ids.length);
      out.writeString(ids[slot]);
      out.writeLong(fingerprints[slot]);
      out.writeLong(seqs[slot]);
    }
  }

  static FactWindow readFrom(ObjectDataInput in) throws IOException {
    FactWindow window = new FactWindow();
    int size = in.readInt();
    for (int i = 0; i < size; i++) {
      window.add(in.readString(), in.readLong(), in.readLong());
    }
    return window;
  }
}
