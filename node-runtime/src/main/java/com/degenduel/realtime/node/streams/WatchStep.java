package com.degenduel.realtime.node.streams;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * A gateway's interest in a stream, kept in the stream's record so that whichever member owns it,
 * now or after a partition moves, knows it is watched: {@code until} renews it, 0 ends it. Answers
 * the stream as it is then, which is what a new subscriber's snapshot is made of; a renewal, which
 * has no use for it, answers null rather than have every watched record's view copied and sent.
 */
final class WatchStep extends RecordStep<StreamView> {
  private String watcher;
  private long until;
  private boolean answering;

  /** For deserialisation only. */
  public WatchStep() {}

  private WatchStep(String watcher, long until, boolean answering) {
    this.watcher = watcher;
    this.until = until;
    this.answering = answering;
  }

  /** A watch answered with the stream as it is once the watch is recorded. */
  static WatchStep answered(String watcher, long until) {
    return new WatchStep(watcher, until, true);
  }

  /** A watch renewed or ended, answered with null. */
  static WatchStep unanswered(String watcher, long until) {
    return new WatchStep(watcher, until, false);
  }

  @Override
  StreamView change(Map.Entry<String, StreamRecord> entry) {
    StreamRecord record = entry.getValue();
    if (record == null && until == 0) {
      return answering ? StreamView.absent() : null;
    }
    StreamRecord changed = record == null ? StreamRecord.create(epochIfNew()) : record;
    changed.watch(watcher, until, now());
    entry.setValue(changed.isEmpty() ? null : changed);
    return answering ? StreamView.of(changed, now(), Map.of()) : null;
  }

  @Override
  boolean changedRecord(StreamView view) {
    return true;
  }

  @Override
  StreamView onPrimary(HazelcastInstance member, String key, StreamView view) {
    return view == null ? null : view.withLastStateSeqs(OwnedStreams.lastStateSeqs(member, key));
  }

  @Override
  void writeStep(ObjectDataOutput out) throws IOException {
    out.writeString(watcher);
    out.writeLong(until);
    out.writeBoolean(answering);
  }

  @Override
  void readStep(ObjectDataInput in) throws IOException {
    watcher = in.readString();
    until = in.readLong();
    answering = in.readBoolean();
  }

}
