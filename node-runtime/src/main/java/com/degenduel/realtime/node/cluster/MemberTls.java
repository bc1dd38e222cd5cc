package com.degenduel.realtime.node.cluster;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.tls.DevClusterCertificate;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mutual TLS on the event bus between members: each member's listener accepts only a peer that
 * shows a certificate signed by the cluster's CA, and each member connects only to a listener that
 * does. A process without that certificate cannot deliver a message to a service's address, even
 * if it reaches the port and has joined Hazelcast.
 *
 * <p>Vert.x turns host-name verification off for the event bus's own connections: a member is
 * identified by the CA that signed its certificate, not by its address, so every member may share
 * one certificate (one Kubernetes Secret). That is why the CA must be private to this cluster.
 */
public final class MemberTls {
  private static final Logger LOG = LoggerFactory.getLogger(MemberTls.class);
  /** Every member runs this code: no older protocol is needed between them. */
  static final Set<String> PROTOCOLS = Set.of("TLSv1.3");
  private static final List<Setting> MATERIAL = List.of(Setting.EVENTBUS_TLS_CERT, Setting.EVENTBUS_TLS_KEY, Setting.EVENTBUS_TLS_CA);

  private MemberTls() {}

  /** Turns TLS on in {@code bus}, with the configured material or, on loopback only, development material (which blocks the first time). */
  public static EventBusOptions apply(NodeConfig config, EventBusOptions bus) {
    DevClusterCertificate material = material(config);
    return bus.setSsl(true)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(material.certificate().toString()).setKeyPath(material.key().toString()))
        .setTrustOptions(new PemTrustOptions().addCertPath(material.authority().toString()))
        .setClientAuth(ClientAuth.REQUIRED)
        // EventBusOptions trusts every server unless told otherwise.
        .setTrustAll(false)
        .setEnabledSecureTransportProtocols(PROTOCOLS)
        // BoringSSL seals a record for a fraction of the JDK engine's CPU, and every message between
        // members is a record; where the native library cannot load, the JDK engine does the same job.
        .setSslEngineOptions(OpenSSLEngineOptions.isAvailable() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions());
  }

  static DevClusterCertificate material(NodeConfig config) {
    List<Setting> set = MATERIAL.stream().filter(config::isSet).toList();
    if (set.size() == MATERIAL.size()) {
      return new DevClusterCertificate(
          Path.of(config.get(Setting.EVENTBUS_TLS_CERT)), Path.of(config.get(Setting.EVENTBUS_TLS_KEY)), Path.of(config.get(Setting.EVENTBUS_TLS_CA)));
    }
    if (!set.isEmpty()) {
      throw new IllegalArgumentException(names() + " must be set together");
    }
    String host = config.get(Setting.EVENTBUS_HOST);
    if (!ClusterAddress.isLoopback(host)) {
      throw new IllegalArgumentException(
          names() + " are required: the event bus listens on " + host + ", which is not loopback, and only members may reach it");
    }
    Path dir = Path.of(config.get(Setting.DEV_TLS_DIR));
    DevClusterCertificate dev = DevClusterCertificate.ensure(dir);
    LOG.warn("Event bus: DEVELOPMENT TLS material (a throwaway CA in {}), because {} are not set. Only processes of this "
        + "machine that share that directory are members; set them for any other use.", dev.authority().getParent(), names());
    return dev;
  }

  private static String names() {
    return String.join(", ", MATERIAL.stream().map(Setting::env).toList());
  }
}
