package com.degenduel.realtime.node.auth;

import java.time.Instant;

/** Who a verified token speaks for: {@code sub} is the wallet address. {@code username} may be null. */
public record Identity(String wallet, Role role, String username, Instant expiresAt) {}
