/**
 * Sign-in throttling, per account (five free failures) and per address (twenty), then each
 * further failure doubles the wait (2 s, 4 s, ... up to 15 minutes). Kept in memory: one server
 * owns the data folder, and a restart forgetting the counters is acceptable.
 */
const FREE_FAILURES = 5;
// Many people can share one address (an office behind one gateway), so an address gets more room.
const ADDRESS_FREE_FAILURES = 20;
const BASE_MS = 2000;
const MAX_MS = 15 * 60 * 1000;
const FORGET_MS = 60 * 60 * 1000;

interface Entry {
  failures: number;
  lockedUntil: number;
  last: number;
}

export class Throttle {
  readonly #entries = new Map<string, Entry>();

  readonly now: () => number;
  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** Milliseconds to wait before `key` may try again; 0 when it may try now. */
  retryAfter(key: string): number {
    const entry = this.#entries.get(key);
    if (!entry) return 0;
    if (this.now() - entry.last > FORGET_MS) {
      this.#entries.delete(key);
      return 0;
    }
    return Math.max(0, entry.lockedUntil - this.now());
  }

  fail(key: string): void {
    const entry = this.#entries.get(key) ?? { failures: 0, lockedUntil: 0, last: 0 };
    entry.failures += 1;
    entry.last = this.now();
    const free = key.startsWith('address:') ? ADDRESS_FREE_FAILURES : FREE_FAILURES;
    if (entry.failures >= free) entry.lockedUntil = this.now() + Math.min(MAX_MS, BASE_MS * 2 ** (entry.failures - free));
    this.#entries.set(key, entry);
    if (this.#entries.size > 50_000) this.#prune();
  }

  succeed(key: string): void {
    this.#entries.delete(key);
  }

  #prune(): void {
    const cutoff = this.now() - FORGET_MS;
    for (const [key, entry] of this.#entries) if (entry.last < cutoff) this.#entries.delete(key);
  }
}

const KEY = Symbol.for('fairplay.signInThrottle');
/** The process-wide sign-in throttle. */
export function signInThrottle(): Throttle {
  const holder = globalThis as { [KEY]?: Throttle };
  holder[KEY] ??= new Throttle();
  return holder[KEY];
}
