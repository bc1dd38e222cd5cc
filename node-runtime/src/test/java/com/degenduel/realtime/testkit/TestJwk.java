package com.degenduel.realtime.testkit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * A signing key pair as an identity provider holds one: its private half signs tokens (with the
 * JDK's own RSA and ECDSA, independently of the library under test), its public half goes into a
 * JSON Web Key Set under its {@code kid}.
 */
public record TestJwk(String kid, String alg, KeyPair pair) {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  public static TestJwk rsa(String kid) {
    return new TestJwk(kid, "RS256", generate("RSA", null));
  }

  public static TestJwk ec(String kid) {
    return new TestJwk(kid, "ES256", generate("EC", new ECGenParameterSpec("secp256r1")));
  }

  private static KeyPair generate(String type, ECGenParameterSpec curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
      if (curve != null) {
        generator.initialize(curve);
      } else {
        generator.initialize(2048);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public key as a JWK (RFC 7518, section 6), with kid, alg and use. */
  public JsonObject jwk() {
    JsonObject jwk = new JsonObject().put("kid", kid).put("alg", alg).put("use", "sig");
    if (pair.getPublic() instanceof RSAPublicKey rsa) {
      return jwk.put("kty", "RSA").put("n", unsigned(rsa.getModulus(), 0)).put("e", unsigned(rsa.getPublicExponent(), 0));
    }
    ECPublicKey ec = (ECPublicKey) pair.getPublic();
    return jwk.put("kty", "EC").put("crv", "P-256")
        .put("x", unsigned(ec.getW().getAffineX(), 32)).put("y", unsigned(ec.getW().getAffineY(), 32));
  }

  /** A key set of these keys' public halves, as JSON text. */
  public static String set(TestJwk... keys) {
    JsonArray array = new JsonArray();
    Arrays.stream(keys).forEach(k -> array.add(k.jwk()));
    return new JsonObject().put("keys", array).encodePrettily();
  }

  /**
   * Rewrites the key set file in place. A reader may catch it half written; such a read is no key
   * set, and the verifier keeps the keys it had until its next read.
   */
  public static void publish(Path file, TestJwk... keys) {
    try {
      Files.writeString(file, set(keys));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A token with these claims, signed with the private key, naming this key's kid. */
  public String sign(JsonObject claims) {
    return signAs(alg, kid, claims);
  }

  /** A token signed with this key, its header saying {@code headerAlg} and {@code headerKid}. */
  public String signAs(String headerAlg, String headerKid, JsonObject claims) {
    JsonObject header = new JsonObject().put("alg", headerAlg).put("typ", "JWT");
    if (headerKid != null) {
      header.put("kid", headerKid);
    }
    String input = b64(header.encode()) + "." + b64(claims.encode());
    try {
      // P1363 is the fixed-width R || S that JWS wants, rather than the JDK's default DER.
      Signature signature = Signature.getInstance(alg.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
      signature.initSign(pair.getPrivate());
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + B64.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(String text) {
    return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String unsigned(BigInteger value, int width) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    if (bytes.length < width) {
      byte[] padded = new byte[width];
      System.arraycopy(bytes, 0, padded, width - bytes.length, bytes.length);
      bytes = padded;
    }
    return B64.encodeToString(bytes);
  }
}
