package com.degenduel.realtime.gateway.connection;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.codec.error.ErrorCode;
import com.degenduel.realtime.codec.message.control.AuthRefresh;
import com.degenduel.realtime.codec.message.control.AuthRefreshed;
import com.degenduel.realtime.codec.message.control.ClientMessage;
import com.degenduel.realtime.codec.message.control.ControlMessage;
import com.degenduel.realtime.codec.message.control.ErrorMessage;
import com.degenduel.realtime.codec.message.control.Ping;
import com.degenduel.realtime.codec.message.control.Pong;
import com.degenduel.realtime.codec.message.control.Resumed;
import com.degenduel.realtime.codec.message.control.Subscribe;
import com.degenduel.realtime.codec.message.control.SymbolsAck;
import com.degenduel.realtime.codec.message.control.TokenExpiring;
import com.degenduel.realtime.codec.message.control.Unsubscribe;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.wire.ClientMessageReader;
import com.degenduel.realtime.codec.wire.WireFormat;
import com.degenduel.realtime.codec.wire.WireTime;
import com.degenduel.realtime.gateway.endpoint.Endpoint;
import com.degenduel.realtime.gateway.endpoint.RequestParser;
import com.degenduel.realtime.gateway.endpoint.ResumePoint;
import com.degenduel.realtime.gateway.fanout.OutboundFrame;
import com.degenduel.realtime.gateway.fanout.StreamHub;
import com.degenduel.realtime.gateway.fanout.Subscriber;
import com.degenduel.realtime.gateway.metrics.GatewayMetrics;
import com.degenduel.realtime.gateway.security.MessageRateLimiter;
import com.degenduel.realtime.node.auth.AuthFailure;
import com.degenduel.realtime.node.auth.Identity;
import com.degenduel.realtime.node.auth.TokenVerifier;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated client socket: what it watches, what it says, how long it may live, and how
 * it ends. Confined to the event loop of the gateway instance that accepted it.
 */
public final class ClientConnection implements Subscriber {
  private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

  private final long id;
  private final ServerWebSocket socket;
  private final Endpoint endpoint;
  private final StreamHub hub;
  private final TokenVerifier verifier;
  private final ConnectionPolicy policy;
  private final Set<String> knownSymbols;
  private final Set<StreamId> streams = new LinkedHashSet<>();
  private final OutboundQueue outbound;
  private final InboundFrames inbound;
  private final MessageRateLimiter rateLimiter;
  private final Consumer<ClientConnection> onClosed;
  private final GatewayMetrics metrics;
  /** Worked out once: the sweep checks every connection several times a second. */
  private final long silenceLimitNanos;
  private Identity identity;
  private Instant warnAt;
  private long lastHeard;
  private boolean expiryWarned;
  private boolean closed;
  private Short closeCode;
  private String closeReason;

  public ClientConnection(
      long id,
      ServerWebSocket socket,
      Endpoint endpoint,
      Identity identity,
      StreamHub hub,
      TokenVerifier verifier,
      ConnectionPolicy policy,
      Set<String> knownSymbols,
      GatewayMetrics metrics,
      Consumer<ClientConnection> onClosed) {
    this.id = id;
    this.socket = socket;
    this.endpoint = endpoint;
    this.identity = identity;
    this.warnAt = identity.expiresAt().minus(policy.expiryWarning());
    this.silenceLimitNanos = policy.silenceLimit(endpoint).toNanos();
    this.hub = hub;
    this.verifier = verifier;
    this.policy = policy;
    this.knownSymbols = knownSymbols;
    this.onClosed = onClosed;
    this.metrics = metrics;
    this.outbound = new OutboundQueue(socket, endpoint, metrics);
    this.inbound = new InboundFrames(policy.maxMessageBytes());
    this.lastHeard = System.nanoTime();
    this.rateLimiter = new MessageRateLimiter(policy.messagesPerSecond(), policy.rateLimitStrikes(), lastHeard);
  }

  /** Wires the socket and subscribes to the first streams; each stream's current state is sent first. */
  /** Starts serving the streams; {@code resume} (null for none) is where a reconnecting client left its wallet or contest stream. */
  public void start(List<StreamId> initial, ResumePoint resume) {
    socket.frameHandler(this::onFrame);
    socket.closeHandler(v -> onSocketClosed());
    socket.exceptionHandler(this::onSocketError);
    for (StreamId stream : initial) {
      if (resume != null && stream.kind().watchedByInterest() && streams.add(stream)) {
        hub.subscribe(stream, this, resume);
      } else {
        watch(stream);
      }
    }
    socket.resume();
  }

  public long id() {
    return id;
  }

