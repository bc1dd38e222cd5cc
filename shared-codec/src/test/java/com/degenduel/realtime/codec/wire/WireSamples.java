package com.degenduel.realtime.codec.wire;

import com.degenduel.realtime.codec.message.contest.ActivityDetails;
import com.degenduel.realtime.codec.message.contest.ActivityType;
import com.degenduel.realtime.codec.message.contest.ContestStatus;
import com.degenduel.realtime.codec.message.contest.ContestUpdated;
import com.degenduel.realtime.codec.message.contest.LeaderboardEntry;
import com.degenduel.realtime.codec.message.contest.LeaderboardUpdated;
import com.degenduel.realtime.codec.message.contest.ParticipantActivity;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.message.market.MarketSentiment;
import com.degenduel.realtime.codec.message.market.MarketVolume;
import com.degenduel.realtime.codec.message.market.VolumeInterval;
import com.degenduel.realtime.codec.message.market.VolumeTrend;
import com.degenduel.realtime.codec.message.portfolio.PortfolioUpdated;
import com.degenduel.realtime.codec.message.portfolio.PriceUpdated;
import com.degenduel.realtime.codec.message.portfolio.TokenValue;
import com.degenduel.realtime.codec.message.portfolio.TradeExecuted;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One fixed message per contract shape, each named after its golden file under {@code
 * src/test/resources/golden}. Shapes with optional fields appear twice: with every optional field
 * and with none, so both "present" and "left out" are pinned.
 */
public final class WireSamples {
  public static final Instant AT = Instant.parse("2026-03-14T09:26:53.589Z");
  /** Zero milliseconds must still print three fraction digits. */
  public static final Instant ON_THE_MINUTE = Instant.parse("2026-03-14T09:27:00Z");

  public static final String WALLET = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU";
  public static final String OTHER_WALLET = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM";
  public static final String CONTEST = "contest-42";

  private WireSamples() {}

  /** Golden file name (without .json) to the event it pins, in catalogue order. */
  public static Map<String, StreamEvent> streamed() {
    Map<String, StreamEvent> all = new TreeMap<>();
    StreamId wallet = StreamId.wallet(WALLET);
    StreamId contest = StreamId.contest(CONTEST);

    all.put(
        "portfolio_updated",
        new StreamEvent(
            wallet,
            12,
            new PortfolioUpdated(
                List.of(
                    new TokenValue("BTC", "Bitcoin", 0.5, 33617.25),
                    new TokenValue("SOL", "Solana", 120.0, 18030.0)),
                51647.25,
                3.1,
                AT)));
    all.put(
        "portfolio_updated-empty",
        new StreamEvent(wallet, 1, new PortfolioUpdated(List.of(), 0.0, 0.0, ON_THE_MINUTE)));
    all.put(
        "trade_executed",
        new StreamEvent(
            wallet, 5, new TradeExecuted("trd-9f2c", WALLET, "SOL", 10.0, 150.25, AT, CONTEST)));
    all.put(
        "trade_executed-minimal",
        new StreamEvent(
            wallet, 6, new TradeExecuted("trd-9f2d", WALLET, "BTC", -0.25, 67234.5, ON_THE_MINUTE, null)));
    all.put("price_updated", new StreamEvent(wallet, 88, new PriceUpdated("SOL", 150.25, -1.2, AT)));
    all.put(
        "contest_updated",
        new StreamEvent(
            contest, 2, new ContestUpdated(CONTEST, ContestStatus.ACTIVE, 3, 1800L, 128, 5000.0)));
    all.put(
        "contest_updated-minimal",
        new StreamEvent(
            contest, 3, new ContestUpdated(CONTEST, ContestStatus.CANCELLED, null, null, 0, 0.0)));
    all.put(
        "leaderboard_updated",
        new StreamEvent(
            contest,
            17,
            new LeaderboardUpdated(
                CONTEST,
                List.of(
                    new LeaderboardEntry(1, WALLET, "alice", 12000.5, 20.0, AT),
                    new LeaderboardEntry(2, OTHER_WALLET, "zoë", 9000.0, -10.0, null)),
                AT)));
    all.put(
        "leaderboard_updated-empty",
        new StreamEvent(contest, 1, new LeaderboardUpdated(CONTEST, List.of(), ON_THE_MINUTE)));
    all.put(
        "participant_activity",
        new StreamEvent(
            contest,
            31,
            new ParticipantActivity(
                CONTEST, WALLET, "alice", ActivityType.TRADE, new ActivityDetails("SOL", 10.0, 150.25), AT)));
    all.put(
        "participant_activity-partial_details",
        new StreamEvent(
            contest,
            32,
            new ParticipantActivity(
                CONTEST, WALLET, "alice", ActivityType.TRADE, new ActivityDetails("SOL", null, null), AT)));
    all.put(
        "participant_activity-minimal",
        new StreamEvent(
            contest,
            33,
            new ParticipantActivity(CONTEST, OTHER_WALLET, "zoë", ActivityType.JOIN, null, ON_THE_MINUTE)));
    all.put(
        "market_price",
        new StreamEvent(
            StreamId.market("BTC"),
            42,
            new MarketPrice("BTC", 67234.5, 2.35, 18250.75, 68100.0, 65880.25, AT)));
    all.put(
        "market_volume",
        new StreamEvent(
            StreamId.market("ETH"),
            7,
            new MarketVolume("ETH", 1520.5, 347, 900.25, 620.25, VolumeInterval.M5, ON_THE_MINUTE)));
    all.put(
        "market_sentiment",
        new StreamEvent(
            StreamId.market("SOL"),
            3,
            new MarketSentiment("SOL", 0.42, 0.71, 0.29, VolumeTrend.INCREASING, AT)));
    return all;
  }
}
