package com.degenduel.realtime.gateway.tls;

import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.KeyStoreOptionsBase;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * Key material that parsed, and whose every private key belongs to its certificate: what a
 * listener may be handed. {@code digest} identifies the file contents it was read from.
 */
public record KeyMaterial(KeyCertOptions keyCert, String digest, X509Certificate certificate) {
  private static final byte[] CHALLENGE = "degenduel key-pair check".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_REASON_LENGTH = 200;

  /**
   * Parses {@code keyCert} the way the listener will and proves each key with a signature its
   * certificate verifies. A mismatched pair would otherwise be accepted here and fail every
   * handshake later.
   */
  static KeyMaterial check(KeyCertOptions keyCert, String digest, Vertx vertx) throws Rejected {
    KeyStore store;
    X509KeyManager keys;
    try {
      store = keyStoreOf(keyCert, vertx);
      keys = x509(keyCert.getKeyManagerFactory(vertx).getKeyManagers());
    } catch (Exception e) {
      throw new Rejected("does not parse: " + reason(e));
    }
    X509Certificate served = null;
    for (String keyType : keyTypes(store)) {
      String[] aliases = keys.getServerAliases(keyType, null);
      for (String alias : aliases == null ? new String[0] : aliases) {
        X509Certificate[] chain = keys.getCertificateChain(alias);
        if (chain == null || chain.length == 0) {
          throw new Rejected("a private key has no certificate");
        }
        requireBelongs(keys.getPrivateKey(alias), chain[0]);
        if (served == null) {
          served = chain[0];
        }
      }
    }
    if (served == null) {
      throw new Rejected("no private key with a certificate");
    }
    return new KeyMaterial(keyCert, digest, served);
  }

  private static KeyStore keyStoreOf(KeyCertOptions keyCert, Vertx vertx) throws Exception {
    if (keyCert instanceof PemKeyCertOptions pem) {
      return pem.loadKeyStore(vertx);
    }
    if (keyCert instanceof KeyStoreOptionsBase store) {
      return store.loadKeyStore(vertx);
    }
    throw new IllegalArgumentException(keyCert.getClass().getSimpleName() + " is neither PEM nor a keystore");
  }

  private static X509KeyManager x509(KeyManager[] managers) throws Rejected {
    for (KeyManager manager : managers) {
      if (manager instanceof X509KeyManager x509) {
        return x509;
      }
    }
    throw new Rejected("no X.509 key manager");
  }

  /** The public-key algorithms of the certificates that have a key: the key types a key manager is asked for. */
  private static Set<String> keyTypes(KeyStore store) throws Rejected {
    Set<String> types = new LinkedHashSet<>();
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate certificate) {
          types.add(certificate.getPublicKey().getAlgorithm());
        }
      }
    } catch (GeneralSecurityException e) {
      throw new Rejected("does not parse: " + reason(e));
    }
    return types;
  }

  private static void requireBelongs(PrivateKey key, X509Certificate certificate) throws Rejected {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
          default -> throw new Rejected("a " + key.getAlgorithm() + " key cannot be checked against its certificate");
        };
    boolean belongs;
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(CHALLENGE);
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(CHALLENGE);
      belongs = verifier.verify(signer.sign());
    } catch (GeneralSecurityException e) {
      belongs = false;
    }
    if (!belongs) {
      throw new Rejected("the private key does not belong to the certificate " + certificate.getSubjectX500Principal().getName());
    }
  }

  /** The failure's kind and message, which name what is wrong without quoting the files. */
  private static String reason(Exception e) {
    String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return message.length() <= MAX_REASON_LENGTH ? message : message.substring(0, MAX_REASON_LENGTH) + "...";
  }

  /** Key material that must not be served; the message says why and carries none of it. */
  public static final class Rejected extends Exception {
    Rejected(String reason) {
      super(reason);
    }
  }
}
