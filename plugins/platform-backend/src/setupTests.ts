export {};

// Suites run in parallel on 2 cores next to a simulated fleet; a busy
// machine can take longer than jest's default five seconds per test.
jest.setTimeout(30_000);
