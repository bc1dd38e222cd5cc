package com.degenduel.realtime.portfolio;

import com.degenduel.realtime.codec.wire.WireTime;
import io.vertx.core.json.JsonObject;

/** Trade facts as the DegenDuel backend reports them, and wallet addresses for tests. */
final class Trades {
  private Trades() {}

  /** A valid 44-character base58 address, distinct per tag (tags use base58 letters only). */
  static String wallet(String tag) {
    return (tag + "1111111111111111111111111111111111111111111111").substring(0, 44);
  }

  static JsonObject trade(String tradeId, String wallet, String symbol, String side, double amount, double price) {
    return new JsonObject()
        .put("trade_id", tradeId)
        .put("wallet_address", wallet)
        .put("symbol", symbol)
        .put("side", side)
        .put("amount", amount)
        .put("price", price)
        .put("timestamp", WireTime.format(WireTime.now()));
  }
}
