package com.degenduel.realtime.gateway.tls;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.degenduel.realtime.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.KeyCertOptions;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotates the gateway's certificate without a restart. Every interval it reads the key material's
 * files on a worker; when they hold something new that parses and whose keys match their
 * certificates, it hands that to every listener, which serves it to new connections while open
 * ones keep the certificate they were handshaken with. Files that cannot be served are logged and
 * counted once, and the certificate in service stays until the files change again.
 */
public final class CertificateReloader extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);
  private static final String UNREADABLE = "unreadable: ";

  private final CertificateFiles files;
  private final Duration interval;
  private final Function<KeyCertOptions, Future<?>> listeners;
  /** Digest of the contents in service. */
  private String serving;
  /** What was last counted as a failure (a digest, or why the files could not be read), so it is counted once. */
  private String refused;
  private GatewayMetrics metrics;
  private boolean stopped;

  /**
   * @param serving what the listeners were started with
   * @param listeners hands new key material to every listener; fails if any could not take it
   */
  public CertificateReloader(
      CertificateFiles files, KeyMaterial serving, Duration interval, Function<KeyCertOptions, Future<?>> listeners) {
    this.files = files;
    this.serving = serving.digest();
    this.interval = interval;
    this.listeners = listeners;
  }

  @Override
  public Future<?> start() {
    metrics = GatewayMetrics.of(vertx);
    LOG.info("reading {} for a new TLS certificate every {} ms", files.paths(), interval.toMillis());
    scheduleNextRead();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    return Future.succeededFuture();
  }

  private void scheduleNextRead() {
    if (!stopped) {
      vertx.setTimer(interval.toMillis(), t -> read());
    }
  }

  private void read() {
    vertx
        .executeBlocking(files::read)
        .onComplete(
            read -> {
              if (read.failed()) {
                String reason = read.cause().getClass().getSimpleName() + ": " + read.cause().getMessage();
                refuse(UNREADABLE + reason, reason);
                scheduleNextRead();
                return;
              }
              CertificateFiles.Contents contents = read.result();
              if (refused != null && refused.startsWith(UNREADABLE)) {
                refused = null;
              }
              if (contents.digest().equals(serving) || contents.digest().equals(refused)) {
                scheduleNextRead();
                return;
              }
              vertx
                  .executeBlocking(() -> files.load(contents, vertx))
                  .compose(material -> listeners.apply(material.keyCert()).map(material))
                  .onComplete(
                      served -> {
                        if (served.succeeded()) {
                          reloaded(served.result());
                        } else {
                          refuse(contents.digest(), served.cause().getMessage());
                        }
                        scheduleNextRead();
                      });
            });
  }

  private void reloaded(KeyMaterial material) {
    serving = material.digest();
    refused = null;
    metrics.tlsReload(true);
    LOG.info(
        "TLS certificate reloaded {} {} {} {}",
        kv("event", "tls_reloaded"),
        kv("subject", material.certificate().getSubjectX500Principal().getName()),
        kv("serial", material.certificate().getSerialNumber().toString(16)),
        kv("not_after", material.certificate().getNotAfter().toInstant().toString()));
  }

  private void refuse(String what, String reason) {
    if (what.equals(refused)) {
      return;
    }
    refused = what;
    metrics.tlsReload(false);
    LOG.warn(
        "TLS certificate not reloaded, the one in service stays {} {} {}",
        kv("event", "tls_reload_failed"), kv("files", files.paths().toString()), kv("reason", reason));
  }
}
