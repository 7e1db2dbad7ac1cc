/**
 * Test fixtures: profiles built directly (no argon2), so tests can create hundreds of people fast.
 * Plain TypeScript that Node runs by type stripping: used by vitest and by the child scripts.
 */
import type { Profile } from '../../src/server/store/schema.ts';

/** A syntactically plausible argon2id hash; nothing verifies it in these tests. */
export const FIXED_HASH = '$argon2id$v=19$m=19456,t=2,p=1$Zml4ZWQtc2FsdC0xMjM0$3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

const AT = '2025-01-06T09:00:00.000Z';

export function testProfile(n: number, overrides: Partial<Profile> = {}): Profile {
  return {
    id: `p${n}`,
    email: `person${n}@example.com`,
    name: `Person ${n}`,
    role: 'rep',
    team: null,
    manages: [],
    active: true,
    passwordHash: FIXED_HASH,
    mustChangePassword: false,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}
