package com.degenduel.realtime.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the token-verifying roles are told to verify tokens: the production values verify them with
 * the identity provider's key set, mounted so that a Secret update reaches the running processes,
 * and require an issuer and both audiences; the chart refuses public-key or key-set verification
 * without them.
 */
class TokenVerificationTest {
  private static final List<String> TOKEN_ROLES = List.of("gateway", "portfolio", "contest");
  private static final List<String> CHECKS = List.of("DD_JWT_ISSUER", "DD_JWT_AUDIENCE", "DD_JWT_SERVICE_AUDIENCE");

  @Test
  void productionVerifiesWithTheKeySetOfTheSecretMountedAsAFileThatUpdatesInPlace() {
    Manifests rendered = Chart.production();
    for (String role : TOKEN_ROLES) {
      Node container = rendered.container(role);
      Map<String, Node> env = Manifests.env(container);
      assertThat(env).as(role).doesNotContainKeys("DD_JWT_SECRET", "DD_JWT_PUBLIC_KEY", "DD_JWT_ALGORITHM", "DD_DEV_MODE");
      String path = Manifests.envValue(container, "DD_JWT_JWKS");
      Node mount = container.list("volumeMounts").stream().filter(m -> "jwt".equals(m.str("name"))).findFirst().orElseThrow();
      assertThat(mount.exists("subPath")).as("a subPath mount never sees an update of the Secret").isFalse();
      Node volume = GatewayExposureTest.volume(rendered.deployment(role), "jwt");
      assertThat(volume.str("secret.secretName")).isEqualTo("degenduel-ws-jwt");
      Node item = volume.list("secret.items").get(0);
      assertThat(item.str("key")).isEqualTo("jwks.json");
      assertThat(path).isEqualTo(mount.str("mountPath") + "/" + item.str("path"));
    }
  }

  @Test
  void productionRequiresAnIssuerAndBothAudiencesOnEveryTokenRole() {
    Manifests rendered = Chart.production();
    for (String role : TOKEN_ROLES) {
      Node container = rendered.container(role);
      assertThat(Manifests.envValue(container, "DD_JWT_ISSUER")).as(role).isEqualTo("https://auth.degenduel.me/");
      assertThat(Manifests.envValue(container, "DD_JWT_AUDIENCE")).as(role).isEqualTo("degenduel-ws");
      assertThat(Manifests.envValue(container, "DD_JWT_SERVICE_AUDIENCE")).as(role).isEqualTo("degenduel-ingest");
    }
    assertThat(Manifests.env(rendered.container("market"))).doesNotContainKeys(CHECKS.toArray(String[]::new)).doesNotContainKey("DD_JWT_JWKS");
  }

  @Test
  void aPublicKeyOrAKeySetWithoutIssuerOrAudiencesIsRefused() {
    for (String missing : List.of("issuer", "audience", "serviceAudience")) {
      assertThatThrownBy(() -> Chart.production("auth." + missing + "="))
          .hasMessageContaining("auth." + missing + " is required");
      assertThatThrownBy(() -> Chart.production("auth.jwks.enabled=false", "auth.algorithm=ES256", "auth." + missing + "="))
          .hasMessageContaining("auth." + missing + " is required");
    }
  }

  @Test
  void aKeySetUrlIsPassedAsItIsAndMustBeHttps() {
    Manifests rendered = Chart.production("auth.jwks.url=https://auth.degenduel.me/.well-known/jwks.json");
    Node gateway = rendered.container("gateway");
    assertThat(Manifests.envValue(gateway, "DD_JWT_JWKS")).isEqualTo("https://auth.degenduel.me/.well-known/jwks.json");
    assertThat(gateway.list("volumeMounts").stream().map(m -> m.str("name"))).doesNotContain("jwt");

    assertThatThrownBy(() -> Chart.production("auth.jwks.url=http://auth.degenduel.me/jwks"))
        .hasMessageContaining("auth.jwks.url must be an https URL");
  }

  @Test
  void theSharedSecretNeedsNoIssuerButPassesOneOnWhenSet() {
    assertThat(Manifests.env(Chart.defaults().container("gateway"))).doesNotContainKeys(CHECKS.toArray(String[]::new));

    Node gateway = Chart.defaults("auth.issuer=https://staging.degenduel.test/", "auth.audience=staging-ws").container("gateway");
    assertThat(Manifests.envValue(gateway, "DD_JWT_ISSUER")).isEqualTo("https://staging.degenduel.test/");
    assertThat(Manifests.envValue(gateway, "DD_JWT_AUDIENCE")).isEqualTo("staging-ws");
    assertThat(Manifests.env(gateway)).doesNotContainKey("DD_JWT_SERVICE_AUDIENCE");
  }

  @Test
  void tokenSettingsInPlainEnvAreRefused() {
    for (String name : List.of("DD_JWT_JWKS", "DD_JWT_ISSUER", "DD_JWT_AUDIENCE", "DD_JWT_SERVICE_AUDIENCE")) {
      assertThatThrownBy(() -> Chart.production("gateway.env." + name + "=x")).hasMessageContaining(name + " is set by the chart");
    }
  }
}
