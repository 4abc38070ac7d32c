/**
 * `npm run simulator`: the demo's gateway on its own, for trying a deployment (several instances,
 * a separate watcher) without a real key. It answers `GET /v1/video/generations/{id}` for any
 * well-formed id, as the demo does, with the key given in SIMULATOR_API_KEY.
 */
import { startSimulator } from "@/lib/simulator/server";

const port = Number(process.env.SIMULATOR_PORT ?? 3100);
const timeScale = Number(process.env.SIMULATOR_TIME_SCALE ?? 1);
const apiKey = process.env.SIMULATOR_API_KEY ?? "";

if (apiKey.length < 8 || !Number.isInteger(port) || !(timeScale > 0)) {
  console.error(
    "Usage: SIMULATOR_API_KEY=<8+ characters> [SIMULATOR_PORT=3100] [SIMULATOR_TIME_SCALE=1] npm run simulator",
  );
  process.exit(1);
}

const sim = await startSimulator({ apiKey, port, timeScale });
console.info(`The simulated gateway listens on ${sim.url} (127.0.0.1 only).`);
console.info(`Point Paddock at it with HAPPYHORSE_BASE_URL=${sim.url} and HAPPYHORSE_API_KEY set to the same key.`);
const stop = () => void sim.stop().then(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
