import { z } from 'astro/zod';
import type { SessionUser } from '../auth/current-user.ts';
import { newId } from '../people.ts';
import { getStore } from '../store/index.ts';

export const assignmentForm = z.object({
  target: z.string().regex(/^(team|person):[A-Za-z0-9_-]{1,64}$/, 'form.required'),
  due: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'form.required')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'form.invalid'),
  recur: z.union([z.literal(''), z.enum(['6', '12', '24'])]).default(''),
});

/** Assigns the course to a team or a person; due at the end of the chosen day (China time). */
export async function addAssignment(actor: SessionUser, courseId: string, form: z.output<typeof assignmentForm>): Promise<boolean> {
  const store = getStore();
  const [kind, id] = form.target.split(':') as ['team' | 'person', string];
  if (kind === 'team' ? !store.org.teams.some((t) => t.id === id) : !store.getPerson(id)) return false;
  const dueAt = new Date(`${form.due}T23:59:59+08:00`).toISOString();
  const assignment = {
    id: newId(),
    courseId,
    target: { kind, id },
    dueAt,
    ...(form.recur ? { recurMonths: Number(form.recur) } : {}),
    createdAt: new Date().toISOString(),
    createdBy: actor.id,
  };
  await store.updateOrg((org) => {
    org.assignments.push(assignment);
  });
  await store.appendAudit({
    at: assignment.createdAt,
    actor: actor.id,
    action: 'assignment.added',
    target: `${kind}:${id}`,
    detail: `due ${form.due}${form.recur ? `, every ${form.recur} months` : ''}`,
  });
  return true;
}

export async function removeAssignment(actor: SessionUser, id: string): Promise<boolean> {
  const store = getStore();
  const existing = store.org.assignments.find((a) => a.id === id);
  if (!existing) return false;
  await store.updateOrg((org) => {
    org.assignments = org.assignments.filter((a) => a.id !== id);
  });
  await store.appendAudit({
    at: new Date().toISOString(),
    actor: actor.id,
    action: 'assignment.removed',
    target: `${existing.target.kind}:${existing.target.id}`,
    detail: `due ${existing.dueAt.slice(0, 10)}`,
  });
  return true;
}
