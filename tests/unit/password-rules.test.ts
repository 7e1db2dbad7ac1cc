import { describe, expect, test } from 'vitest';
import { checkPassword, PASSWORD_MAX, PASSWORD_MIN } from '../../src/server/auth/password-rules.ts';

describe('password rules', () => {
  test('the limits are 10 and 200 characters', () => {
    expect(PASSWORD_MIN).toBe(10);
    expect(PASSWORD_MAX).toBe(200);
  });

  test('shorter than the minimum is too short; exactly the minimum is fine', () => {
    expect(checkPassword('abc12345!')).toBe('too-short');
    expect(checkPassword('')).toBe('too-short');
    expect(checkPassword('abcd12345!')).toBeUndefined();
  });

  test('longer than the maximum is too long; exactly the maximum is fine', () => {
    const ok = 'ab1!'.repeat(50);
    expect(ok).toHaveLength(200);
    expect(checkPassword(ok)).toBeUndefined();
    expect(checkPassword(`${ok}x`)).toBe('too-long');
  });

  test('one kind of character only is too simple', () => {
    expect(checkPassword('aaaaaaaaaa')).toBe('too-simple');
    expect(checkPassword('abcdefghijkl')).toBe('too-simple');
    expect(checkPassword('12345678901')).toBe('too-simple');
    expect(checkPassword('!@#$%^&*()_')).toBe('too-simple');
  });

  test('two kinds of character are enough', () => {
    expect(checkPassword('correcthorse7')).toBeUndefined();
    expect(checkPassword('horse-battery')).toBeUndefined();
    expect(checkPassword('2025-03-10!!')).toBeUndefined();
  });

  test('fewer than four different characters is too simple even with two kinds', () => {
    expect(checkPassword('a1a1a1a1a1')).toBe('too-simple');
    expect(checkPassword('ab1ab1ab1ab1')).toBe('too-simple');
    expect(checkPassword('ab12ab12ab')).toBeUndefined();
  });

  test('Chinese characters count as letters', () => {
    expect(checkPassword('我们的客户要公平竞争2025')).toBeUndefined();
    expect(checkPassword('我们的客户要公平竞争啊')).toBe('too-simple');
  });

  test('a repeat that differs is a mismatch; a matching repeat or none is fine', () => {
    expect(checkPassword('correcthorse7', 'correcthorse8')).toBe('mismatch');
    expect(checkPassword('correcthorse7', '')).toBe('mismatch');
    expect(checkPassword('correcthorse7', 'correcthorse7')).toBeUndefined();
    expect(checkPassword('correcthorse7')).toBeUndefined();
  });

  test('the strength problem is reported before a mismatch', () => {
    expect(checkPassword('short', 'other')).toBe('too-short');
    expect(checkPassword('aaaaaaaaaa', 'bbbbbbbbbb')).toBe('too-simple');
  });
});
