package com.degenduel.realtime.codec.bus;

import io.vertx.core.eventbus.MessageCodec;

/**
 * A codec of an immutable value: handed over by reference inside a process (a value nobody can
 * change needs no copy), encoded by the subclass between cluster members; a user codec, known by
 * its name.
 */
abstract class ImmutableValueCodec<T> implements MessageCodec<T, T> {
  private final String name;

  ImmutableValueCodec(String name) {
    this.name = name;
  }

  @Override
  public final T transform(T value) {
    return value;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final byte systemCodecID() {
    return -1;
  }
}
