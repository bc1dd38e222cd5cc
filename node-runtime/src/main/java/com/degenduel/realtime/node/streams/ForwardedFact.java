package com.degenduel.realtime.node.streams;

import io.vertx.core.json.JsonObject;

/**
 * A fact another service's stream handed on ({@link FactStep.Forward}), as the receiving service
 * reads it: the key of its stream and the step that applies it there, once by its fact id.
 */
public record ForwardedFact<S>(String key, FactStep<S> step) {

  /** How a service reads the facts handed on to its streams; throws {@code FactRejected} for one it cannot take. */
  @FunctionalInterface
  public interface Reader<S> {
    ForwardedFact<S> read(JsonObject fact);
  }
}
