package com.degenduel.realtime.codec.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.stream.StreamEvent;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a gateway encodes, a client decodes back to the same message and the same seq. */
class RoundTripTest {

  static Stream<Arguments> streamed() {
    return WireSamples.streamed().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streamed")
  void encodeThenDecodeGivesBackTheSameMessage(String name, StreamEvent event) {
    WireFormat.Streamed decoded = WireFormat.decodeStreamed(WireFormat.encode(event));

    assertThat(decoded).isEqualTo(new WireFormat.Streamed(event.seq(), event.payload()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streamed")
  void theGoldenTextDecodesToTheSampleMessage(String name, StreamEvent event) {
    WireFormat.Streamed decoded = WireFormat.decodeStreamed(GoldenJsonTest.golden(name));

    assertThat(decoded).isEqualTo(new WireFormat.Streamed(event.seq(), event.payload()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streamed")
  void utf8BytesAreTheTextFrame(String name, StreamEvent event) {
    assertThat(new String(WireFormat.encodeUtf8(event), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(WireFormat.encode(event));
  }
}
