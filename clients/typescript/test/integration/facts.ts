import { expect, inject } from "vitest";

/** Reports a buy for the test wallet over the portfolio service's real ingestion API. */
export async function reportTrade(tradeId: string): Promise<void> {
  const backend = inject("backend");
  const response = await fetch(`${backend.portfolioIngest}/facts/trades`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${backend.serviceToken}` },
    body: JSON.stringify({
      trade_id: tradeId,
      wallet_address: backend.wallet,
      symbol: "BTC",
      side: "buy",
      amount: 0.001,
      price: 65000,
      timestamp: new Date().toISOString(),
    }),
  });
  expect(response.status, await response.text()).toBe(200);
}
