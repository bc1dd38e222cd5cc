package com.degenduel.realtime.market.source.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.degenduel.realtime.market.source.MalformedSourceAnswer;
import com.degenduel.realtime.market.source.Trade;
import com.degenduel.realtime.market.source.TradeSide;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages of Binance's combined trade stream, as documented, and what is not one. */
class StreamMessageTest {
  @Test
  void aTradeOfTheCombinedStream() {
    StreamMessage message = StreamMessage.parse("""
        {"stream":"btcusdt@trade","data":{"e":"trade","E":1700000000123,"s":"BTCUSDT","t":12345,
         "p":"64000.10","q":"0.5","T":1700000000120,"m":true,"M":true}}
        """);

    assertThat(message).isEqualTo(
        new StreamMessage.TradeEvent("BTC", new Trade(12345, 64000.10, 0.5, TradeSide.SELL, Instant.ofEpochMilli(1700000000120L))));
  }

  @Test
  void repliesToRequests() {
    assertThat(StreamMessage.parse("{\"result\":null,\"id\":7}")).isEqualTo(new StreamMessage.Reply(7, null));
    assertThat(StreamMessage.parse("{\"error\":{\"code\":2,\"msg\":\"Invalid request\"},\"id\":8}"))
        .isInstanceOfSatisfying(StreamMessage.Reply.class, r -> assertThat(r.error()).contains("Invalid request"));
  }

  @Test
  void garbageIsAMalformedAnswerNeverAnotherException() {
    for (String garbage :
        List.of(
            "<html><body>502 Bad Gateway</body>",
            "",
            "[1,2]",
            "{\"unexpected\":\"shape\"}",
            "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"aggTrade\",\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":true}}",
            "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"t\":\"x\",\"p\":\"abc\"}}",
            "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"s\":\"BTCEUR\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":true}}",
            "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"-1\",\"q\":\"1\",\"T\":1,\"m\":true}}")) {
      assertThatThrownBy(() -> StreamMessage.parse(garbage)).as(garbage).isInstanceOf(MalformedSourceAnswer.class);
    }
  }
}
