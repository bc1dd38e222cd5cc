package com.degenduel.realtime.codec.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.error.ErrorCode;
import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.control.ControlMessage;
import com.degenduel.realtime.codec.message.control.ErrorMessage;
import com.degenduel.realtime.codec.message.control.Pong;
import com.degenduel.realtime.codec.stream.StreamEvent;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the exact JSON of every message against golden files written by hand from the frontend
 * contract (websocket-requirements.md), not generated from the code.
 *
 * <p>Each frame is compared twice: as a parsed JSON tree (what the contract cares about), and as
 * the exact text the golden file normalises to. The second comparison also pins key order ({@code
 * type, seq, data}, then {@code timestamp} for PORTFOLIO_UPDATED) and number spelling. JSON does
 * not give key order a meaning and clients must not rely on it; it is pinned because a frame is
 * encoded once and fanned out byte-for-byte, so any change to those bytes should be deliberate.
 */
class GoldenJsonTest {
  private static final Map<String, ControlMessage> CONTROL =
      Map.of(
          "error",
          new ErrorMessage(
              ErrorCode.INVALID_SYMBOLS, "At most 50 symbols per connection", new JsonObject().put("max_symbols", 50)),
          "error-minimal",
          ErrorMessage.of(ErrorCode.UNKNOWN_SYMBOL),
          "pong",
          new Pong(WireSamples.ON_THE_MINUTE));

  static Stream<Arguments> streamed() {
    return WireSamples.streamed().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  static Stream<Arguments> control() {
    return CONTROL.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streamed")
  void streamedMessageMatchesItsGoldenFile(String name, StreamEvent event) {
    assertMatchesGolden(name, WireFormat.encode(event));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("control")
  void controlMessageMatchesItsGoldenFile(String name, ControlMessage message) {
    assertMatchesGolden(name, WireFormat.encode(message));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streamed")
  void streamedMessageKeepsTypeSeqDataOrderAtTheTopLevel(String name, StreamEvent event) {
    List<String> expected =
        event.payload().type() == MessageType.PORTFOLIO_UPDATED
            ? List.of("type", "seq", "data", "timestamp")
            : List.of("type", "seq", "data");
    assertThat(List.copyOf(WireFormat.toJson(event).fieldNames())).isEqualTo(expected);
  }

  @Test
  void everyStreamedMessageTypeHasAGoldenFile() {
    Set<MessageType> covered = new HashSet<>();
    WireSamples.streamed().values().forEach(e -> covered.add(e.payload().type()));
    assertThat(covered).containsExactlyInAnyOrder(MessageType.values());
  }

  @Test
  void everyGoldenFileIsCheckedBySomeTest() throws IOException {
    Set<String> used = new HashSet<>(WireSamples.streamed().keySet());
    used.addAll(CONTROL.keySet());
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden"))) {
      List<String> onDisk = files.map(p -> p.getFileName().toString().replaceFirst("\\.json$", "")).toList();
      assertThat(onDisk).containsExactlyInAnyOrderElementsOf(used);
    }
  }

  @Test
  void timestampsAlwaysCarryExactlyThreeFractionDigitsInUtc() {
    assertThat(WireTime.format(WireSamples.ON_THE_MINUTE)).isEqualTo("2026-03-14T09:27:00.000Z");
    assertThat(WireTime.format(java.time.Instant.parse("2026-03-14T09:27:00.100Z")))
        .isEqualTo("2026-03-14T09:27:00.100Z");
    assertThat(WireTime.format(java.time.OffsetDateTime.parse("2026-03-14T11:27:00.5+02:00").toInstant()))
        .isEqualTo("2026-03-14T09:27:00.500Z");
    assertThat(WireTime.format(java.time.Instant.parse("2026-03-14T09:27:00.123999Z")))
        .isEqualTo("2026-03-14T09:27:00.123Z");
  }

  private static void assertMatchesGolden(String name, String actual) {
    String golden = golden(name);
    JsonObject expectedTree = new JsonObject(golden);
    assertThat(new JsonObject(actual)).as("JSON tree of %s", name).isEqualTo(expectedTree);
    assertThat(actual).as("exact text of %s", name).isEqualTo(expectedTree.encode());
  }

  static String golden(String name) {
    try (InputStream in = GoldenJsonTest.class.getResourceAsStream("/golden/" + name + ".json")) {
      assertThat(in).as("golden file %s.json", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
