package com.degenduel.realtime.gateway.fanout;

import com.degenduel.realtime.codec.message.control.ErrorMessage;

/** A local socket as the hub sees it: something that takes already-encoded frames. */
public interface Subscriber {
  /** Writes one frame; the bytes are shared with every other subscriber and must not be modified. */
  void deliver(byte[] frame);

  void notify(ErrorMessage error);

  /** The stream cannot be served to this subscriber (for instance it does not exist): tell it and close. */
  void reject(ErrorMessage error, com.degenduel.realtime.codec.close.CloseCode close);
}
