package com.degenduel.realtime.portfolio.ingest;

import com.degenduel.realtime.codec.message.portfolio.TradeExecuted;
import com.degenduel.realtime.node.ingest.FactError;
import com.degenduel.realtime.node.ingest.FactFields;
import com.degenduel.realtime.node.ingest.FactRejected;
import com.degenduel.realtime.node.streams.Fingerprint;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collection;

/**
 * A trade reported by the DegenDuel backend. {@code side} is {@code buy} or {@code sell} and
 * {@code amount} is always positive; TRADE_EXECUTED carries the signed amount (negative for a
 * sale), since the contract has no side field. {@code contestId} is null for a wallet trade.
 */
public record TradeFact(
    String tradeId,
    String wallet,
    String symbol,
    Side side,
    double amount,
    double price,
    Instant timestamp,
    String contestId) {

  public enum Side {
    BUY,
    SELL
  }

  /** Reads a reported trade; {@code symbols} are the tradable symbols (MARKET_SYMBOLS). */
  public static TradeFact parse(JsonObject body, Collection<String> symbols) {
    String tradeId = FactFields.id(body, "trade_id");
    String wallet = FactFields.wallet(body, "wallet_address");
    String symbol = FactFields.symbol(body, "symbol", symbols);
    Side side = FactFields.isBuy(body, "side") ? Side.BUY : Side.SELL;
    return new TradeFact(
        tradeId,
        wallet,
        symbol,
        side,
        FactFields.positive(body, "amount"),
        FactFields.positive(body, "price"),
        FactFields.timestamp(body, "timestamp"),
        FactFields.optionalId(body, "contest_id"));
  }

  public double signedAmount() {
    return side == Side.BUY ? amount : -amount;
  }

  /** What is compared when a trade id is reported again: every field. */
  public long fingerprint() {
    return Fingerprint.start().add(tradeId).add(wallet).add(symbol).add(side.name()).add(amount).add(price)
        .add(timestamp).add(contestId).value();
  }

  /** The canonical form: what travels to the contest service. */
  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("trade_id", tradeId)
            .put("wallet_address", wallet)
            .put("symbol", symbol)
            .put("side", side.name().toLowerCase())
            .put("amount", amount)
            .put("price", price)
            .put("timestamp", timestamp.toString());
    return contestId == null ? json : json.put("contest_id", contestId);
  }

  public TradeExecuted executed() {
    return new TradeExecuted(tradeId, wallet, symbol, signedAmount(), price, timestamp, contestId);
  }

  static FactRejected unavailable() {
    return FactError.SERVICE_UNAVAILABLE.reject("the contest service did not answer; retry the same fact later");
  }
}
