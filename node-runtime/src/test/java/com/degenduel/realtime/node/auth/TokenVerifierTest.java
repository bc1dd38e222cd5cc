package com.degenduel.realtime.node.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.degenduel.realtime.codec.error.ErrorCode;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real tokens against the real verifier. Tokens are assembled here byte by byte with the JDK's own
 * HMAC, RSA and ECDSA, independently of the library under test, so forged and malformed tokens are
 * exactly what the test says they are.
 */
class TokenVerifierTest {
  private static final String WALLET = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU";
  private static final String SECRET = Setting.JWT_SECRET.defaultValue();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private static Vertx vertx;
  private static TokenVerifier hs256;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    hs256 = TokenVerifier.create(vertx, NodeConfig.defaults().with(Setting.DEV_MODE, true));
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static long in(Duration d) {
    return Instant.now().plus(d).getEpochSecond();
  }

  private static JsonObject claims() {
    return new JsonObject()
        .put("sub", WALLET)
        .put("role", "user")
        .put("username", "alice")
        .put("iat", Instant.now().getEpochSecond())
        .put("exp", in(Duration.ofMinutes(10)));
  }

  @Nested
  class Hs256 {
    @Test
    void acceptsAGoodTokenAndReadsItsClaims() {
      long exp = in(Duration.ofMinutes(10));
      Identity identity = verify(hs256, hmac(claims().put("role", "admin").put("exp", exp), SECRET));

      assertThat(identity).isEqualTo(new Identity(WALLET, Role.ADMIN, "alice", Instant.ofEpochSecond(exp)));
    }

    @Test
    void acceptsWhatTheDevelopmentIssuerSigns() {
      String token = TokenIssuer.development(vertx, NodeConfig.defaults())
          .issue(WALLET, Role.SUPERADMIN, null, Duration.ofMinutes(5));

      Identity identity = verify(hs256, token);

      assertThat(identity.wallet()).isEqualTo(WALLET);
      assertThat(identity.role()).isEqualTo(Role.SUPERADMIN);
      assertThat(identity.username()).isNull();
      assertThat(identity.expiresAt()).isBetween(Instant.now().plusSeconds(290), Instant.now().plusSeconds(301));
    }

    @Test
    void missingTokenIsAuthMissing() {
      assertFailure(hs256, null, ErrorCode.AUTH_MISSING);
      assertFailure(hs256, "", ErrorCode.AUTH_MISSING);
      assertFailure(hs256, "   ", ErrorCode.AUTH_MISSING);
    }

    @Test
    void malformedTokenIsInvalid() {
      assertFailure(hs256, "not-a-token", ErrorCode.AUTH_INVALID);
      assertFailure(hs256, "a.b.c", ErrorCode.AUTH_INVALID);
      assertFailure(hs256, "a.b", ErrorCode.AUTH_INVALID);
      assertFailure(hs256, "...", ErrorCode.AUTH_INVALID);
      String good = hmac(claims(), SECRET);
      assertFailure(hs256, good.substring(0, good.lastIndexOf('.')), ErrorCode.AUTH_INVALID);
      assertFailure(hs256, "%%%." + good.substring(good.indexOf('.') + 1), ErrorCode.AUTH_INVALID);
    }

    @Test
    void oversizedTokenIsInvalid() {
      String huge = hmac(claims().put("padding", "x".repeat(5000)), SECRET);

      assertFailure(hs256, huge, ErrorCode.AUTH_INVALID);
    }

    @Test
    void tokenSignedWithAnotherSecretIsInvalid() {
      assertFailure(hs256, hmac(claims(), SECRET + "-but-not-quite"), ErrorCode.AUTH_INVALID);
    }

    @Test
    void tokenWhoseClaimsWereChangedAfterSigningIsInvalid() {
      String[] parts = hmac(claims(), SECRET).split("\\.");
      String forgedClaims = b64(claims().put("role", "superadmin").encode());

      assertFailure(hs256, parts[0] + "." + forgedClaims + "." + parts[2], ErrorCode.AUTH_INVALID);
    }

