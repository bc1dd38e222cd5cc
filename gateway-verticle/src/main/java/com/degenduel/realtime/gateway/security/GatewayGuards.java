package com.degenduel.realtime.gateway.security;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import io.vertx.core.Vertx;

/** The admission checks one gateway process shares across its instances (event loops). */
public record GatewayGuards(OriginPolicy origins, HandshakeRateLimiter handshakes, WalletConnectionLimiter wallets) {

  public static GatewayGuards create(Vertx vertx, NodeConfig config) {
    return new GatewayGuards(
        new OriginPolicy(config.getList(Setting.ALLOWED_ORIGINS)),
        new HandshakeRateLimiter(config.getInt(Setting.HANDSHAKES_PER_IP_PER_MINUTE)),
        WalletConnectionLimiter.create(vertx, config.getInt(Setting.MAX_CONNECTIONS_PER_WALLET)));
  }
}
