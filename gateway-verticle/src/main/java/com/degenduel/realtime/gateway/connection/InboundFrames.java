package com.degenduel.realtime.gateway.connection;

import com.degenduel.realtime.codec.close.CloseCode;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reassembles a client's text messages from frames and holds them to the protocol: text only, at
 * most {@code maxMessageBytes} per message, strictly valid UTF-8. Vert.x's own text aggregation
 * would replace invalid bytes silently, so the gateway reads frames itself.
 */
public final class InboundFrames {
  /** What to do with one frame. */
  sealed interface Outcome permits Message, Pending, Violation {}

  record Message(String text) implements Outcome {}

  record Pending() implements Outcome {}

  record Violation(CloseCode close, String reason) implements Outcome {}

  private static final Pending PENDING = new Pending();

  private final int maxMessageBytes;
  private Buffer partial;

  InboundFrames(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  Outcome accept(WebSocketFrame frame) {
    if (frame.isBinary() || (frame.isContinuation() && partial == null)) {
      return new Violation(CloseCode.UNSUPPORTED_DATA, "only text frames are accepted");
    }
    if (!frame.isText() && !frame.isContinuation()) {
      return PENDING;
    }
    Buffer data = frame.binaryData();
    if (frame.isText() && frame.isFinal()) {
      return complete(data);
    }
    partial = partial == null ? Buffer.buffer().appendBuffer(data) : partial.appendBuffer(data);
    if (partial.length() > maxMessageBytes) {
      partial = null;
      return new Violation(CloseCode.MESSAGE_TOO_BIG, "message exceeds " + maxMessageBytes + " bytes");
    }
    if (!frame.isFinal()) {
      return PENDING;
    }
    Buffer whole = partial;
    partial = null;
    return complete(whole);
  }

  /** Maps a protocol error Netty raised while decoding (such as an oversized frame) to its close code, or null. */
  public static CloseCode closeCodeOf(Throwable error) {
    if (!(error instanceof CorruptedWebSocketFrameException corrupted)) {
      return null;
    }
    int status = corrupted.closeStatus().code();
    for (CloseCode code : CloseCode.values()) {
      if (code.code() == status) {
        return code;
      }
    }
    return CloseCode.POLICY_VIOLATION;
  }

  static Violation violationOf(Throwable error) {
    CloseCode close = closeCodeOf(error);
    return close == null ? null : new Violation(close, "protocol violation");
  }

  private Outcome complete(Buffer data) {
    if (data.length() > maxMessageBytes) {
      return new Violation(CloseCode.MESSAGE_TOO_BIG, "message exceeds " + maxMessageBytes + " bytes");
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(data.getBytes()))
              .toString();
      return new Message(text);
    } catch (CharacterCodingException e) {
      return new Violation(CloseCode.INVALID_PAYLOAD, "text is not valid UTF-8");
    }
  }
}
