/**
 * A flag server.ts raises on the process for route code to read: Next bundles its own copies of
 * Paddock's modules, so a module's variable is not shared with server.ts, but `globalThis` is.
 * Raised once, never lowered (tests clear them with the rest of Paddock's globals).
 */
export function processFlag(name: string) {
  const key = Symbol.for(`paddock.${name}`);
  const holder = globalThis as Record<symbol, boolean | undefined>;
  return {
    raise: () => {
      holder[key] = true;
    },
    isRaised: () => holder[key] === true,
  };
}
