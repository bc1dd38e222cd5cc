package com.degenduel.realtime.gateway.tls;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.KeyStoreOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * The files the gateway's key material comes from: a PEM certificate chain and its key, or a
 * keystore. They are read whole into memory and served from there, so what is checked is exactly
 * what is served, however the files change meanwhile. Blocking: call from a worker.
 */
public final class CertificateFiles {
  /** Reads until two in a row agree; more disagreeing reads mean something keeps rewriting the files. */
  private static final int MAX_READS = 5;

  private final List<Path> paths;
  private final Function<List<Buffer>, KeyCertOptions> fromContents;

  private CertificateFiles(List<Path> paths, Function<List<Buffer>, KeyCertOptions> fromContents) {
    this.paths = paths;
    this.fromContents = fromContents;
  }

  /** The files {@code configured} names: one certificate and one key path, or a keystore path. */
  public static CertificateFiles of(KeyCertOptions configured) {
    if (configured instanceof PemKeyCertOptions pem
        && pem.getCertPaths().size() == 1
        && pem.getKeyPaths().size() == 1
        && pem.getCertValues().isEmpty()
        && pem.getKeyValues().isEmpty()) {
      return new CertificateFiles(
          List.of(Path.of(pem.getCertPath()), Path.of(pem.getKeyPath())),
          contents -> new PemKeyCertOptions().setCertValue(contents.get(0)).setKeyValue(contents.get(1)));
    }
    if (configured instanceof KeyStoreOptions store && store.getPath() != null) {
      return new CertificateFiles(
          List.of(Path.of(store.getPath())), contents -> store.copy().setPath(null).setValue(contents.get(0)));
    }
    throw new IllegalArgumentException("key material that is not one PEM pair or one keystore file: " + configured.getClass().getSimpleName());
  }

  /** The paths, for logs. */
  public List<Path> paths() {
    return paths;
  }

  /**
   * What the files hold now. Kubernetes replaces a mounted Secret by swapping a symlink, and a
   * person may copy a certificate, then its key: a read that straddled such a change would pair
   * one file's old content with the other's new one, so the files are read again until two reads
   * agree.
   */
  public Contents read() throws IOException {
    Contents last = readOnce();
    for (int reads = 1; reads < MAX_READS; reads++) {
      Contents now = readOnce();
      if (now.digest().equals(last.digest())) {
        return now;
      }
      last = now;
    }
    throw new IOException("the files kept changing while they were read");
  }

  /**
   * The key material in {@code contents}, checked as it will be served.
   *
   * @throws KeyMaterial.Rejected when it does not parse or the key does not belong to the certificate
   */
  public KeyMaterial load(Contents contents, Vertx vertx) throws KeyMaterial.Rejected {
    return KeyMaterial.check(fromContents.apply(contents.files()), contents.digest(), vertx);
  }

  private Contents readOnce() throws IOException {
    MessageDigest sha256 = sha256();
    List<Buffer> files = new ArrayList<>(paths.size());
    for (Path path : paths) {
      byte[] bytes = Files.readAllBytes(path);
      // The length keeps two different splits of the same bytes between the files apart.
      sha256.update(Long.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
      sha256.update(bytes);
      files.add(Buffer.buffer(bytes));
    }
    return new Contents(List.copyOf(files), HexFormat.of().formatHex(sha256.digest()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The bytes of each file, in the order of {@link #paths()}, and a digest of them all. */
  public record Contents(List<Buffer> files, String digest) {}
}
