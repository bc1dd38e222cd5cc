package com.degenduel.realtime.gateway.endpoint;

import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.codec.error.ErrorCode;
import com.degenduel.realtime.codec.stream.StreamId;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a handshake's path and query into a {@link StreamRequest}, against strict patterns and
 * length limits: nothing unvalidated reaches the event bus, because every stream name becomes a
 * cluster-wide address registration.
 */
public final class RequestParser {
  public static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{1,15}");
  public static final Pattern CONTEST_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  public static final Pattern WALLET = Pattern.compile("[A-Za-z0-9]{8,64}");
  public static final Pattern EPOCH = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern SEQ = Pattern.compile("[0-9]{1,16}");
  /** The largest seq a JavaScript client holds exactly. */
  private static final long MAX_SEQ = (1L << 53) - 1;
  private static final int MAX_QUERY_LENGTH = 2048;

  private final Set<String> knownSymbols;
  private final int maxSymbols;

  public RequestParser(Set<String> knownSymbols, int maxSymbols) {
    this.knownSymbols = Set.copyOf(knownSymbols);
    this.maxSymbols = maxSymbols;
  }

  /**
   * Either a request or a rejection; never both. {@code resumeProblem} says why a malformed {@code
   * since} or {@code epoch} was ignored: the connection is served from the current state.
   */
  public record Result(StreamRequest request, RequestRejection rejection, List<String> unknownSymbols, String resumeProblem) {
    Result(StreamRequest request, RequestRejection rejection, List<String> unknownSymbols) {
      this(request, rejection, unknownSymbols, null);
    }
  }

  public Result parse(Endpoint endpoint, String path, String query) {
    if (query != null && query.length() > MAX_QUERY_LENGTH) {
      return reject(ErrorCode.INVALID_MESSAGE, "the query string is too long", CloseCode.POLICY_VIOLATION);
    }
    Map<String, List<String>> params = new QueryStringDecoder(query == null ? "" : query, false).parameters();
    return switch (endpoint) {
      case MARKET -> market(params);
      case CONTEST -> resumable(contest(endpoint.contestIdOf(path)), params);
      case PORTFOLIO -> resumable(portfolio(params), params);
    };
  }

  /** Adds where a reconnecting client left off: {@code since} and {@code epoch}, both or neither. */
  private static Result resumable(Result parsed, Map<String, List<String>> params) {
    if (parsed.rejection() != null) {
      return parsed;
    }
    List<String> since = params.getOrDefault("since", List.of());
    List<String> epoch = params.getOrDefault("epoch", List.of());
    if (since.isEmpty() && epoch.isEmpty()) {
      return parsed;
    }
    String problem = null;
    if (since.size() != 1 || epoch.size() != 1) {
      problem = "give both since and epoch, once each, to resume";
    } else if (!SEQ.matcher(since.get(0)).matches() || Long.parseLong(since.get(0)) > MAX_SEQ) {
      problem = "since is the seq of the last event processed: a whole number from 0 to 2^53 - 1";
    } else if (!EPOCH.matcher(epoch.get(0)).matches()) {
      problem = "epoch is the epoch of the last event processed: 1 to 64 letters, digits, '-' or '_'";
    }
    StreamRequest request = parsed.request();
    if (problem != null) {
      return new Result(request, null, parsed.unknownSymbols(), problem);
    }
    ResumePoint resume = new ResumePoint(Long.parseLong(since.get(0)), epoch.get(0));
    return new Result(
        new StreamRequest(request.endpoint(), request.streams(), request.requestedWallet(), resume), null, parsed.unknownSymbols());
  }

  private Result market(Map<String, List<String>> params) {
    List<String> values = params.getOrDefault("symbols", List.of());
    if (values.size() != 1 || values.get(0).isBlank()) {
      return reject(ErrorCode.INVALID_SYMBOLS, "give the symbols as ?symbols=BTC,ETH,SOL", CloseCode.POLICY_VIOLATION);
    }
    String[] parts = values.get(0).split(",", -1);
    if (parts.length > maxSymbols) {
      return reject(
          ErrorCode.INVALID_SYMBOLS, "at most " + maxSymbols + " symbols per connection", CloseCode.POLICY_VIOLATION);
    }
    Set<String> symbols = new LinkedHashSet<>();
    for (String part : parts) {
      String symbol = part.trim();
      if (!SYMBOL.matcher(symbol).matches()) {
        return reject(
            ErrorCode.INVALID_SYMBOLS,
            "symbols are 1 to 15 upper-case letters or digits, separated by commas",
            CloseCode.POLICY_VIOLATION);
      }
      symbols.add(symbol);
    }
    List<StreamId> streams = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String symbol : symbols) {
      if (knownSymbols.contains(symbol)) {
        streams.add(StreamId.market(symbol));
      } else {
        unknown.add(symbol);
      }
    }
    return new Result(new StreamRequest(Endpoint.MARKET, streams, null, null), null, unknown);
  }

  private Result contest(String contestId) {
    if (!CONTEST_ID.matcher(contestId).matches()) {
      return reject(
          ErrorCode.INVALID_CONTEST_ID,
          "a contest id is 1 to 64 letters, digits, '-' or '_'",
          CloseCode.NOT_FOUND);
    }
    return new Result(new StreamRequest(Endpoint.CONTEST, List.of(StreamId.contest(contestId)), null, null), null, List.of());
  }

  private Result portfolio(Map<String, List<String>> params) {
    List<String> wallets = params.getOrDefault("wallet", List.of());
    if (wallets.isEmpty()) {
      return new Result(new StreamRequest(Endpoint.PORTFOLIO, List.of(), null, null), null, List.of());
    }
    if (wallets.size() != 1 || !WALLET.matcher(wallets.get(0)).matches()) {
      return reject(ErrorCode.INVALID_MESSAGE, "a wallet is 8 to 64 letters or digits", CloseCode.POLICY_VIOLATION);
    }
    return new Result(new StreamRequest(Endpoint.PORTFOLIO, List.of(), wallets.get(0), null), null, List.of());
  }

  private static Result reject(ErrorCode code, String message, CloseCode close) {
    return new Result(null, new RequestRejection(code, message, close), List.of());
  }
}
