package com.degenduel.realtime.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.codec.error.ErrorCode;
import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.control.ErrorMessage;
import com.degenduel.realtime.codec.message.control.AuthRefreshed;
import com.degenduel.realtime.codec.message.control.Pong;
import com.degenduel.realtime.codec.message.control.SymbolsAck;
import com.degenduel.realtime.codec.message.control.TokenExpiring;
import com.degenduel.realtime.codec.wire.WireFormat;
import com.degenduel.realtime.codec.wire.WireSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The documentation describes the protocol as the code defines it: README.md has a row for every
 * close code, docs/protocol.md a row for every error code and, for every message type, an example
 * that is exactly what the codec produces.
 */
class ProtocolDocsTest {

  private static List<String> lines(String file) throws IOException {
    // Surefire runs in the module directory; the documentation sits at the repository root above it.
    return Files.readAllLines(Path.of(System.getProperty("user.dir")).getParent().resolve(file));
  }

  private static List<String> readmeLines() throws IOException {
    return lines("README.md");
  }

  private static List<String> protocolLines() throws IOException {
    return lines("docs/protocol.md");
  }

  @Test
  void everyErrorCodeHasARow() throws IOException {
    List<String> lines = protocolLines();
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(lines).as("error code row for %s", code).anyMatch(l -> l.startsWith("| `" + code.name() + "` |"));
    }
  }

  @Test
  void everyCloseCodeHasARowThatSaysWhetherToRetry() throws IOException {
    List<String> lines = readmeLines();
    for (CloseCode close : CloseCode.values()) {
      List<String> rows = lines.stream().filter(l -> l.startsWith("| " + close.code() + " |")).toList();
      assertThat(rows).as("close code row for %d", close.code()).hasSize(1);
      String[] cells = rows.get(0).split("\\|");
      assertThat(cells[2].trim()).isEqualTo("`" + close.name() + "`");
      assertThat(cells[3].trim()).as("retry of %d", close.code()).startsWith(close.retry() ? "yes" : "no");
    }
  }

  @Test
  void everyStreamedMessageTypeHasAnExampleExactlyAsEncoded() throws IOException {
    List<String> lines = protocolLines();
    for (MessageType type : MessageType.values()) {
      String example = WireFormat.encode(WireSamples.streamed().get(type.name().toLowerCase()));
      assertThat(lines).as("docs/protocol.md example of %s", type).contains(example);
    }
  }

  @Test
  void controlMessageExamplesAreExactlyAsEncoded() throws IOException {
    List<String> lines = protocolLines();

    assertThat(lines).contains(WireFormat.encode(new Pong(WireSamples.AT)));
    assertThat(lines).contains(WireFormat.encode(ErrorMessage.of(ErrorCode.AUTH_EXPIRED)));
    assertThat(lines)
        .contains(WireFormat.encode(ErrorMessage.of(ErrorCode.UNKNOWN_SYMBOL, "symbol XYZ is not traded here")));
    assertThat(lines).contains(WireFormat.encode(new TokenExpiring(WireSamples.AT)));
    assertThat(lines).contains(WireFormat.encode(new AuthRefreshed(WireSamples.AT)));
    assertThat(lines).contains(WireFormat.encode(new SymbolsAck(true, List.of("SOL"), List.of("BTC", "ETH", "SOL"))));
    assertThat(lines).contains(WireFormat.encode(new SymbolsAck(false, List.of("ETH"), List.of("BTC", "SOL"))));
  }
}
