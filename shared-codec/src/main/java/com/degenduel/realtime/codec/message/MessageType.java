package com.degenduel.realtime.codec.message;

import com.degenduel.realtime.codec.message.contest.ContestUpdated;
import com.degenduel.realtime.codec.message.contest.LeaderboardUpdated;
import com.degenduel.realtime.codec.message.contest.ParticipantActivity;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.message.market.MarketSentiment;
import com.degenduel.realtime.codec.message.market.MarketVolume;
import com.degenduel.realtime.codec.message.portfolio.PortfolioUpdated;
import com.degenduel.realtime.codec.message.portfolio.PriceUpdated;
import com.degenduel.realtime.codec.message.portfolio.TradeExecuted;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every streamed message type of the frontend contract, with its wire name and how it is read back. */
public enum MessageType {
  PORTFOLIO_UPDATED(Delivery.STATE, PortfolioUpdated::fromWire),
  TRADE_EXECUTED(Delivery.EVENT, TradeExecuted::fromWire),
  PRICE_UPDATED(Delivery.STATE, PriceUpdated::fromWire),
  CONTEST_UPDATED(Delivery.STATE, ContestUpdated::fromWire),
  LEADERBOARD_UPDATED(Delivery.STATE, LeaderboardUpdated::fromWire),
  PARTICIPANT_ACTIVITY(Delivery.EVENT, ParticipantActivity::fromWire),
  MARKET_PRICE(Delivery.STATE, MarketPrice::fromWire),
  MARKET_VOLUME(Delivery.STATE, MarketVolume::fromWire),
  MARKET_SENTIMENT(Delivery.STATE, MarketSentiment::fromWire);

  private static final Map<String, MessageType> BY_WIRE =
      Stream.of(values()).collect(Collectors.toUnmodifiableMap(Enum::name, t -> t));

  private final Delivery delivery;
  private final Function<JsonObject, StreamPayload> reader;

  MessageType(Delivery delivery, Function<JsonObject, StreamPayload> reader) {
    this.delivery = delivery;
    this.reader = reader;
  }

  public Delivery delivery() {
    return delivery;
  }

  /** Reads the payload from a whole wire message (the root object, since PORTFOLIO_UPDATED keeps its timestamp there). */
  public StreamPayload read(JsonObject root) {
    return reader.apply(root);
  }

  public static MessageType fromWire(String name) {
    return BY_WIRE.get(name);
  }
}
