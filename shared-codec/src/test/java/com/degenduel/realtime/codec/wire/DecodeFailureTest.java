package com.degenduel.realtime.codec.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Input that is not a valid streamed message fails with a {@link WireFormatException} whose message
 * names what is wrong but never repeats the input: every case carries the marker {@value #RAW}, and
 * no error message may contain it.
 */
class DecodeFailureTest {
  private static final String RAW = "<img src=x onerror=alert(1)>";
  private static final String TS = "\"2026-03-14T09:26:53.589Z\"";

  private static String price(String data) {
    return "{\"type\":\"MARKET_PRICE\",\"seq\":1,\"data\":" + data + "}";
  }

  private static final String GOOD_PRICE_DATA =
      "{\"symbol\":\"BTC\",\"price\":1.5,\"change_24h\":0.1,\"volume_24h\":2.0,\"high_24h\":2.0,\"low_24h\":1.0,\"timestamp\":" + TS + "}";

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("not JSON", RAW + "{", "valid JSON"),
        Arguments.of("truncated JSON", "{\"type\":\"" + RAW, "valid JSON"),
        Arguments.of("a JSON array", "[\"" + RAW + "\"]", "JSON object"),
        Arguments.of("a JSON string", "\"" + RAW + "\"", "JSON object"),
        Arguments.of("no type", "{\"seq\":1,\"data\":{\"x\":\"" + RAW + "\"}}", "'type'"),
        Arguments.of("type not a string", "{\"type\":[\"" + RAW + "\"],\"seq\":1}", "'type'"),
        Arguments.of("unknown type", "{\"type\":\"" + RAW + "\",\"seq\":1,\"data\":{}}", "unknown"),
        Arguments.of("a control type is not streamed", "{\"type\":\"ERROR\",\"error\":{\"code\":\"" + RAW + "\"}}", "unknown"),
        Arguments.of("no seq", "{\"type\":\"MARKET_PRICE\",\"data\":" + GOOD_PRICE_DATA.replace("BTC", RAW) + "}", "'seq'"),
        Arguments.of("seq a string", "{\"type\":\"MARKET_PRICE\",\"seq\":\"" + RAW + "\",\"data\":" + GOOD_PRICE_DATA + "}", "'seq'"),
        Arguments.of("seq fractional", "{\"type\":\"MARKET_PRICE\",\"seq\":1.5,\"data\":" + GOOD_PRICE_DATA.replace("BTC", RAW) + "}", "'seq'"),
        Arguments.of("no data", "{\"type\":\"MARKET_PRICE\",\"seq\":1,\"x\":\"" + RAW + "\"}", "'data'"),
        Arguments.of("data a string", price("\"" + RAW + "\""), "'data'"),
        Arguments.of("price a string", price(GOOD_PRICE_DATA.replace("\"price\":1.5", "\"price\":\"" + RAW + "\"")), "'price'"),
        Arguments.of("price missing", price(GOOD_PRICE_DATA.replace("\"price\":1.5,", "\"x\":\"" + RAW + "\",")), "'price'"),
        Arguments.of("price null", price(GOOD_PRICE_DATA.replace("\"price\":1.5", "\"price\":null")).replace("BTC", RAW), "'price'"),
        Arguments.of("symbol a number", price(GOOD_PRICE_DATA.replace("\"BTC\"", "7")).replace("0.1", "0.1,\"n\":\"" + RAW + "\""), "'symbol'"),
        Arguments.of("timestamp not ISO-8601", price(GOOD_PRICE_DATA.replace(TS, "\"" + RAW + "\"")), "'timestamp'"),
        Arguments.of("timestamp epoch millis", price(GOOD_PRICE_DATA.replace(TS, "1773480413589")).replace("BTC", RAW), "'timestamp'"),
        Arguments.of(
            "interval not in the contract",
            "{\"type\":\"MARKET_VOLUME\",\"seq\":1,\"data\":{\"symbol\":\"ETH\",\"volume\":1.0,\"trades_count\":3,"
                + "\"buy_volume\":0.5,\"sell_volume\":0.5,\"interval\":\"" + RAW + "\",\"timestamp\":" + TS + "}}",
            "'interval'"),
        Arguments.of(
            "trades_count fractional",
            "{\"type\":\"MARKET_VOLUME\",\"seq\":1,\"data\":{\"symbol\":\"" + RAW + "\",\"volume\":1.0,\"trades_count\":3.5,"
                + "\"buy_volume\":0.5,\"sell_volume\":0.5,\"interval\":\"1m\",\"timestamp\":" + TS + "}}",
            "'trades_count'"),
        Arguments.of(
            "volume_trend in the wrong case",
            "{\"type\":\"MARKET_SENTIMENT\",\"seq\":1,\"data\":{\"symbol\":\"" + RAW + "\",\"sentiment_score\":0.1,"
                + "\"buy_pressure\":0.5,\"sell_pressure\":0.5,\"volume_trend\":\"INCREASING\",\"timestamp\":" + TS + "}}",
            "'volume_trend'"),
        Arguments.of(
            "PORTFOLIO_UPDATED with its timestamp inside data",
            "{\"type\":\"PORTFOLIO_UPDATED\",\"seq\":1,\"data\":{\"tokens\":[],\"total_value\":1.0,"
                + "\"performance_24h\":0.0,\"timestamp\":" + TS + ",\"x\":\"" + RAW + "\"}}",
            "'timestamp'"),
        Arguments.of(
            "tokens not an array",
            "{\"type\":\"PORTFOLIO_UPDATED\",\"seq\":1,\"data\":{\"tokens\":\"" + RAW + "\",\"total_value\":1.0,"
                + "\"performance_24h\":0.0},\"timestamp\":" + TS + "}",
            "'tokens'"),
        Arguments.of(
            "a token without its name",
            "{\"type\":\"PORTFOLIO_UPDATED\",\"seq\":1,\"data\":{\"tokens\":[{\"symbol\":\"" + RAW + "\",\"amount\":1.0,"
                + "\"value\":1.0}],\"total_value\":1.0,\"performance_24h\":0.0},\"timestamp\":" + TS + "}",
            "'name'"),
        Arguments.of(
            "status not in the contract",
            "{\"type\":\"CONTEST_UPDATED\",\"seq\":1,\"data\":{\"contest_id\":\"c\",\"status\":\"" + RAW + "\","
                + "\"total_participants\":1,\"total_prize_pool\":1.0}}",
            "'status'"),
        Arguments.of(
            "total_participants beyond a whole number's range",
            "{\"type\":\"CONTEST_UPDATED\",\"seq\":1,\"data\":{\"contest_id\":\"" + RAW + "\",\"status\":\"active\","
                + "\"total_participants\":4294967297,\"total_prize_pool\":1.0}}",
            "'total_participants'"),
        Arguments.of(
            "optional current_round present but a string",
            "{\"type\":\"CONTEST_UPDATED\",\"seq\":1,\"data\":{\"contest_id\":\"c\",\"status\":\"active\","
                + "\"current_round\":\"" + RAW + "\",\"total_participants\":1,\"total_prize_pool\":1.0}}",
            "'current_round'"),
        Arguments.of(
            "leaderboard rows not objects",
            "{\"type\":\"LEADERBOARD_UPDATED\",\"seq\":1,\"data\":{\"contest_id\":\"c\",\"leaderboard\":[\"" + RAW + "\"],"
                + "\"timestamp\":" + TS + "}}",
            "'leaderboard'"),
        Arguments.of(
            "activity details not an object",
            "{\"type\":\"PARTICIPANT_ACTIVITY\",\"seq\":1,\"data\":{\"contest_id\":\"c\",\"wallet_address\":\"w\","
                + "\"username\":\"u\",\"activity_type\":\"trade\",\"details\":\"" + RAW + "\",\"timestamp\":" + TS + "}}",
            "'details'"),
        Arguments.of(
            "activity details amount a string",
            "{\"type\":\"PARTICIPANT_ACTIVITY\",\"seq\":1,\"data\":{\"contest_id\":\"c\",\"wallet_address\":\"w\","
                + "\"username\":\"u\",\"activity_type\":\"trade\",\"details\":{\"amount\":\"" + RAW + "\"},\"timestamp\":" + TS + "}}",
            "'amount'"),
        Arguments.of(
            "optional contest_id null instead of absent",
            "{\"type\":\"TRADE_EXECUTED\",\"seq\":1,\"data\":{\"trade_id\":\"" + RAW + "\",\"wallet_address\":\"w\","
                + "\"symbol\":\"SOL\",\"amount\":1.0,\"price\":1.0,\"timestamp\":" + TS + ",\"contest_id\":null}}",
            "'contest_id'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejectsWithAClearMessageThatDoesNotEchoTheInput(String caseName, String text, String mentions) {
    assertThat(text).contains(RAW);

    assertThatThrownBy(() -> WireFormat.decodeStreamed(text))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining(mentions)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(RAW).doesNotContain("onerror"));
  }
}
