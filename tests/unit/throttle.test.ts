import { describe, expect, test } from 'vitest';
import { signInThrottle, Throttle } from '../../src/server/auth/throttle.ts';

/** A throttle on a clock the test moves by hand. */
function setup() {
  let now = 1_750_000_000_000;
  const throttle = new Throttle(() => now);
  const advance = (ms: number) => {
    now += ms;
  };
  /** One sign-in attempt: refused (the wait in ms) if throttled, else a failure is recorded. */
  const failedAttempt = (key: string) => {
    const wait = throttle.retryAfter(key);
    if (wait > 0) return wait;
    throttle.fail(key);
    return 0;
  };
  return { throttle, advance, failedAttempt };
}
const MINUTE = 60_000;

describe('sign-in throttle', () => {
  test('an unknown key may try at once', () => {
    expect(setup().throttle.retryAfter('account:nobody@example.com')).toBe(0);
  });

  test('five wrong passwords in a row are all let through; the sixth attempt has to wait', () => {
    const { failedAttempt, throttle } = setup();
    for (let i = 1; i <= 5; i++) expect(failedAttempt('k'), `attempt ${i}`).toBe(0);
    expect(throttle.retryAfter('k')).toBe(2000);
    expect(failedAttempt('k')).toBe(2000);
  });

  test('after the free failures, each further failure doubles the wait: 2 s, 4 s, 8 s, 16 s', () => {
    const { throttle, advance } = setup();
    for (let i = 0; i < 5; i++) throttle.fail('k');
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const wait = throttle.retryAfter('k');
      waits.push(wait);
      advance(wait); // wait it out, then fail again
      expect(throttle.retryAfter('k')).toBe(0);
      throttle.fail('k');
    }
    expect(waits).toEqual([2000, 4000, 8000, 16000]);
    expect(throttle.retryAfter('k')).toBe(32000);
  });

  test('the wait counts down with the clock', () => {
    const { throttle, advance } = setup();
    for (let i = 0; i < 6; i++) throttle.fail('k');
    expect(throttle.retryAfter('k')).toBe(4000);
    advance(1500);
    expect(throttle.retryAfter('k')).toBe(2500);
    advance(2500);
    expect(throttle.retryAfter('k')).toBe(0);
  });

  test('the wait never exceeds 15 minutes', () => {
    const { throttle } = setup();
    for (let i = 0; i < 40; i++) throttle.fail('k');
    expect(throttle.retryAfter('k')).toBe(15 * MINUTE);
  });

  test('a successful sign-in resets the count', () => {
    const { throttle, failedAttempt } = setup();
    for (let i = 0; i < 7; i++) throttle.fail('k');
    throttle.succeed('k');
    expect(throttle.retryAfter('k')).toBe(0);
    for (let i = 1; i <= 5; i++) expect(failedAttempt('k'), `attempt ${i} after success`).toBe(0);
    expect(throttle.retryAfter('k')).toBe(2000);
  });

  test('keys are independent: one account locked does not lock another, nor the same address key', () => {
    const { throttle } = setup();
    for (let i = 0; i < 8; i++) throttle.fail('account:a@example.com');
    expect(throttle.retryAfter('account:a@example.com')).toBeGreaterThan(0);
    expect(throttle.retryAfter('account:b@example.com')).toBe(0);
    expect(throttle.retryAfter('address:10.0.0.1')).toBe(0);
  });

  test('an hour after the last failure the counter is forgotten', () => {
    const { throttle, advance, failedAttempt } = setup();
    for (let i = 0; i < 10; i++) throttle.fail('k');
    advance(60 * MINUTE + 1);
    expect(throttle.retryAfter('k')).toBe(0);
    // Forgotten, not merely expired: five free failures again.
    for (let i = 1; i <= 5; i++) expect(failedAttempt('k'), `attempt ${i}`).toBe(0);
    expect(throttle.retryAfter('k')).toBe(2000);
  });

  test('within the hour the count is kept even after the wait has passed', () => {
    const { throttle, advance } = setup();
    for (let i = 0; i < 5; i++) throttle.fail('k');
    advance(30 * MINUTE);
    expect(throttle.retryAfter('k')).toBe(0);
    throttle.fail('k');
    expect(throttle.retryAfter('k')).toBe(4000);
  });

  test('the process-wide throttle is one shared instance', () => {
    expect(signInThrottle()).toBe(signInThrottle());
    expect(signInThrottle()).toBeInstanceOf(Throttle);
  });
});

describe('addresses', () => {
  test('give twenty free failures before waiting, since many people can share one', () => {
    const now = 1_000_000;
    const throttle = new Throttle(() => now);
    for (let i = 0; i < 19; i++) throttle.fail('address:10.0.0.1');
    expect(throttle.retryAfter('address:10.0.0.1')).toBe(0);
    throttle.fail('address:10.0.0.1');
    expect(throttle.retryAfter('address:10.0.0.1')).toBe(2000);
  });
});
