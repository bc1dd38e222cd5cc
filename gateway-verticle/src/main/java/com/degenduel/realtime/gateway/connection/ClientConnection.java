package com.degenduel.realtime.gateway.connection;

import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.codec.error.ErrorCode;
import com.degenduel.realtime.codec.message.control.ControlMessage;
import com.degenduel.realtime.codec.message.control.ErrorMessage;
import com.degenduel.realtime.codec.message.control.Pong;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.wire.WireFormat;
import com.degenduel.realtime.codec.wire.WireFormatException;
import com.degenduel.realtime.codec.wire.WireTime;
import com.degenduel.realtime.gateway.fanout.StreamHub;
import com.degenduel.realtime.gateway.fanout.Subscriber;
import com.degenduel.realtime.node.auth.Identity;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.websocket.WebSocketFrameImpl;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** One authenticated client socket: what it watches, what it sends, and how it ends. */
public final class ClientConnection implements Subscriber {
  private final ServerWebSocket socket;
  private final Identity identity;
  private final StreamHub hub;
  private final List<StreamId> streams;
  private boolean closed;

  public ClientConnection(ServerWebSocket socket, Identity identity, StreamHub hub, List<StreamId> streams) {
    this.socket = socket;
    this.identity = identity;
    this.hub = hub;
    this.streams = List.copyOf(streams);
  }

  /** Wires the socket's handlers and subscribes to its streams; the hub sends each stream's state first. */
  public void start() {
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(b -> send(ErrorMessage.of(ErrorCode.INVALID_MESSAGE, "only text frames are accepted")));
    socket.closeHandler(v -> onClosed());
    socket.exceptionHandler(e -> {});
    streams.forEach(s -> hub.subscribe(s, this));
  }

  public Identity identity() {
    return identity;
  }

  @Override
  public void deliver(byte[] frame) {
    if (!closed) {
      // The frame wraps the shared bytes without copying: one encoding serves every subscriber.
      socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, frame, true));
    }
  }

  @Override
  public void notify(ErrorMessage error) {
    send(error);
  }

  @Override
  public void reject(ErrorMessage error, CloseCode close) {
    closeWith(error, close);
  }

  public void send(ControlMessage message) {
    if (!closed) {
      socket.writeTextMessage(WireFormat.encode(message));
    }
  }

  /** Sends one ERROR and closes with the given code; the ERROR always reaches the client first. */
  public void closeWith(ErrorMessage error, CloseCode close) {
    if (closed) {
      return;
    }
    send(error);
    closed = true;
    socket.close(close.code(), close.name());
    unsubscribeAll();
  }

  private void onText(String text) {
    JsonObject message;
    try {
      message = WireFormat.parseObject(text);
    } catch (WireFormatException e) {
      send(ErrorMessage.of(ErrorCode.INVALID_MESSAGE, e.getMessage()));
      return;
    }
    Object type = message.getValue("type");
    if ("PING".equals(type)) {
      send(new Pong(WireTime.now()));
    } else {
      send(ErrorMessage.of(ErrorCode.UNKNOWN_TYPE));
    }
  }

  private void onClosed() {
    if (!closed) {
      closed = true;
      unsubscribeAll();
    }
  }

  private void unsubscribeAll() {
    streams.forEach(s -> hub.unsubscribe(s, this));
  }
}
