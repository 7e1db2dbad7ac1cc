/**
 * Ports of the test servers, away from the default 4321 so a running portal does not clash;
 * FAIRPLAY_TEST_PORT lets two test runs share a machine.
 */
const base = Number(process.env.FAIRPLAY_TEST_PORT) || 4611;
export const PORTS = { seeded: base, empty: base + 1 } as const;
export const TEST_PASSWORD = 'Practice-makes-9';
