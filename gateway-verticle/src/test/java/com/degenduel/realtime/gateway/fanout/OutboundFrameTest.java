package com.degenduel.realtime.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The pre-built frame is what a WebSocket client decodes, at each of the three length encodings. */
class OutboundFrameTest {
  @Test
  void aClientDecodesTheFrameAtEveryLengthEncoding() {
    for (int length : new int[] {0, 1, 125, 126, 65_535, 65_536, 200_000}) {
      String text = "é".repeat(length / 2) + "x".repeat(length % 2);
      OutboundFrame frame = OutboundFrame.text(null, text.getBytes(StandardCharsets.UTF_8), MessageType.MARKET_PRICE, 1);

      assertThat(decodedByClient(frame.wire())).as("payload of %d bytes", length).isEqualTo(text);
    }
  }

  @Test
  void theHeaderIsAsShortAsTheLengthAllows() {
    assertThat(OutboundFrame.textFrame(new byte[125])).hasSize(2 + 125);
    assertThat(OutboundFrame.textFrame(new byte[126])).hasSize(4 + 126);
    assertThat(OutboundFrame.textFrame(new byte[65_536])).hasSize(10 + 65_536);
  }

  /** Decodes with Netty's client-side decoder, which refuses masked or malformed server frames. */
  private static String decodedByClient(byte[] wire) {
    EmbeddedChannel client =
        new EmbeddedChannel(
            new WebSocket13FrameDecoder(
                WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
    client.writeInbound(Unpooled.wrappedBuffer(wire));
    TextWebSocketFrame frame = client.readInbound();
    assertThat(frame).isNotNull();
    assertThat(frame.isFinalFragment()).isTrue();
    try {
      return frame.text();
    } finally {
      frame.release();
      client.finishAndReleaseAll();
    }
  }

  /** The text payload of a pre-built frame, for tests that read what a stream delivered. */
  static String payloadOf(byte[] wire) {
    ByteBuf buf = Unpooled.wrappedBuffer(wire);
    int length = buf.getByte(1) & 0x7F;
    int header = length == 126 ? 4 : length == 127 ? 10 : 2;
    return buf.toString(header, wire.length - header, StandardCharsets.UTF_8);
  }
}
