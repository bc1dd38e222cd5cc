package com.degenduel.realtime.node.streams;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * A gateway's interest in a stream, kept in the stream's record so that whichever member owns it,
 * now or after a partition moves, knows it is watched: {@code until} renews it, 0 ends it. Answers
 * the stream as it is then, which is what a new subscriber's snapshot is made of.
 */
final class WatchStep extends RecordStep<StreamView> {
  private String watcher;
  private long until;

  /** For deserialisation only. */
  public WatchStep() {}

  WatchStep(String watcher, long until) {
    this.watcher = watcher;
    this.until = until;
  }

  @Override
  StreamView change(Map.Entry<String, StreamRecord> entry) {
    StreamRecord record = entry.getValue();
    if (record == null && until == 0) {
      return StreamView.absent();
    }
    StreamRecord changed = record == null ? StreamRecord.create(epochIfNew()) : record;
    changed.watch(watcher, until, now());
    entry.setValue(changed.isEmpty() ? null : changed);
    return StreamView.of(changed, now(), Map.of());
  }

  @Override
  boolean changedRecord(StreamView view) {
    return true;
  }

  @Override
  StreamView onPrimary(HazelcastInstance member, String key, StreamView view) {
    return view.withLastStateSeqs(OwnedStreams.lastStateSeqs(member, key));
  }

  @Override
  void writeStep(ObjectDataOutput out) throws IOException {
    out.writeString(watcher);
    out.writeLong(until);
  }

  @Override
  void readStep(ObjectDataInput in) throws IOException {
    watcher = in.readString();
    until = in.readLong();
  }

}
