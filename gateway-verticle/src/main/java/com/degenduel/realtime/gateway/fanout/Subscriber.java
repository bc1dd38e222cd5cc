package com.degenduel.realtime.gateway.fanout;

import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.codec.message.control.ErrorMessage;
import com.degenduel.realtime.codec.message.control.Resumed;

/** A local socket as the hub sees it: something that takes already-encoded frames. */
public interface Subscriber {
  /** Writes one frame, shared with every other subscriber of the stream. */
  void deliver(OutboundFrame frame);

  void notify(ErrorMessage error);

  /** Where a resume stands: sent after the snapshot, before the missed events. */
  void resumed(Resumed resumed);

  /** The stream cannot be served to this subscriber (for instance it does not exist): tell it and close. */
  void reject(ErrorMessage error, CloseCode close);
}