  public Identity identity() {
    return identity;
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  /** The close code, sent by the server or received from the client; null if the socket just dropped. */
  public Short closeCode() {
    return closeCode;
  }

  public String closeReason() {
    return closeReason;
  }

  @Override
  public void deliver(OutboundFrame frame) {
    if (!closed) {
      outbound.offer(frame);
      if (outbound.waiting() > policy.maxPending()) {
        metrics.slowConsumerClosed(true);
        closeWith(ErrorMessage.of(ErrorCode.SLOW_CONSUMER), CloseCode.SLOW_CONSUMER);
      }
    }
  }

  @Override
  public void notify(ErrorMessage error) {
    send(error);
  }

  /** Through the outbound queue, not straight to the socket: it must follow the snapshot queued before it. */
  @Override
  public void resumed(Resumed resumed) {
    if (!closed) {
      deliver(OutboundFrame.control(resumed));
      metrics.controlOut(endpoint, resumed.type());
    }
  }

  @Override
  public void reject(ErrorMessage error, CloseCode close) {
    closeWith(error, close);
  }

  /** Checks the deadlines this connection lives by; called periodically by its registry. */
  void checkDeadlines(long nowNanos, Instant now) {
    if (closed) {
      return;
    }
    if (nowNanos - lastHeard > silenceLimitNanos) {
      metrics.heartbeatTimeout(endpoint);
      closeWith(ErrorMessage.of(ErrorCode.HEARTBEAT_TIMEOUT), CloseCode.HEARTBEAT_TIMEOUT);
    } else if (!now.isBefore(identity.expiresAt())) {
      closeWith(ErrorMessage.of(ErrorCode.AUTH_EXPIRED), CloseCode.UNAUTHORIZED);
    } else if (outbound.blockedFor(nowNanos) > policy.maxLag().toNanos()) {
      metrics.slowConsumerClosed(false);
      closeWith(ErrorMessage.of(ErrorCode.SLOW_CONSUMER), CloseCode.SLOW_CONSUMER);
    } else if (!expiryWarned && !now.isBefore(warnAt)) {
      expiryWarned = true;
      send(new TokenExpiring(identity.expiresAt()));
    }
  }

  public void send(ControlMessage message) {
    if (!closed) {
      socket.writeTextMessage(WireFormat.encode(message));
      metrics.controlOut(endpoint, message.type());
      if (message instanceof ErrorMessage error) {
        metrics.errorSent(error.code());
      }
    }
  }

  /** Sends one ERROR and closes with the given code; the ERROR always reaches the client first. */
  public void closeWith(ErrorMessage error, CloseCode close) {
    if (closed) {
      return;
    }
    send(error);
    close(close);
  }

  /** Closes without an ERROR, as a draining gateway does: the close code says it all. */
  public void close(CloseCode close) {
    if (closed) {
      return;
    }
    closed = true;
    closeCode = (short) close.code();
    closeReason = close.name();
    socket.close(close.code(), close.name());
    release();
  }

  private void onFrame(WebSocketFrame frame) {
    // Any frame proves the client alive, WebSocket ping frames from non-browser clients included.
    lastHeard = System.nanoTime();
    InboundFrames.Outcome outcome = inbound.accept(frame);
    if (outcome instanceof InboundFrames.Message message) {
      onText(message.text());
    } else if (outcome instanceof InboundFrames.Violation violation) {
      refuse(violation);
    }
  }

  private void onSocketError(Throwable error) {
    InboundFrames.Violation violation = InboundFrames.violationOf(error);
    if (violation != null) {
      refuse(violation);
    } else {
      LOG.debug("socket error {} {} {}", kv("connection_id", id), kv("wallet", identity.wallet()), kv("error", error.toString()));
    }
  }

  private void refuse(InboundFrames.Violation violation) {
    ErrorCode code = violation.close() == CloseCode.MESSAGE_TOO_BIG ? ErrorCode.MESSAGE_TOO_LARGE : ErrorCode.INVALID_MESSAGE;
    closeWith(ErrorMessage.of(code, violation.reason()), violation.close());
  }

  private void onText(String text) {
    switch (rateLimiter.onMessage(System.nanoTime())) {
      case WARN -> {
        metrics.messageRateLimited(false);
        send(ErrorMessage.of(ErrorCode.RATE_LIMITED));
        return;
      }
      case CLOSE -> {
        metrics.messageRateLimited(true);
        closeWith(ErrorMessage.of(ErrorCode.RATE_LIMITED), CloseCode.POLICY_VIOLATION);
        return;
      }
      case ALLOW -> {}
    }
    ClientMessage message;
    try {
      message = ClientMessageReader.read(text);
    } catch (ClientMessageReader.Rejected e) {
      metrics.messageIn("INVALID");
      LOG.info(
          "client message rejected {} {} {}",
          kv("connection_id", id), kv("wallet", identity.wallet()), kv("error_code", e.code().name()),
          kv("event", "message_rejected"));
      send(ErrorMessage.of(e.code(), e.getMessage()));
      return;
    }
    metrics.messageIn(typeOf(message));
    if (message instanceof Ping) {
      send(new Pong(WireTime.now()));
    } else if (message instanceof AuthRefresh refresh) {
      refresh(refresh.token());
    } else if (message instanceof Subscribe subscribe) {
      subscribe(subscribe.symbols());
    } else if (message instanceof Unsubscribe unsubscribe) {
      unsubscribe(unsubscribe.symbols());
    }
  }

  private void refresh(String token) {
    verifier
        .verify(token)
        .onSuccess(
            fresh -> {
              if (!fresh.wallet().equals(identity.wallet()) || !fresh.expiresAt().isAfter(identity.expiresAt())) {
                send(ErrorMessage.of(ErrorCode.REFRESH_REJECTED));
                return;
              }
              identity = fresh;
              warnAt = fresh.expiresAt().minus(policy.expiryWarning());
              expiryWarned = false;
              send(new AuthRefreshed(fresh.expiresAt()));
            })
        .onFailure(
            e -> {
              String reason = e instanceof AuthFailure failure ? failure.code().name() : "AUTH_INVALID";
              send(ErrorMessage.of(ErrorCode.REFRESH_REJECTED, ErrorCode.REFRESH_REJECTED.description() + " (" + reason + ")"));
            });
  }

  private void subscribe(List<String> symbols) {
    if (endpoint != Endpoint.MARKET) {
      send(ErrorMessage.of(ErrorCode.NOT_SUPPORTED, "SUBSCRIBE is for the market endpoint"));
      return;
    }
    List<StreamId> added = new ArrayList<>();
    for (String symbol : symbols) {
      if (!RequestParser.SYMBOL.matcher(symbol).matches()) {
        send(ErrorMessage.of(ErrorCode.INVALID_SYMBOLS, "symbols are 1 to 15 upper-case letters or digits"));
        return;
      }
      if (!knownSymbols.contains(symbol)) {
        send(ErrorMessage.of(ErrorCode.UNKNOWN_SYMBOL, "symbol " + symbol + " is not traded here"));
      } else if (!streams.contains(StreamId.market(symbol)) && !added.contains(StreamId.market(symbol))) {
        added.add(StreamId.market(symbol));
      }
    }
    if (streams.size() + added.size() > policy.maxSymbols()) {
      send(ErrorMessage.of(ErrorCode.SUBSCRIPTION_LIMIT, "at most " + policy.maxSymbols() + " symbols per connection"));
      return;
    }
    List<String> current = new ArrayList<>(symbolsOf(streams));
    current.addAll(symbolsOf(added));
    send(new SymbolsAck(true, symbolsOf(added), current));
    added.forEach(this::watch);
  }

  private void unsubscribe(List<String> symbols) {
    if (endpoint != Endpoint.MARKET) {
      send(ErrorMessage.of(ErrorCode.NOT_SUPPORTED, "UNSUBSCRIBE is for the market endpoint"));
      return;
    }
    List<String> removed = new ArrayList<>();
    for (String symbol : symbols) {
      StreamId stream = StreamId.market(symbol);
      if (streams.remove(stream)) {
        hub.unsubscribe(stream, this);
        removed.add(symbol);
      }
    }
    send(new SymbolsAck(false, removed, symbolsOf(streams)));
  }

  private void watch(StreamId stream) {
    if (streams.add(stream)) {
      hub.subscribe(stream, this);
    }
  }

  private static String typeOf(ClientMessage message) {
    if (message instanceof Ping) {
      return "PING";
    } else if (message instanceof AuthRefresh) {
      return "AUTH_REFRESH";
    } else if (message instanceof Subscribe) {
      return "SUBSCRIBE";
    }
    return "UNSUBSCRIBE";
  }

  private static List<String> symbolsOf(Iterable<StreamId> streams) {
    List<String> symbols = new ArrayList<>();
    streams.forEach(s -> symbols.add(s.key()));
    return symbols;
  }

  private void onSocketClosed() {
    if (!closed) {
      closed = true;
      closeCode = socket.closeStatusCode();
      closeReason = socket.closeReason();
      release();
    }
  }

  private void release() {
    streams.forEach(s -> hub.unsubscribe(s, this));
    streams.clear();
    onClosed.accept(this);
  }
}
