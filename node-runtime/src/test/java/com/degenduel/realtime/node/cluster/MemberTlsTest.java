package com.degenduel.realtime.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the event bus's TLS material comes from, and when development material is refused. */
class MemberTlsTest {

  @Test
  void configuredMaterialIsUsedWithClientAuthenticationAndNoBlindTrust() {
    NodeConfig config = NodeConfig.defaults()
        .with(Setting.EVENTBUS_HOST, "10.1.2.3")
        .with(Setting.EVENTBUS_TLS_CERT, "/etc/degenduel/cluster-tls/tls.crt")
        .with(Setting.EVENTBUS_TLS_KEY, "/etc/degenduel/cluster-tls/tls.key")
        .with(Setting.EVENTBUS_TLS_CA, "/etc/degenduel/cluster-tls/ca.crt");

    EventBusOptions bus = MemberTls.apply(config, new EventBusOptions());

    assertThat(bus.isSsl()).isTrue();
    assertThat(bus.getClientAuth()).isEqualTo(ClientAuth.REQUIRED);
    assertThat(bus.isTrustAll()).as("EventBusOptions trusts every server by default").isFalse();
    assertThat(((PemKeyCertOptions) bus.getKeyCertOptions()).getCertPaths()).containsExactly("/etc/degenduel/cluster-tls/tls.crt");
    assertThat(((PemKeyCertOptions) bus.getKeyCertOptions()).getKeyPaths()).containsExactly("/etc/degenduel/cluster-tls/tls.key");
    assertThat(((PemTrustOptions) bus.getTrustOptions()).getCertPaths()).containsExactly("/etc/degenduel/cluster-tls/ca.crt");
    assertThat(bus.getEnabledSecureTransportProtocols()).containsExactly("TLSv1.3");
  }

  @Test
  void anEventBusBeyondLoopbackRefusesToStartWithoutMaterial() {
    for (String host : new String[] {"10.1.2.3", "0.0.0.0", "members.example"}) {
      NodeConfig config = NodeConfig.defaults().with(Setting.EVENTBUS_HOST, host);

      assertThatThrownBy(() -> MemberTls.apply(config, new EventBusOptions()))
          .as(host)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("DD_EVENTBUS_TLS_CERT, DD_EVENTBUS_TLS_KEY, DD_EVENTBUS_TLS_CA are required");
    }
  }

  @Test
  void partOfTheMaterialIsRefused() {
    NodeConfig config = NodeConfig.defaults().with(Setting.EVENTBUS_TLS_CERT, "/etc/tls.crt");

    assertThatThrownBy(() -> MemberTls.apply(config, new EventBusOptions()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be set together");
  }

  @Test
  void onLoopbackWithoutMaterialTheDevelopmentCaIsMadeInTheDevelopmentDirectory(@TempDir Path dir) {
    for (String host : new String[] {"127.0.0.1", "localhost", "::1"}) {
      NodeConfig config = NodeConfig.defaults().with(Setting.EVENTBUS_HOST, host).with(Setting.DEV_TLS_DIR, dir);

      EventBusOptions bus = MemberTls.apply(config, new EventBusOptions());

      assertThat(bus.getClientAuth()).isEqualTo(ClientAuth.REQUIRED);
      assertThat(((PemTrustOptions) bus.getTrustOptions()).getCertPaths())
          .containsExactly(dir.resolve("cluster/ca.pem").toString());
    }
  }
}
