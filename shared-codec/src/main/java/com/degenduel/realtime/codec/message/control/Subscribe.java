package com.degenduel.realtime.codec.message.control;

import java.util.List;

/** {@code {"type":"SUBSCRIBE","symbols":["BTC"]}}: market endpoint only. */
public record Subscribe(List<String> symbols) implements ClientMessage {
  public Subscribe {
    symbols = List.copyOf(symbols);
  }
}
