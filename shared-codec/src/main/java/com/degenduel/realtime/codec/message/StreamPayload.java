package com.degenduel.realtime.codec.message;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The body of one streamed message of the frontend contract: what goes under {@code data}.
 * Implementations are immutable records, one per message type of the seed.
 */
public interface StreamPayload {
  MessageType type();

  /** The contract's {@code data} object, optional fields left out when absent. */
  JsonObject toData();

  /** When the fact behind the message happened, or null where the contract carries no timestamp. */
  Instant eventTime();

  /**
   * What a newer message of the same type replaces when a consumer falls behind: the symbol for a
   * price, the interval for a volume. Only meaningful for {@link Delivery#STATE} types.
   */
  default String conflationKey() {
    return "";
  }
}
