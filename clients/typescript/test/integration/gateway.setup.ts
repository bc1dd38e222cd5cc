import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { JVM_FLAGS, LIB, mintToken, REFRESH_WALLET, TOKEN_EXPIRY_WARNING_SECONDS } from "./launcher.js";

/**
 * Starts the real backend (`Launcher up`: simulator, market, portfolio, contest and gateway in one
 * JVM, a single-node cluster on loopback) from the repository's target/lib on free ports, mints
 * real tokens with `Launcher token`, and hands both to the integration tests. The JVM is always
 * stopped afterwards.
 */

export interface Backend {
  url: string;
  caPem: string;
  wallet: string;
  /** Valid for an hour. */
  token: string;
  /** For REFRESH_WALLET, valid for an hour: the answer to a short-lived token's TOKEN_EXPIRING. */
  freshToken: string;
  /** The portfolio service's fact-ingestion API, and a service token for it. */
  portfolioIngest: string;
  serviceToken: string;
  /** What `up` printed after "demo page": the link that opens the demo page, or why there is none. */
  demoPage: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    backend: Backend;
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

function stop(java: ChildProcess): Promise<void> {
  if (java.exitCode !== null || java.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((done) => {
    const kill = setTimeout(() => java.kill("SIGKILL"), 20_000);
    java.once("exit", () => {
      clearTimeout(kill);
      done();
    });
    java.kill("SIGTERM");
  });
}

const STARTUP_TIMEOUT_MS = 90_000;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(LIB) || !readdirSync(LIB).some((f) => f.startsWith("gateway-verticle"))) {
    throw new Error(`${LIB} has no gateway jar: build the Java modules first (mvn -B package)`);
  }
  const ports = await Promise.all(Array.from({ length: 6 }, freePort));
  const [gateway, management, sim, portfolioIngest, contestIngest, cluster] = ports as [number, number, number, number, number, number];
  const tlsDir = mkdtempSync(join(tmpdir(), "dd-ts-client-"));
  const args = [
    "up",
    "--gateway-port", String(gateway),
    "--management-port", String(management),
    "--sim-http-port", String(sim),
    "--portfolio-ingest-port", String(portfolioIngest),
    "--contest-ingest-port", String(contestIngest),
    "--cluster-port", String(cluster),
    "--cluster-members", `127.0.0.1:${cluster}`,
    "--dev-tls-dir", tlsDir,
    "--token-expiry-warning-seconds", String(TOKEN_EXPIRY_WARNING_SECONDS),
    "--log-level", "WARN",
  ];
  const java = spawn("java", [...JVM_FLAGS, ...args], { cwd: tlsDir, stdio: ["ignore", "pipe", "pipe"] });
  const killOnExit = () => java.kill("SIGKILL");
  process.once("exit", killOnExit);
  const teardown = async () => {
    await stop(java);
    process.removeListener("exit", killOnExit);
    rmSync(tlsDir, { recursive: true, force: true });
  };

  // Minting needs no running backend (it only signs), so it overlaps the start-up.
  const wallet = "TsC1ient7xKXtg2CW87d97TXJSDpbD5jBkheTqA83";
  const tokens = Promise.all([
    mintToken(wallet, 3600),
    mintToken(REFRESH_WALLET, 3600),
    mintToken("degenduel-backend", 3600, "service"),
  ]);
  tokens.catch(() => {});
  let log = "";
  try {
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`backend not up within ${STARTUP_TIMEOUT_MS} ms:\n${log}`)), STARTUP_TIMEOUT_MS);
      java.stderr.on("data", (chunk: Buffer) => {
        log = (log + chunk.toString()).slice(-20_000);
      });
      java.stdout.on("data", (chunk: Buffer) => {
        log += chunk.toString();
        // The last line of what `up` prints once everything runs.
        if (log.includes("Ctrl-C stops everything")) {
          clearTimeout(timer);
          done();
        }
      });
      java.once("exit", (code) => {
        clearTimeout(timer);
        fail(new Error(`backend exited with ${code}:\n${log}`));
      });
    });
    const [token, freshToken, serviceToken] = await tokens;
    project.provide("backend", {
      url: `wss://localhost:${gateway}`,
      caPem: readFileSync(join(tlsDir, "dev-gateway.pem"), "utf8"),
      wallet,
      token,
      freshToken,
      portfolioIngest: `http://127.0.0.1:${portfolioIngest}`,
      serviceToken,
      demoPage: /^ {2}demo page.*: (.*)$/m.exec(log)?.[1] ?? `no demo page line in what up printed:\n${log}`,
    });
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
