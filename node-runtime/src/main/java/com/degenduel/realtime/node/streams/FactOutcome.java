package com.degenduel.realtime.node.streams;

import com.degenduel.realtime.node.ingest.FactError;
import com.degenduel.realtime.node.ingest.FactRejected;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;

/**
 * What applying one fact came to, decided inside the stream's partition operation: applied (its
 * last event numbered {@code seq}), already applied before under the same id and content (with the
 * {@code seq} it got then), or refused (nothing changed).
 */
public final class FactOutcome implements DataSerializable {
  /** The three answers a fact can get. */
  public enum Result {
    APPLIED,
    DUPLICATE,
    REFUSED
  }

  private Result result;
  private long seq;
  private String error;
  private String message;

  /** For deserialisation only. */
  public FactOutcome() {}

  private FactOutcome(Result result, long seq, String error, String message) {
    this.result = result;
    this.seq = seq;
    this.error = error;
    this.message = message;
  }

  static FactOutcome applied(long seq) {
    return new FactOutcome(Result.APPLIED, seq, null, null);
  }

  static FactOutcome duplicate(long seq) {
    return new FactOutcome(Result.DUPLICATE, seq, null, null);
  }

  static FactOutcome refused(FactRejected rejected) {
    return new FactOutcome(Result.REFUSED, 0, rejected.error().name(), rejected.getMessage());
  }

  public Result result() {
    return result;
  }

  public boolean duplicate() {
    return result == Result.DUPLICATE;
  }

  public long seq() {
    return seq;
  }

  /** The refusal as the ingestion API reports it; only for {@link Result#REFUSED}. */
  public FactRejected rejection() {
    return new FactRejected(FactError.byName(error), message);
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(result.name());
    out.writeLong(seq);
    out.writeString(error);
    out.writeString(message);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    result = Result.valueOf(in.readString());
    seq = in.readLong();
    error = in.readString();
    message = in.readString();
  }
}
