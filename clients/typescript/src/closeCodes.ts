/**
 * WebSocket close codes and what a client does after each; the same table as protocol/asyncapi.yaml
 * (x-close-codes) and the gateway's CloseCode.
 */

/** Close codes after which reconnecting with the same request and token fails the same way. */
export const DO_NOT_RETRY_CLOSE_CODES: ReadonlySet<number> = new Set([
  1003, // UNSUPPORTED_DATA
  1007, // INVALID_PAYLOAD
  1008, // POLICY_VIOLATION
  1009, // MESSAGE_TOO_BIG
  4001, // UNAUTHORIZED: a fresh token is needed first
  4003, // FORBIDDEN
  4004, // NOT_FOUND
]);

/**
 * Whether to reconnect after the server (or the network) closed the socket with `code`.
 * Everything not listed as "do not retry" is retried, including 1006 (connection lost, no close
 * frame) and 1000: the gateway never closes with 1000 itself, so a 1000 comes from something in
 * between (a proxy or load balancer) and the stream is still wanted.
 */
export function shouldRetry(code: number): boolean {
  return !DO_NOT_RETRY_CLOSE_CODES.has(code);
}
