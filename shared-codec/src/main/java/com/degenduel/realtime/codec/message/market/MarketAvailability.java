package com.degenduel.realtime.codec.message.market;

import java.time.Instant;

/**
 * Broadcast by the market service on {@code Addresses.MARKET_STATUS} whenever its circuit breaker
 * changes state: while {@code available} is false, clients are told once that data is stale.
 */
public record MarketAvailability(boolean available, Instant since) {}
