/** The password rules shown on every form that sets a password. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export type PasswordProblem = 'too-short' | 'too-long' | 'too-simple' | 'mismatch';

/** Length, and at least two kinds of character (letters, digits, others), so "aaaaaaaaaa" fails. */
export function checkPassword(password: string, repeat?: string): PasswordProblem | undefined {
  if (password.length < PASSWORD_MIN) return 'too-short';
  if (password.length > PASSWORD_MAX) return 'too-long';
  const kinds = [/\p{L}/u, /\p{N}/u, /[^\p{L}\p{N}]/u].filter((re) => re.test(password)).length;
  if (kinds < 2 || new Set(password).size < 4) return 'too-simple';
  if (repeat !== undefined && repeat !== password) return 'mismatch';
  return undefined;
}
