/** A key that must never reach the browser; the e2e build is made with it in the environment. */
export const CANARY_KEY = "sk-paddock-canary-4b1d8e2f9a7c";