    @Test
    void algNoneIsRefusedWithOrWithoutASignature() {
      String payload = b64(claims().encode());
      for (String alg : new String[] {"none", "None", "NONE"}) {
        String header = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}");
        assertFailure(hs256, header + "." + payload + ".", ErrorCode.AUTH_INVALID);
        String realSignature = hmac(claims(), SECRET).split("\\.")[2];
        assertFailure(hs256, header + "." + payload + "." + realSignature, ErrorCode.AUTH_INVALID);
      }
      assertFailure(hs256, b64("{\"alg\":\"none\"}") + "." + payload + ".", ErrorCode.AUTH_INVALID);
    }

    @Test
    void expiredTokenIsAuthExpired() {
      assertFailure(hs256, hmac(claims().put("exp", in(Duration.ofMinutes(-1))), SECRET), ErrorCode.AUTH_EXPIRED);
    }

    @Test
    void tokenJustPastItsExpiryIsStillAcceptedWithinTheLeeway() {
      Identity identity = verify(hs256, hmac(claims().put("exp", in(Duration.ofSeconds(-2))), SECRET));

      assertThat(identity.wallet()).isEqualTo(WALLET);
    }

    @Test
    void tokenWithoutExpIsInvalid() {
      JsonObject noExp = claims();
      noExp.remove("exp");

      assertFailure(hs256, hmac(noExp, SECRET), ErrorCode.AUTH_INVALID);
    }

    @Test
    void tokenWithoutAUsableSubIsInvalid() {
      JsonObject noSub = claims();
      noSub.remove("sub");
      assertFailure(hs256, hmac(noSub, SECRET), ErrorCode.AUTH_INVALID);
      assertFailure(hs256, hmac(claims().put("sub", " "), SECRET), ErrorCode.AUTH_INVALID);
      assertFailure(hs256, hmac(claims().put("sub", 42), SECRET), ErrorCode.AUTH_INVALID);
    }

    @Test
    void tokenWithoutAKnownRoleIsInvalid() {
      JsonObject noRole = claims();
      noRole.remove("role");
      assertFailure(hs256, hmac(noRole, SECRET), ErrorCode.AUTH_INVALID);
      assertFailure(hs256, hmac(claims().put("role", "god"), SECRET), ErrorCode.AUTH_INVALID);
      assertFailure(hs256, hmac(claims().put("role", "ADMIN"), SECRET), ErrorCode.AUTH_INVALID);
      assertFailure(hs256, hmac(claims().put("role", new io.vertx.core.json.JsonArray().add("admin")), SECRET), ErrorCode.AUTH_INVALID);
    }

    @Test
    void usernameThatIsNotAStringIsInvalid() {
      assertFailure(hs256, hmac(claims().put("username", 7), SECRET), ErrorCode.AUTH_INVALID);
    }

