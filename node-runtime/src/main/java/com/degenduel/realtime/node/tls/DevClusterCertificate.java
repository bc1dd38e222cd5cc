package com.degenduel.realtime.node.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Event-bus TLS material for development: a throwaway CA and one member certificate it signed, as
 * the PEM files the event-bus settings name (certificate, PKCS#8 key, CA bundle). Every process
 * started with the same directory shares them, so the members of one machine trust each other and
 * nothing else does; the CA's private key is not kept. Made with the JDK's keytool, so no key
 * material is in the repository. Blocking: call it before Vert.x starts or from a worker.
 */
public record DevClusterCertificate(Path certificate, Path key, Path authority) {
  private static final String PASSWORD = "degenduel-dev";

  /**
   * Reuses the material in {@code dir}/cluster if it is there, otherwise creates it. Processes that
   * start together may race to create it: each makes its own in a scratch directory and renames it
   * into place, the first rename wins and the others use the winner's.
   */
  public static DevClusterCertificate ensure(Path dir) {
    Path home = dir.resolve("cluster");
    DevClusterCertificate material = in(home);
    if (material.complete()) {
      return material;
    }
    // Renamed into place whole, so a directory there that is incomplete was not made by this class.
    if (Files.exists(home) && !material.complete()) {
      throw new IllegalStateException(home + " holds incomplete development cluster material; delete it to have it made again");
    }
    Path scratch = null;
    try {
      Files.createDirectories(dir);
      scratch = Files.createTempDirectory(dir, "cluster-");
      create(scratch);
      try {
        Files.move(scratch, home, StandardCopyOption.ATOMIC_MOVE);
        scratch = null;
      } catch (IOException lostTheRace) {
        if (!material.complete()) {
          throw lostTheRace;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the development cluster certificate in " + home, e);
    } finally {
      deleteQuietly(scratch);
    }
    return material;
  }

  private static DevClusterCertificate in(Path home) {
    return new DevClusterCertificate(home.resolve("member.pem"), home.resolve("member-key.pem"), home.resolve("ca.pem"));
  }

  private boolean complete() {
    return Files.isRegularFile(certificate) && Files.isRegularFile(key) && Files.isRegularFile(authority);
  }

  /** Two keytool runs (the CA, then the member's key pair signed by it); the PEM files are written from the keystore. */
  private static void create(Path scratch) throws IOException {
    DevClusterCertificate target = in(scratch);
    Path store = scratch.resolve("cluster.p12");
    keytool(store, "-alias", "ca", "-dname", "CN=DegenDuel development cluster CA", "-ext", "bc:c",
        "-ext", "KU=keyCertSign,cRLSign");
    keytool(store, "-alias", "member", "-dname", "CN=degenduel-dev-member", "-signer", "ca", "-signerkeypass", PASSWORD,
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "KU=digitalSignature", "-ext", "EKU=serverAuth,clientAuth");
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keystore = KeyStore.getInstance("PKCS12");
      keystore.load(in, PASSWORD.toCharArray());
      Certificate[] chain = keystore.getCertificateChain("member");
      Files.writeString(target.certificate(), pem("CERTIFICATE", chain[0].getEncoded()));
      Files.writeString(target.authority(), pem("CERTIFICATE", chain[1].getEncoded()));
      Files.writeString(target.key(), pem("PRIVATE KEY", keystore.getKey("member", PASSWORD.toCharArray()).getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IOException("could not read the development cluster keystore " + store, e);
    }
    if (target.key().getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(target.key(), PosixFilePermissions.fromString("rw-------"));
    }
    // The CA's private key goes with the keystore: nothing can sign another member.
    Files.delete(store);
  }

  private static void keytool(Path keystore, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1",
        "-sigalg", "SHA256withECDSA", "-validity", "365", "-keystore", keystore.toString(), "-storetype", "PKCS12",
        "-storepass", PASSWORD, "-keypass", PASSWORD));
    command.addAll(List.of(args));
    Keytool.run(command.toArray(String[]::new));
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // scratch left behind in the development directory: harmless
    }
  }
}
