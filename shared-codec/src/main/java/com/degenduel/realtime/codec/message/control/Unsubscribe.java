package com.degenduel.realtime.codec.message.control;

import java.util.List;

/** {@code {"type":"UNSUBSCRIBE","symbols":["BTC"]}}: market endpoint only. */
public record Unsubscribe(List<String> symbols) implements ClientMessage {
  public Unsubscribe {
    symbols = List.copyOf(symbols);
  }
}
