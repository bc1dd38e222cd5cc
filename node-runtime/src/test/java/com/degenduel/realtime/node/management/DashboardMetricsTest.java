package com.degenduel.realtime.node.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard in the repository queries only metrics docs/operations.md documents (and the gateway test serves). */
class DashboardMetricsTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @Test
  void everyDdMetricTheDashboardQueriesIsDocumented() throws IOException {
    String dashboard = Files.readString(ROOT.resolve("observability/grafana/degenduel-realtime.json"));
    new JsonObject(dashboard);
    Set<String> queried = new TreeSet<>();
    Matcher m = Pattern.compile("\\b(dd_[a-z_]+?)(_bucket|_count|_sum|_max)?\\b").matcher(dashboard);
    while (m.find()) {
      queried.add(m.group(1));
    }
    Set<String> documented =
        Files.readAllLines(ROOT.resolve("docs/operations.md")).stream()
            .filter(l -> l.startsWith("| `dd_"))
            .map(l -> l.substring(3, l.indexOf('`', 3)))
            .collect(Collectors.toSet());

    assertThat(queried).hasSizeGreaterThanOrEqualTo(10);
    assertThat(documented).containsAll(queried);
  }
}
