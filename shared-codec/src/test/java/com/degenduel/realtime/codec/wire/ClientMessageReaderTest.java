package com.degenduel.realtime.codec.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.degenduel.realtime.codec.error.ErrorCode;
import com.degenduel.realtime.codec.message.control.AuthRefresh;
import com.degenduel.realtime.codec.message.control.Ping;
import com.degenduel.realtime.codec.message.control.Subscribe;
import com.degenduel.realtime.codec.message.control.Unsubscribe;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ClientMessageReaderTest {

  @Test
  void readsEachClientMessage() {
    assertThat(ClientMessageReader.read("{\"type\":\"PING\"}")).isEqualTo(new Ping());
    assertThat(ClientMessageReader.read("{\"type\":\"AUTH_REFRESH\",\"token\":\"a.b.c\"}")).isEqualTo(new AuthRefresh("a.b.c"));
    assertThat(ClientMessageReader.read("{\"type\":\"SUBSCRIBE\",\"symbols\":[\"BTC\",\"ETH\"]}"))
        .isEqualTo(new Subscribe(List.of("BTC", "ETH")));
    assertThat(ClientMessageReader.read("{\"type\":\"UNSUBSCRIBE\",\"symbols\":[\"BTC\"]}"))
        .isEqualTo(new Unsubscribe(List.of("BTC")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "null", "42", "\"PING\"", "[{\"type\":\"PING\"}]", "{", "{\"type\":7}", "{\"kind\":\"PING\"}",
        "{\"type\":\"PING\",\"extra\":1}", "{\"type\":\"AUTH_REFRESH\"}", "{\"type\":\"AUTH_REFRESH\",\"token\":5}",
        "{\"type\":\"AUTH_REFRESH\",\"token\":\"\"}", "{\"type\":\"SUBSCRIBE\",\"symbols\":[]}",
        "{\"type\":\"SUBSCRIBE\",\"symbols\":\"BTC\"}", "{\"type\":\"SUBSCRIBE\",\"symbols\":[1]}",
        "{\"type\":\"SUBSCRIBE\",\"symbols\":[\"ABCDEFGHIJKLMNOPQ\"]}",
        "{\"type\":\"PING\",\"a\":{\"b\":{\"c\":{\"d\":{}}}}}"
      })
  void refusesWhatIsNotAValidClientMessage(String text) {
    assertThatThrownBy(() -> ClientMessageReader.read(text))
        .isInstanceOf(ClientMessageReader.Rejected.class)
        .satisfies(e -> assertThat(((ClientMessageReader.Rejected) e).code()).isEqualTo(ErrorCode.INVALID_MESSAGE));
  }

  @Test
  void anUnknownTypeIsReportedAsSuchWithoutEchoingIt() {
    assertThatThrownBy(() -> ClientMessageReader.read("{\"type\":\"<img src=x onerror=alert(1)>\"}"))
        .isInstanceOf(ClientMessageReader.Rejected.class)
        .satisfies(e -> assertThat(((ClientMessageReader.Rejected) e).code()).isEqualTo(ErrorCode.UNKNOWN_TYPE))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("img"));
  }

  @Test
  void depthIsCountedOutsideStringsOnly() {
    assertThat(ClientMessageReader.depthExceeds("{\"token\":\"[[[[[[[[[[\"}", 4)).isFalse();
    assertThat(ClientMessageReader.depthExceeds("{\"a\":[[[[1]]]]}", 4)).isTrue();
    assertThat(ClientMessageReader.depthExceeds("{\"a\":\"\\\"[[[[[\"}", 4)).isFalse();
    assertThat(ClientMessageReader.depthExceeds("[".repeat(100_000), 4)).isTrue();
  }
}
