package com.degenduel.realtime.codec.bus;

import com.degenduel.realtime.codec.wire.StreamBatch;
import com.degenduel.realtime.codec.wire.StreamFrame;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries a {@link StreamBatch} between cluster members: the number of frames, then each as {@link
 * StreamFrameCodec} writes it; by reference inside a process.
 */
final class StreamBatchCodec extends ImmutableValueCodec<StreamBatch> {
  StreamBatchCodec() {
    super("dd.StreamBatch");
  }

  @Override
  public void encodeToWire(Buffer buffer, StreamBatch batch) {
    buffer.appendInt(batch.frames().size());
    for (StreamFrame frame : batch.frames()) {
      StreamFrameCodec.write(buffer, frame);
    }
  }

  @Override
  public StreamBatch decodeFromWire(int pos, Buffer buffer) {
    StreamFrameCodec.Reader in = new StreamFrameCodec.Reader(buffer, pos);
    int count = in.intValue();
    List<StreamFrame> frames = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      frames.add(StreamFrameCodec.read(in));
    }
    return new StreamBatch(frames);
  }
}