    @Test
    void anRs256TokenFindsNoKeyWhenHs256IsConfigured() throws Exception {
      KeyPair rsa = generate("RSA", 2048);

      assertFailure(hs256, signed("RS256", "SHA256withRSA", rsa.getPrivate(), claims()), ErrorCode.AUTH_INVALID);
    }
  }

  @Nested
  class Rs256 {
    @TempDir Path dir;

    @Test
    void acceptsARealRs256TokenSignedWithThePrivateKey() throws Exception {
      KeyPair rsa = generate("RSA", 2048);
      TokenVerifier verifier = publicKeyVerifier("RS256", rsa.getPublic(), dir);

      Identity identity = verify(verifier, signed("RS256", "SHA256withRSA", rsa.getPrivate(), claims()));

      assertThat(identity.wallet()).isEqualTo(WALLET);
      assertThat(identity.role()).isEqualTo(Role.USER);
    }

    @Test
    void refusesATokenSignedWithAnotherRsaKey() throws Exception {
      KeyPair trusted = generate("RSA", 2048);
      KeyPair attacker = generate("RSA", 2048);
      TokenVerifier verifier = publicKeyVerifier("RS256", trusted.getPublic(), dir);

      assertFailure(verifier, signed("RS256", "SHA256withRSA", attacker.getPrivate(), claims()), ErrorCode.AUTH_INVALID);
    }

    @Test
    void algorithmConfusionHs256SignedWithThePublicKeyIsRefused() throws Exception {
      KeyPair rsa = generate("RSA", 2048);
      TokenVerifier verifier = publicKeyVerifier("RS256", rsa.getPublic(), dir);
      String pemText = Files.readString(dir.resolve("public.pem"));

      assertFailure(verifier, hmac(claims(), pemText), ErrorCode.AUTH_INVALID);
      assertFailure(verifier, hmac(claims(), new String(rsa.getPublic().getEncoded(), StandardCharsets.ISO_8859_1)), ErrorCode.AUTH_INVALID);
    }

    @Test
    void algNoneIsRefused() throws Exception {
      KeyPair rsa = generate("RSA", 2048);
      TokenVerifier verifier = publicKeyVerifier("RS256", rsa.getPublic(), dir);

      assertFailure(verifier, b64("{\"alg\":\"none\"}") + "." + b64(claims().encode()) + ".", ErrorCode.AUTH_INVALID);
    }

    @Test
    void expiredRs256TokenIsAuthExpired() throws Exception {
      KeyPair rsa = generate("RSA", 2048);
      TokenVerifier verifier = publicKeyVerifier("RS256", rsa.getPublic(), dir);

      assertFailure(
          verifier,
          signed("RS256", "SHA256withRSA", rsa.getPrivate(), claims().put("exp", in(Duration.ofHours(-1)))),
          ErrorCode.AUTH_EXPIRED);
    }
  }

  @Nested
  class Es256 {
    @TempDir Path dir;

    @Test
    void acceptsARealEs256TokenInJoseSignatureFormat() throws Exception {
      KeyPair ec = generateEc();
      TokenVerifier verifier = publicKeyVerifier("ES256", ec.getPublic(), dir);

      Identity identity = verify(verifier, signed("ES256", "SHA256withECDSA", ec.getPrivate(), claims()));

      assertThat(identity.wallet()).isEqualTo(WALLET);
      assertThat(identity.username()).isEqualTo("alice");
    }

    @Test
    void refusesATokenSignedWithAnotherEcKey() throws Exception {
      KeyPair trusted = generateEc();
      KeyPair attacker = generateEc();
      TokenVerifier verifier = publicKeyVerifier("ES256", trusted.getPublic(), dir);

      assertFailure(verifier, signed("ES256", "SHA256withECDSA", attacker.getPrivate(), claims()), ErrorCode.AUTH_INVALID);
    }

    @Test
    void algorithmConfusionHs256SignedWithThePublicKeyIsRefused() throws Exception {
      KeyPair ec = generateEc();
      TokenVerifier verifier = publicKeyVerifier("ES256", ec.getPublic(), dir);

      assertFailure(verifier, hmac(claims(), Files.readString(dir.resolve("public.pem"))), ErrorCode.AUTH_INVALID);
    }

    @Test
    void anRs256TokenIsRefusedWhenEs256IsConfigured() throws Exception {
      KeyPair ec = generateEc();
      KeyPair rsa = generate("RSA", 2048);
      TokenVerifier verifier = publicKeyVerifier("ES256", ec.getPublic(), dir);

      assertFailure(verifier, signed("RS256", "SHA256withRSA", rsa.getPrivate(), claims()), ErrorCode.AUTH_INVALID);
    }
  }

  @Nested
  class Configuration {
    @Test
    void unsupportedAlgorithmIsAConfigurationError() {
      assertThatThrownBy(() -> TokenVerifier.create(vertx, NodeConfig.defaults().with(Setting.JWT_ALGORITHM, "none")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("DD_JWT_ALGORITHM");
    }

    @Test
    void shortHs256SecretIsAConfigurationError() {
      assertThatThrownBy(() -> TokenVerifier.create(vertx, NodeConfig.defaults().with(Setting.JWT_SECRET, "short")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("DD_JWT_SECRET");
    }

    @Test
    void publicKeyAlgorithmWithoutAKeyIsAConfigurationError() {
      assertThatThrownBy(() -> TokenVerifier.create(vertx, NodeConfig.defaults().with(Setting.JWT_ALGORITHM, "RS256")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("DD_JWT_PUBLIC_KEY");
    }

    @Test
    void developmentIssuerRefusesToSignWhenAPublicKeyAlgorithmIsConfigured() {
      assertThatThrownBy(() -> TokenIssuer.development(vertx, NodeConfig.defaults().with(Setting.JWT_ALGORITHM, "RS256")))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> TokenIssuer.development(vertx, NodeConfig.defaults().with(Setting.JWT_JWKS, "/jwks.json")))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDevelopmentSecretIsRefusedOutsideDevelopmentModeInOneLine() {
      assertThatThrownBy(() -> TokenVerifier.create(vertx, NodeConfig.defaults()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("development secret")
          .hasMessageContaining("DD_DEV_MODE=true")
          .hasMessageNotContaining(SECRET)
          .hasMessageNotContaining("\n");
      assertThatThrownBy(() -> TokenVerifier.create(vertx, NodeConfig.defaults().with(Setting.DEV_MODE, false)))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecretOfItsOwnNeedsNoDevelopmentMode() {
      String secret = "a-secret-of-this-deployment-only-0123456789";
      TokenVerifier verifier = TokenVerifier.create(vertx, NodeConfig.defaults().with(Setting.JWT_SECRET, secret));

      assertThat(verify(verifier, hmac(claims(), secret)).wallet()).isEqualTo(WALLET);
      assertFailure(verifier, hmac(claims(), SECRET), ErrorCode.AUTH_INVALID);
    }
  }

  @Nested
  class IssuerAndAudience {
    private final NodeConfig config = NodeConfig.defaults()
        .with(Setting.DEV_MODE, true)
        .with(Setting.JWT_ISSUER, "https://id.degenduel.test/")
        .with(Setting.JWT_AUDIENCE, "degenduel-ws")
        .with(Setting.JWT_SERVICE_AUDIENCE, "degenduel-ingest");

    @Test
    void checkedWhenConfigured() {
      TokenVerifier verifier = TokenVerifier.create(vertx, config);
      JsonObject right = claims().put("iss", "https://id.degenduel.test/").put("aud", "degenduel-ws");

      assertThat(verify(verifier, hmac(right, SECRET)).wallet()).isEqualTo(WALLET);
      assertFailure(verifier, hmac(right.copy().put("iss", "https://id.degenduel.test"), SECRET), ErrorCode.AUTH_INVALID);
      assertFailure(verifier, hmac(right.copy().put("aud", "degenduel-ingest"), SECRET), ErrorCode.AUTH_INVALID);
      assertFailure(verifier, hmac(claims(), SECRET), ErrorCode.AUTH_INVALID);
      assertThat(verify(hs256, hmac(claims(), SECRET)).wallet()).as("not checked when not configured").isEqualTo(WALLET);
    }

    @Test
    void developmentTokensCarryTheConfiguredIssuerAndEachRolesAudience() {
      TokenIssuer issuer = TokenIssuer.development(vertx, config);
      TokenVerifier clients = TokenVerifier.create(vertx, config);
      TokenVerifier services = clients.forServiceTokens();
      String user = issuer.issue(WALLET, Role.USER, "alice", Duration.ofMinutes(5));
      String service = issuer.issue("Backend", Role.SERVICE, null, Duration.ofMinutes(5));

      assertThat(verify(clients, user).role()).isEqualTo(Role.USER);
      assertThat(verify(services, service).role()).isEqualTo(Role.SERVICE);
      assertFailure(services, user, ErrorCode.AUTH_INVALID);
      assertFailure(clients, service, ErrorCode.AUTH_INVALID);
    }

    @Test
    void theIssuerNamesWhatItIsToldTo() {
      String token = TokenIssuer.development(vertx, NodeConfig.defaults())
          .withIssuer("https://other.test/").withAudience("elsewhere").withKid("dev-1")
          .issue(WALLET, Role.USER, null, Duration.ofMinutes(5));
      String[] parts = token.split("\\.");
      JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
      JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));

      assertThat(header.getString("kid")).isEqualTo("dev-1");
      assertThat(header.getString("alg")).isEqualTo("HS256");
      assertThat(claims.getString("iss")).isEqualTo("https://other.test/");
      assertThat(claims.getString("aud")).isEqualTo("elsewhere");
      assertFailure(TokenVerifier.create(vertx, config), token, ErrorCode.AUTH_INVALID);
      assertThat(verify(hs256, token).wallet()).as("a kid names no other key when one secret verifies").isEqualTo(WALLET);
    }
  }

  private static TokenVerifier publicKeyVerifier(String alg, PublicKey key, Path dir) throws Exception {
    Path pem = dir.resolve("public.pem");
    Files.writeString(pem, pem("PUBLIC KEY", key.getEncoded()));
    return TokenVerifier.create(
        vertx, NodeConfig.defaults().with(Setting.JWT_ALGORITHM, alg).with(Setting.JWT_PUBLIC_KEY, pem));
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  private static KeyPair generate(String algorithm, int size) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    generator.initialize(size);
    return generator.generateKeyPair();
  }

  private static KeyPair generateEc() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static String b64(String text) {
    return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String hmac(JsonObject claims, String secret) {
    String input = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(claims.encode());
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String signed(String alg, String jcaAlgorithm, PrivateKey key, JsonObject claims)
      throws GeneralSecurityException {
    String input = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + b64(claims.encode());
    Signature signature = Signature.getInstance(jcaAlgorithm);
    signature.initSign(key);
    signature.update(input.getBytes(StandardCharsets.US_ASCII));
    byte[] sig = signature.sign();
    if (alg.equals("ES256")) {
      sig = derToJose(sig, 32);
    }
    return input + "." + B64.encodeToString(sig);
  }

  /** RFC 7515 wants ECDSA signatures as the fixed-width concatenation R || S, not the JDK's DER. */
  private static byte[] derToJose(byte[] der, int width) {
    int offset = der[1] == (byte) 0x81 ? 3 : 2;
    int rLength = der[offset + 1];
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(der, offset + 2, offset + 2 + rLength));
    int sStart = offset + 2 + rLength;
    int sLength = der[sStart + 1];
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(der, sStart + 2, sStart + 2 + sLength));
    byte[] jose = new byte[2 * width];
    copyRight(r.toByteArray(), jose, 0, width);
    copyRight(s.toByteArray(), jose, width, width);
    return jose;
  }

  private static void copyRight(byte[] value, byte[] target, int start, int width) {
    int length = Math.min(value.length, width);
    System.arraycopy(value, value.length - length, target, start + width - length, length);
  }

  private static Identity verify(TokenVerifier verifier, String token) {
    try {
      return verifier.verify(token).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("token was refused", e);
    }
  }

  private static void assertFailure(TokenVerifier verifier, String token, ErrorCode expected) {
    Future<Identity> result = verifier.verify(token);
    Throwable failure;
    try {
      result.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new AssertionError("token was accepted but should fail with " + expected);
    } catch (ExecutionException e) {
      failure = e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(failure).isInstanceOf(AuthFailure.class);
    assertThat(((AuthFailure) failure).code()).isEqualTo(expected);
    if (token != null && token.length() > 3) {
      assertThat(failure.getMessage()).doesNotContain(token);
    }
  }
}
