import { type Simulator, startSimulator } from "@/lib/simulator/server";

import { type PaddockServer, startPaddock } from "./paddock-server";

/** Paddock in live mode against its own simulator, as a deployment runs against a gateway. */
export interface LiveServer {
  sim: Simulator;
  server: PaddockServer;
  stop(): Promise<void>;
}

export async function startLiveServer(key: string, env: Record<string, string> = {}): Promise<LiveServer> {
  const sim = await startSimulator({ apiKey: key });
  const server = await startPaddock({ HAPPYHORSE_API_KEY: key, HAPPYHORSE_BASE_URL: sim.url, ...env });
  return {
    sim,
    server,
    async stop() {
      await server.stop();
      await sim.stop();
    },
  };
}
