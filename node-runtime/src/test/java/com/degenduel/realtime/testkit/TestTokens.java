package com.degenduel.realtime.testkit;

import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.auth.TokenIssuer;
import com.degenduel.realtime.node.config.NodeConfig;
import io.vertx.core.Vertx;
import java.time.Duration;

/** Tokens signed with the development secret that a default-configured node verifies. */
public final class TestTokens {
  private TestTokens() {}

  public static String user(Vertx vertx, String wallet) {
    return issue(vertx, wallet, Role.USER, Duration.ofMinutes(10));
  }

  public static String issue(Vertx vertx, String wallet, Role role, Duration ttl) {
    return TokenIssuer.development(vertx, NodeConfig.defaults()).issue(wallet, role, wallet + "-name", ttl);
  }
}
