package com.degenduel.realtime.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** JWT and TLS material come from existing Kubernetes Secrets; values files only name them. */
class SecretsTest {
  private static final Pattern KUBERNETES_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  private static final Pattern SECRET_KEY_NAME = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final List<String> SECRET_SETTINGS = List.of("DD_JWT_SECRET", "DD_TLS_KEY", "DD_TLS_KEYSTORE_PASSWORD", "DD_EVENTBUS_TLS_KEY");

  @Test
  void sharedSecretReachesTheTokenVerifiersThroughSecretKeyRef() {
    Manifests rendered = Chart.defaults();
    for (String role : List.of("gateway", "portfolio", "contest", "simulator")) {
      Node secret = Manifests.env(rendered.container(role)).get("DD_JWT_SECRET");
      assertThat(secret).as(role).isNotNull();
      assertThat(secret.exists("value")).isFalse();
      assertThat(secret.str("valueFrom.secretKeyRef.name")).isEqualTo("degenduel-ws-jwt");
      assertThat(secret.str("valueFrom.secretKeyRef.key")).isEqualTo("jwt-secret");
    }
    assertThat(Manifests.env(rendered.container("market"))).doesNotContainKey("DD_JWT_SECRET");
  }

  @Test
  void publicKeyIsMountedFromTheSecretAsAFile() {
    Manifests rendered = Chart.production("auth.jwks.enabled=false", "auth.algorithm=RS256");
    Node container = rendered.container("gateway");
    assertThat(Manifests.envValue(container, "DD_JWT_ALGORITHM")).isEqualTo("RS256");
    assertThat(Manifests.env(container)).doesNotContainKey("DD_JWT_SECRET");
    String path = Manifests.envValue(container, "DD_JWT_PUBLIC_KEY");
    Node mount =
        container.list("volumeMounts").stream().filter(m -> "jwt".equals(m.str("name"))).findFirst().orElseThrow();
    assertThat(mount.at("readOnly").value()).isEqualTo(true);
    Node volume = GatewayExposureTest.volume(rendered.deployment("gateway"), "jwt");
    assertThat(volume.str("secret.secretName")).isEqualTo("degenduel-ws-jwt");
    Node item = volume.list("secret.items").get(0);
    assertThat(item.str("key")).isEqualTo("jwt-public-key.pem");
    assertThat(path).isEqualTo(mount.str("mountPath") + "/" + item.str("path"));
  }

  @Test
  void theChartCreatesNoSecretAndRendersNoSecretValue() {
    for (Manifests rendered : new Manifests[] {Chart.defaults(), Chart.production()}) {
      assertThat(rendered.ofKind("Secret")).isEmpty();
      assertThat(rendered.text()).doesNotContain("BEGIN").doesNotContain("degenduel-development-secret");
      for (Node deployment : rendered.ofKind("Deployment")) {
        Map<String, Node> env = Manifests.env(deployment.list("spec.template.spec.containers").get(0));
        for (String name : SECRET_SETTINGS) {
          if (env.containsKey(name)) {
            assertThat(env.get(name).exists("value") && !env.get(name).str("value").startsWith("/etc/degenduel/"))
                .as("%s of %s is a secret reference or a mounted file", name, deployment.str("metadata.name"))
                .isFalse();
          }
        }
      }
    }
  }

  @Test
  void valuesFilesHoldSecretNamesNeverSecretValues() throws IOException {
    for (Path file : Chart.valuesFiles()) {
      String text = Files.readString(file);
      assertThat(text).as(file.toString()).doesNotContain("-----BEGIN");
      List<String> problems = new ArrayList<>();
      walk(Chart.values(file), "", problems);
      assertThat(problems).as(file.toString()).isEmpty();
    }
  }

  @Test
  void secretSettingsInPlainEnvAreRefused() {
    for (String name : SECRET_SETTINGS) {
      assertThatThrownBy(() -> Chart.defaults("env." + name + "=plain-text"))
          .hasMessageContaining(name + " is set by the chart");
      assertThatThrownBy(() -> Chart.defaults("gateway.env." + name + "=plain-text"))
          .hasMessageContaining(name + " is set by the chart");
    }
  }

  /** Any key that sounds secret must be the name of a Secret, or of a key inside one. */
  @SuppressWarnings("unchecked")
  private static void walk(Object node, String path, List<String> problems) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
        String key = entry.getKey();
        String child = path.isEmpty() ? key : path + "." + key;
        String lower = key.toLowerCase();
        boolean sensitive = List.of("secret", "password", "token", "privatekey", "publickey").stream().anyMatch(lower::contains);
        if (entry.getValue() instanceof String value && !value.isEmpty() && sensitive) {
          boolean secretName = lower.endsWith("existingsecret") || lower.endsWith("tlssecret");
          boolean keyName = lower.endsWith("key");
          Pattern expected = secretName ? KUBERNETES_NAME : SECRET_KEY_NAME;
          if (!(secretName || keyName) || !expected.matcher(value).matches() || value.length() > 63) {
            problems.add(child + " looks like a secret value: " + value);
          }
        }
        if (key.startsWith("DD_") && SECRET_SETTINGS.contains(key)) {
          problems.add(child + " sets a secret in plain text");
        }
        walk(entry.getValue(), child, problems);
      }
    } else if (node instanceof List<?> list) {
      for (Object item : list) {
        walk(item, path, problems);
      }
    }
  }
}
