package com.degenduel.realtime.node.streams;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;

/**
 * The ids of the last facts applied to one stream, each with a {@link Fingerprint} of its content and the
 * {@code seq} of the last event it created: a ring, the newest replacing the oldest. A fact id is
 * recognised as long as it is among the stream's last {@code capacity} facts, which bounds the
 * memory of a busy stream; reporting backends retry within seconds, far inside that window. The
 * capacity is the service's choice ({@link FactStep#rememberedFacts}): a wallet sees few facts a
 * second, a contest sees those of all its participants.
 */
final class FactWindow {
  /** The window of a stream whose service does not choose one. */
  static final int SIZE = 256;

  /** What the window remembers of a fact. */
  record Seen(long fingerprint, long seq) {}

  private String[] ids = new String[8];
  /** The ids' hash codes, compared first: most slots differ there, and ids often share long prefixes. */
  private int[] hashes = new int[8];
  private long[] fingerprints = new long[8];
  private long[] seqs = new long[8];
  private int capacity = SIZE;
  private int next;
  private int count;

  Seen find(String id) {
    int hash = id.hashCode();
    for (int i = 1; i <= count; i++) {
      int slot = Math.floorMod(next - i, ids.length);
      if (hashes[slot] == hash && id.equals(ids[slot])) {
        return new Seen(fingerprints[slot], seqs[slot]);
      }
    }
    return null;
  }

  /** Remembers a fact; a smaller capacity than before keeps the window as large as it is. */
  void add(String id, long fingerprint, long seq, int capacity) {
    this.capacity = Math.max(this.capacity, capacity);
    if (count == ids.length && ids.length < this.capacity) {
      grow();
    }
    ids[next] = id;
    hashes[next] = id.hashCode();
    fingerprints[next] = fingerprint;
    seqs[next] = seq;
    next = (next + 1) % ids.length;
    count = Math.min(count + 1, ids.length);
  }

  private void grow() {
    int size = Math.min(capacity, ids.length * 2);
    String[] newIds = new String[size];
    int[] newHashes = new int[size];
    long[] newFingerprints = new long[size];
    long[] newSeqs = new long[size];
    for (int i = 0; i < count; i++) {
      int slot = (next + i) % ids.length;
      newIds[i] = ids[slot];
      newHashes[i] = hashes[slot];
      newFingerprints[i] = fingerprints[slot];
      newSeqs[i] = seqs[slot];
    }
    ids = newIds;
    hashes = newHashes;
    fingerprints = newFingerprints;
    seqs = newSeqs;
    next = count;
  }

  void writeTo(ObjectDataOutput out) throws IOException {
    out.writeInt(capacity);
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
    int capacity = in.readInt();
    int size = in.readInt();
    for (int i = 0; i < size; i++) {
      window.add(in.readString(), in.readLong(), in.readLong(), capacity);
    }
    return window;
  }
}
