package com.degenduel.realtime.codec.wire;

import com.degenduel.realtime.codec.error.ErrorCode;
import com.degenduel.realtime.codec.message.control.AuthRefresh;
import com.degenduel.realtime.codec.message.control.ClientMessage;
import com.degenduel.realtime.codec.message.control.Ping;
import com.degenduel.realtime.codec.message.control.Subscribe;
import com.degenduel.realtime.codec.message.control.Unsubscribe;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads what clients send, strictly: a JSON object no deeper than {@link #MAX_DEPTH}, a known
 * {@code type}, exactly the fields that type has, each of the right type and within its bounds.
 * Rejections carry a fixed description and never the client's own text.
 */
public final class ClientMessageReader {
  public static final int MAX_DEPTH = 4;
  public static final int MAX_TOKEN_LENGTH = 4096;
  public static final int MAX_SYMBOLS = 100;
  public static final int MAX_SYMBOL_LENGTH = 15;

  private ClientMessageReader() {}

  /** Thrown for anything that is not a valid client message. */
  public static final class Rejected extends RuntimeException {
    private final ErrorCode code;

    Rejected(ErrorCode code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    public ErrorCode code() {
      return code;
    }
  }

  public static ClientMessage read(String text) {
    if (depthExceeds(text, MAX_DEPTH)) {
      throw invalid("the message nests deeper than " + MAX_DEPTH + " levels");
    }
    JsonObject json;
    try {
      json = WireFormat.parseObject(text);
    } catch (WireFormatException e) {
      throw invalid(e.getMessage());
    }
    if (!(json.getValue("type") instanceof String type)) {
      throw invalid("a message needs a string field 'type'");
    }
    return switch (type) {
      case "PING" -> {
        onlyFields(json, Set.of("type"));
        yield new Ping();
      }
      case "AUTH_REFRESH" -> {
        onlyFields(json, Set.of("type", "token"));
        if (!(json.getValue("token") instanceof String token) || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
          throw invalid("AUTH_REFRESH needs a string 'token' of at most " + MAX_TOKEN_LENGTH + " characters");
        }
        yield new AuthRefresh(token);
      }
      case "SUBSCRIBE" -> new Subscribe(symbols(json));
      case "UNSUBSCRIBE" -> new Unsubscribe(symbols(json));
      default -> throw new Rejected(ErrorCode.UNKNOWN_TYPE, ErrorCode.UNKNOWN_TYPE.description());
    };
  }

  private static List<String> symbols(JsonObject json) {
    onlyFields(json, Set.of("type", "symbols"));
    if (!(json.getValue("symbols") instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_SYMBOLS) {
      throw invalid("'symbols' must be a non-empty array of at most " + MAX_SYMBOLS + " strings");
    }
    List<String> symbols = new ArrayList<>(array.size());
    for (Object o : array) {
      if (!(o instanceof String s) || s.isEmpty() || s.length() > MAX_SYMBOL_LENGTH) {
        throw invalid("each symbol must be a string of 1 to " + MAX_SYMBOL_LENGTH + " characters");
      }
      symbols.add(s);
    }
    return symbols;
  }

  private static void onlyFields(JsonObject json, Set<String> allowed) {
    for (String field : json.fieldNames()) {
      if (!allowed.contains(field)) {
        throw invalid("the message has a field its type does not define");
      }
    }
  }

  /** Counts bracket depth outside strings before parsing, so a hostile nesting never reaches the parser. */
  static boolean depthExceeds(String text, int max) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        if (++depth > max) {
          return true;
        }
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
    return false;
  }

  private static Rejected invalid(String message) {
    return new Rejected(ErrorCode.INVALID_MESSAGE, message);
  }
}
