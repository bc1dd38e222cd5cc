import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** How the tests run the repository's Java launcher, as ./degenduel-ws does, from target/lib. */

export const REPO = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../..");
export const LIB = join(REPO, "target", "lib");
/** The backend is started with this TOKEN_EXPIRY_WARNING_SECONDS, so a token a little longer-lived gets TOKEN_EXPIRING at once. */
export const TOKEN_EXPIRY_WARNING_SECONDS = 30;
export const REFRESH_WALLET = "TsC1ientRefresh7xKXtg2CW87d97TXJSDpbD5jB";
// Hazelcast's recommended module flags for Java 17, as in ./degenduel-ws.
export const JVM_FLAGS = [
  "--add-modules",
  "java.se",
  "--add-exports",
  "java.base/jdk.internal.ref=ALL-UNNAMED",
  "--add-opens",
  "java.base/java.lang=ALL-UNNAMED",
  "--add-opens",
  "java.base/sun.nio.ch=ALL-UNNAMED",
  "--add-opens",
  "java.management/sun.management=ALL-UNNAMED",
  "--add-opens",
  "jdk.management/com.sun.management.internal=ALL-UNNAMED",
  "-Dhazelcast.phone.home.enabled=false",
  "-Dhazelcast.logging.type=slf4j",
  "-Xmx512m",
  "-cp",
  `${LIB}/*`,
  "com.degenduel.realtime.node.launch.Launcher",
];

/** A real development token from `Launcher token` (signed with the secret the backend verifies with). */
export function mintToken(wallet: string, ttlSeconds: number, role = "user"): Promise<string> {
  return new Promise((done, fail) => {
    execFile(
      "java",
      [...JVM_FLAGS, "token", "--wallet", wallet, "--role", role, "--ttl", String(ttlSeconds)],
      { timeout: 60_000 },
      (error, stdout, stderr) => (error ? fail(new Error(`token: ${error.message}\n${stderr}`)) : done(stdout.trim())),
    );
  });
}

