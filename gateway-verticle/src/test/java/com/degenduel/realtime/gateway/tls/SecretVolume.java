package com.degenduel.realtime.gateway.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A directory laid out the way the kubelet mounts a Secret: the files live in a timestamped
 * directory, {@code ..data} links to it, and each file name links through {@code ..data}. An
 * update writes a new timestamped directory and swaps {@code ..data} in one rename, so a reader
 * sees every file old or every file new.
 */
final class SecretVolume {
  private final Path dir;
  private int version;

  SecretVolume(Path dir) {
    this.dir = dir;
  }

  Path file(String name) {
    return dir.resolve(name);
  }

  void publish(Map<String, byte[]> files) throws IOException {
    Path payload = dir.resolve("..2025_01_01_00_00_00." + ++version);
    Files.createDirectory(payload);
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Files.write(payload.resolve(file.getKey()), file.getValue());
    }
    Path next = dir.resolve("..data_tmp");
    Files.createSymbolicLink(next, payload.getFileName());
    Files.move(next, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    for (String name : files.keySet()) {
      if (!Files.exists(file(name), LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(file(name), Path.of("..data", name));
      }
    }
  }

  void publishPem(IssuedCertificate certificate, IssuedCertificate key) throws IOException {
    publish(Map.of("tls.crt", certificate.certPem(), "tls.key", key.keyPem()));
  }
}
