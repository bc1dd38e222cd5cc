package com.degenduel.realtime.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.MessageType;
import io.netty.buffer.ByteBuf;
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

      assertThat(decodedByClient(frame.view())).as("payload of %d bytes", length).isEqualTo(text);
      assertThat(decodedByClient(frame.view())).as("a second view of the same bytes").isEqualTo(text);
    }
  }

  @Test
  void theHeaderIsAsShortAsTheLengthAllows() {
    assertThat(OutboundFrame.textFrame(new byte[125]).readableBytes()).isEqualTo(2 + 125);
    assertThat(OutboundFrame.textFrame(new byte[126]).readableBytes()).isEqualTo(4 + 126);
    assertThat(OutboundFrame.textFrame(new byte[65_536]).readableBytes()).isEqualTo(10 + 65_536);
  }

  @Test
  void viewsWrittenAndReleasedLeaveTheSharedBytesIntact() {
    OutboundFrame frame = OutboundFrame.text(null, "{}".getBytes(StandardCharsets.UTF_8), MessageType.MARKET_PRICE, 1);
    for (int i = 0; i < 1_000; i++) {
      ByteBuf view = frame.view();
      view.skipBytes(view.readableBytes());
      view.release();
    }

    assertThat(frame.wire().refCnt()).isEqualTo(1);
    assertThat(frame.wire().readerIndex()).isZero();
    assertThat(payloadOf(frame.wire())).isEqualTo("{}");
  }

  /** Decodes with Netty's client-side decoder, which refuses masked or malformed server frames. */
  private static String decodedByClient(ByteBuf wire) {
    EmbeddedChannel client =
        new EmbeddedChannel(
            new WebSocket13FrameDecoder(
                WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
    client.writeInbound(wire);
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
  static String payloadOf(ByteBuf wire) {
    int length = wire.getByte(wire.readerIndex() + 1) & 0x7F;
    int header = length == 126 ? 4 : length == 127 ? 10 : 2;
    return wire.toString(wire.readerIndex() + header, wire.readableBytes() - header, StandardCharsets.UTF_8);
  }
}
