/**
 * `npm run build`'s last step: the Brotli copies of the build's scripts and styles, which server.ts
 * serves from memory (see lib/server/http/compression.ts). Takes a few seconds, once per build.
 */

import { BUILD_STATIC_DIR, precompressStatic } from "./compression";

const started = performance.now();
const written = await precompressStatic(BUILD_STATIC_DIR);
console.info(
  `Paddock: ${written} Brotli copies of the build's scripts and styles in ${Math.round(performance.now() - started)} ms.`,
);
