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
  private static final int MAX_QUERY_LENGTH = 2048;

  private final Set<String> knownSymbols;
  private final int maxSymbols;

  public RequestParser(Set<String> knownSymbols, int maxSymbols) {
    this.knownSymbols = Set.copyOf(knownSymbols);
    this.maxSymbols = maxSymbols;
  }

  /** Either a request or a rejection; never both. */
  public record Result(StreamRequest request, RequestRejection rejection, List<String> unknownSymbols) {}

  public Result parse(Endpoint endpoint, String path, String query) {
    if (query != null && query.length() > MAX_QUERY_LENGTH) {
      return reject(ErrorCode.INVALID_MESSAGE, "the query string is too long", CloseCode.POLICY_VIOLATION);
    }
    Map<String, List<String>> params = new QueryStringDecoder(query == null ? "" : query, false).parameters();
    return switch (endpoint) {
      case MARKET -> market(params);
      case CONTEST -> contest(endpoint.contestIdOf(path));
      case PORTFOLIO -> portfolio(params);
    };
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
    return new Result(new StreamRequest(Endpoint.MARKET, streams, null), null, unknown);
  }

  private Result contest(String contestId) {
    if (!CONTEST_ID.matcher(contestId).matches()) {
      return reject(
          ErrorCode.INVALID_CONTEST_ID,
          "a contest id is 1 to 64 letters, digits, '-' or '_'",
          CloseCode.NOT_FOUND);
    }
    return new Result(new StreamRequest(Endpoint.CONTEST, List.of(StreamId.contest(contestId)), null), null, List.of());
  }

  private Result portfolio(Map<String, List<String>> params) {
    List<String> wallets = params.getOrDefault("wallet", List.of());
    if (wallets.isEmpty()) {
      return new Result(new StreamRequest(Endpoint.PORTFOLIO, List.of(), null), null, List.of());
    }
    if (wallets.size() != 1 || !WALLET.matcher(wallets.get(0)).matches()) {
      return reject(ErrorCode.INVALID_MESSAGE, "a wallet is 8 to 64 letters or digits", CloseCode.POLICY_VIOLATION);
    }
    return new Result(new StreamRequest(Endpoint.PORTFOLIO, List.of(), wallets.get(0)), null, List.of());
  }

  private static Result reject(ErrorCode code, String message, CloseCode close) {
    return new Result(null, new RequestRejection(code, message, close), List.of());
  }
}
