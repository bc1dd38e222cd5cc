package com.degenduel.realtime.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/operations.md's configuration table lists every setting, with its flag and its real default. */
class ConfigurationDocsTest {

  static List<String> readmeLines() throws IOException {
    // Surefire runs in the module directory; docs/ sits at the repository root above it.
    Path readme = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/operations.md");
    assertThat(readme).as("docs/operations.md at the repository root").exists();
    return Files.readAllLines(readme);
  }

  @Test
  void everySettingHasARowWithItsFlagAndDefault() throws IOException {
    List<String> lines = readmeLines();
    for (Setting s : Setting.values()) {
      String rowStart = "| `" + s.env() + "` |";
      List<String> rows = lines.stream().filter(l -> l.startsWith(rowStart)).toList();
      assertThat(rows).as("configuration table rows for %s", s.env()).hasSize(1);
      String[] cells = rows.get(0).split("\\|");
      assertThat(cells[2].trim()).as("flag of %s", s.env()).isEqualTo("`" + s.flag() + "`");
      String documentedDefault = s.defaultValue().isEmpty() ? "(empty)" : "`" + s.defaultValue() + "`";
      assertThat(cells[3].trim()).as("default of %s", s.env()).isEqualTo(documentedDefault);
    }
  }

  @Test
  void theTableListsNoSettingThatDoesNotExist() throws IOException {
    List<String> documented =
        readmeLines().stream()
            .filter(l -> l.startsWith("| `DD_"))
            .map(l -> l.substring(3, l.indexOf('`', 3)))
            .toList();
    List<String> real = java.util.Arrays.stream(Setting.values()).map(Setting::env).toList();

    assertThat(documented).containsExactlyInAnyOrderElementsOf(real);
  }
}
