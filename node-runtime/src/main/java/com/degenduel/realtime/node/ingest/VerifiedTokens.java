package com.degenduel.realtime.node.ingest;

import com.degenduel.realtime.node.auth.Identity;
import com.degenduel.realtime.node.auth.TokenVerifier;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The service tokens an ingestion API has verified lately, each until it expires or the keys
 * change (a key removed from the key set must stop the tokens it signed). A backend sends the same
 * token with every fact for its whole lifetime; verifying it once (signature and claims) instead of
 * on every request removes a JSON parse and a signature check from each fact. Confined to the API's
 * event loop.
 */
final class VerifiedTokens {
  private static final int REMEMBERED = 64;

  private final TokenVerifier verifier;
  private final Map<String, Verified> verified = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
      return size() > REMEMBERED;
    }
  };

  VerifiedTokens(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  Future<Identity> verify(String token) {
    Verified known = verified.get(token);
    long keys = verifier.keysVersion();
    if (known != null && known.keys() == keys && Instant.now().isBefore(known.identity().expiresAt())) {
      return Future.succeededFuture(known.identity());
    }
    verified.remove(token);
    return verifier.verify(token).onSuccess(identity -> verified.put(token, new Verified(identity, keys)));
  }

  private record Verified(Identity identity, long keys) {}
}
