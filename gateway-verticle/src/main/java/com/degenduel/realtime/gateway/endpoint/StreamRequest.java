package com.degenduel.realtime.gateway.endpoint;

import com.degenduel.realtime.codec.stream.StreamId;
import java.util.List;

/**
 * What a connection asked to watch, validated: the streams it names, for the portfolio the wallet
 * named by {@code ?wallet=} (null when it watches its own), and where a reconnecting client left
 * its wallet or contest stream (null for a fresh start).
 */
public record StreamRequest(Endpoint endpoint, List<StreamId> streams, String requestedWallet, ResumePoint resume) {
  public StreamRequest {
    streams = List.copyOf(streams);
  }
}
