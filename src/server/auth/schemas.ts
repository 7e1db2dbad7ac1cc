import { z } from 'astro/zod';
import { checkPassword, PASSWORD_MAX } from './password-rules.ts';

/** Form schemas whose messages are dictionary keys, translated by validateForm. */

export const emailField = z.string().trim().min(1, 'form.required').max(254, 'form.tooLong').pipe(z.email('form.badEmail'));
export const nameField = z.string().trim().min(1, 'form.required').max(100, 'form.tooLong');

/** A new password and its repeat, with the strength rules. */
export const newPasswordFields = {
  password: z.string().max(PASSWORD_MAX, 'auth.problem.too-long'),
  repeat: z.string().max(PASSWORD_MAX, 'auth.problem.too-long'),
};

export function refinePassword<T extends { password: string; repeat: string }>(value: T, ctx: z.RefinementCtx): void {
  const problem = checkPassword(value.password, value.repeat);
  if (problem) ctx.addIssue({ code: 'custom', path: [problem === 'mismatch' ? 'repeat' : 'password'], message: `auth.problem.${problem}` });
}

export const setupForm = z.object({ name: nameField, email: emailField, ...newPasswordFields }).superRefine(refinePassword);
export const loginForm = z.object({
  email: z.string().max(254, 'form.tooLong'),
  password: z.string().max(PASSWORD_MAX, 'form.tooLong'),
  next: z.string().max(500).optional(),
});
export const changePasswordForm = z
  .object({ current: z.string().max(PASSWORD_MAX, 'form.tooLong'), ...newPasswordFields })
  .superRefine(refinePassword);
