/**
 * A schema built when it is first used, not when its module loads. The browser checks every answer
 * against these, and building the few hundred that a page imports cost tens of milliseconds of its
 * start-up (a phone's main thread, four times that), before the page could answer a tap. The value
 * stands for the schema itself: a Proxy that builds it on first use and forwards to it what zod
 * reads of a schema (its properties and methods, `in`, `instanceof`). It does not stand in for the
 * schema's own keys (`Object.keys`, a spread) or as a registry key: nothing here uses either.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let schema: T | undefined;
  const built = () => (schema ??= build());
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(built(), key),
    has: (_, key) => Reflect.has(built(), key),
    set: (_, key, value) => Reflect.set(built(), key, value),
    getPrototypeOf: () => Reflect.getPrototypeOf(built()),
  });
}
