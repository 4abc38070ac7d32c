// Stands in for the "server-only" marker under Vitest, which runs server modules outside Next.
export {};
