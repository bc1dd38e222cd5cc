package com.degenduel.realtime.gateway.endpoint;

import com.degenduel.realtime.codec.stream.StreamId;
import java.util.List;

/**
 * What a connection asked to watch, validated: the streams it names, and for the portfolio the
 * wallet named by {@code ?wallet=} (null when it watches its own).
 */
public record StreamRequest(Endpoint endpoint, List<StreamId> streams, String requestedWallet) {
  public StreamRequest {
    streams = List.copyOf(streams);
  }
}
