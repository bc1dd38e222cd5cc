package com.degenduel.realtime.node.ingest;

import static com.degenduel.realtime.node.ingest.FactError.INVALID_FACT;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads and checks the fields of a reported fact. Every check fails with {@link
 * FactError#INVALID_FACT} and a message that names the field and the rule only.
 */
public final class FactFields {
  /** Fact, trade and contest ids: what DegenDuel's backends generate (UUIDs, slugs): {@code [A-Za-z0-9_-]{1,64}}. */
  public static final CharRule ID = new CharRule("AZaz09", "_-", 1, 64);
  /** Solana addresses: base58 ({@code [1-9A-HJ-NP-Za-km-z]}), 32 to 44 characters. */
  public static final CharRule WALLET = new CharRule("19AHJNPZakmz", "", 32, 44);
  public static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}_.\\- ]{1,32}");
  /** Amounts and prices beyond this are a bug upstream, not a trade. */
  public static final double MAX_QUANTITY = 1e15;

  private FactFields() {}

  public static String id(JsonObject fact, String field) {
    return matching(fact, field, ID::matches, "1-64 letters, digits, '_' or '-'");
  }

  public static String wallet(JsonObject fact, String field) {
    return matching(fact, field, WALLET::matches, "a base58 wallet address of 32-44 characters");
  }

  public static String username(JsonObject fact, String field) {
    return matching(fact, field, USERNAME.asMatchPredicate(), "1-32 letters, digits, spaces, '.', '_' or '-'");
  }

  private static String matching(JsonObject fact, String field, Predicate<String> valid, String rule) {
    Object value = fact.getValue(field);
    if (!(value instanceof String s) || !valid.test(s)) {
      throw INVALID_FACT.reject("field '" + field + "' must be " + rule);
    }
    return s;
  }

  public static String string(JsonObject fact, String field, int maxLength) {
    Object value = fact.getValue(field);
    if (!(value instanceof String s) || s.isBlank() || s.length() > maxLength) {
      throw INVALID_FACT.reject("field '" + field + "' must be a non-blank string of at most " + maxLength + " characters");
    }
    return s;
  }

  /** A tradable symbol, one of {@code symbols}; anything else is UNKNOWN_SYMBOL. */
  public static String symbol(JsonObject fact, String field, Collection<String> symbols) {
    Object symbol = fact.getValue(field);
    if (!(symbol instanceof String s) || !symbols.contains(s)) {
      throw FactError.UNKNOWN_SYMBOL.reject("field '" + field + "' must be one of the tracked symbols " + symbols);
    }
    return s;
  }

  /** A trade's side: true for {@code buy}, false for {@code sell}. */
  public static boolean isBuy(JsonObject fact, String field) {
    Object side = fact.getValue(field);
    if (!"buy".equals(side) && !"sell".equals(side)) {
      throw FactError.INVALID_FACT.reject("field '" + field + "' must be 'buy' or 'sell'");
    }
    return "buy".equals(side);
  }

  public static double positive(JsonObject fact, String field) {
    Object value = fact.getValue(field);
    if (!(value instanceof Number n)) {
      throw INVALID_FACT.reject("field '" + field + "' must be a number");
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d) || d <= 0 || d > MAX_QUANTITY) {
      throw INVALID_FACT.reject("field '" + field + "' must be a positive number of at most 1e15");
    }
    return d;
  }

  public static double nonNegative(JsonObject fact, String field) {
    Object value = fact.getValue(field);
    if (!(value instanceof Number n)) {
      throw INVALID_FACT.reject("field '" + field + "' must be a number");
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d) || d < 0 || d > MAX_QUANTITY) {
      throw INVALID_FACT.reject("field '" + field + "' must be a number from 0 to 1e15");
    }
    return d;
  }

  public static long wholeNumber(JsonObject fact, String field, long min, long max) {
    Object value = fact.getValue(field);
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || n.longValue() < min || n.longValue() > max) {
      throw INVALID_FACT.reject("field '" + field + "' must be a whole number from " + min + " to " + max);
    }
    return n.longValue();
  }

  public static Instant timestamp(JsonObject fact, String field) {
    Object value = fact.getValue(field);
    if (value instanceof String s && s.length() <= 40) {
      try {
        return Instant.parse(s).truncatedTo(ChronoUnit.MILLIS);
      } catch (DateTimeParseException e) {
        // falls through to the rejection below
      }
    }
    throw INVALID_FACT.reject("field '" + field + "' must be an ISO-8601 UTC timestamp");
  }

  public static String optionalId(JsonObject fact, String field) {
    return fact.getValue(field) == null ? null : id(fact, field);
  }
}
