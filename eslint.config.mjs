import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import simpleImportSort from "eslint-plugin-simple-import-sort";

/**
 * Which way imports go, enforced: the browser's code never reaches the server's, shared logic
 * stays free of both, and the wire module (lib/happyhorse) knows nothing above it.
 */
const SERVER = "./lib/server";
const SHARED = ["./lib/tasks", "./lib/usage", "./lib/api", "./lib/api-client", "./lib/security"];
const UI = ["./app", "./components"];

const importZones = [
  {
    target: "./components",
    from: SERVER,
    message: "Components run in the browser: get server data through props or the API.",
  },
  ...SHARED.map((target) => ({
    target,
    from: SERVER,
    message: "Shared modules run on both sides: they cannot import lib/server.",
  })),
  {
    target: "./lib/happyhorse",
    from: [SERVER, ...SHARED, ...UI, "./lib/simulator"],
    message: "The wire module imports nothing above it.",
  },
  { target: "./lib", from: UI, message: "Logic never imports the UI." },
];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    plugins: { "simple-import-sort": simpleImportSort },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "import/no-restricted-paths": ["error", { zones: importZones }],
      "simple-import-sort/imports": "error",
      "simple-import-sort/exports": "error",
    },
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
    },
  },
  {
    // Code that can run in the browser formats with lib/format and lib/tasks/format-time, never Intl:
    // a page's first Intl call loads the locale data in one long main-thread task, and the viewer's
    // locale would write other digits than the server's HTML did.
    files: ["app/**/*.tsx", "components/**", "lib/**"],
    ignores: ["lib/server/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        ...[
          "toLocaleString",
          "toLocaleDateString",
          "toLocaleTimeString",
          "toLocaleUpperCase",
          "toLocaleLowerCase",
          "localeCompare",
        ].map((property) => ({
          property,
          message: "Use formatNumber/formatMoney (lib/format/number) or formatLocalTime: no Intl in the browser.",
        })),
        { object: "Intl", message: "No Intl in code the browser runs: see lib/format/number.ts." },
      ],
    },
  },
  {
    // Playwright fixtures call their callback `use`, which is not React's hook.
    files: ["test/e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  { ignores: [".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];

export default config;
