package com.degenduel.realtime.node.auth;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON Web Key Set (RFC 7517) as an identity provider publishes it, reduced to what verifies
 * tokens: the signature keys of the RSA and EC algorithms, each with its {@code kid}. Symmetric
 * ({@code oct}) keys are never taken from a key set, so an HS256 token finds no key here; keys for
 * encryption, of other types or without a kid are left out.
 */
final class JwkSet {
  private static final Set<String> RSA_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512");
  private static final Set<String> EC_ALGORITHMS = Set.of("ES256", "ES384", "ES512");
  private static final Map<String, String> EC_CURVES = Map.of("P-256", "ES256", "P-384", "ES384", "P-521", "ES512");

  private JwkSet() {}

  /** The verifier of the set's usable keys; fails when the text is no key set or holds none. */
  static TokenKeys.Loaded parse(Vertx vertx, Buffer text) {
    JsonArray keys;
    try {
      Object set = text.toJsonValue();
      keys = set instanceof JsonObject object && object.getValue("keys") instanceof JsonArray array ? array : null;
    } catch (DecodeException e) {
      keys = null;
    }
    if (keys == null) {
      throw new IllegalArgumentException("the key set is not a JSON object with a \"keys\" array");
    }
    List<JsonObject> usable = new ArrayList<>();
    List<String> kids = new ArrayList<>();
    for (Object key : keys) {
      JsonObject signing = key instanceof JsonObject jwk ? withAlgorithm(jwk) : null;
      if (signing != null) {
        usable.add(signing);
        kids.add(signing.getString("kid"));
      }
    }
    if (usable.isEmpty()) {
      throw new IllegalArgumentException("the key set holds no RSA or EC signature key with a kid");
    }
    // Expiry is checked by TokenVerifier itself so that it can tell "expired" from "invalid".
    JWTAuthOptions options = new JWTAuthOptions().setJwks(usable).setJWTOptions(new JWTOptions().setIgnoreExpiration(true));
    return new TokenKeys.Loaded(JWTAuth.create(vertx, options), "kids " + kids);
  }

  /**
   * The key with its algorithm stated, or null when it does not verify signatures here. A key set
   * may leave {@code alg} out; the key type (and an EC key's curve) then says which it is.
   */
  private static JsonObject withAlgorithm(JsonObject jwk) {
    if (!(jwk.getValue("kid") instanceof String kid) || kid.isBlank()) {
      return null;
    }
    Object use = jwk.getValue("use");
    if (use != null && !"sig".equals(use)) {
      return null;
    }
    Object kty = jwk.getValue("kty");
    Object stated = jwk.getValue("alg");
    String algorithm;
    Set<String> allowed;
    if ("RSA".equals(kty)) {
      algorithm = stated == null ? "RS256" : String.valueOf(stated);
      allowed = RSA_ALGORITHMS;
    } else if ("EC".equals(kty)) {
      algorithm = stated == null ? EC_CURVES.get(String.valueOf(jwk.getValue("crv"))) : String.valueOf(stated);
      allowed = EC_ALGORITHMS;
    } else {
      return null;
    }
    // Set.of refuses to be asked about null: an EC key of an unknown curve has no algorithm.
    return algorithm != null && allowed.contains(algorithm) ? jwk.copy().put("alg", algorithm) : null;
  }
}
