import { randomBytes } from 'node:crypto';
import { z } from 'astro/zod';
import { hashPassword } from '../auth/password.ts';
import { emailField, nameField } from '../auth/schemas.ts';
import type { SessionUser } from '../auth/current-user.ts';
import { buildProfile, createPerson, ensureTeam } from '../people.ts';
import { getStore } from '../store/index.ts';
import { roles, type Profile, type Role } from '../store/schema.ts';

/** Changes HR makes to people; each one is written to the audit log with who did it. */

const teamIdField = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'form.invalid');

export const personForm = z.object({
  name: nameField,
  email: emailField,
  role: z.enum(roles, 'form.invalid'),
  team: z.union([z.literal(''), teamIdField]),
  manages: z.array(teamIdField).max(50).default([]),
});
export type PersonForm = z.output<typeof personForm>;

/** A readable temporary password: HR hands it over, the person replaces it at first sign-in. */
export function temporaryPassword(): string {
  return `${randomBytes(9).toString('base64url')}-7`;
}

async function audit(
  actor: SessionUser,
  action: Parameters<ReturnType<typeof getStore>['appendAudit']>[0]['action'],
  target: string,
  detail = '',
) {
  await getStore().appendAudit({ at: new Date().toISOString(), actor: actor.id, action, target, detail });
}

function checkTeams(ids: (string | null)[]) {
  const known = new Set(getStore().org.teams.map((t) => t.id));
  return ids.every((id) => id === null || known.has(id));
}

export async function addPerson(actor: SessionUser, form: PersonForm): Promise<{ profile: Profile; password: string }> {
  const team = form.team || null;
  if (!checkTeams([team, ...form.manages])) throw new Error('unknown team');
  const password = temporaryPassword();
  const profile = await createPerson({
    email: form.email,
    name: form.name,
    role: form.role,
    team,
    manages: form.role === 'manager' ? form.manages : [],
    password,
    mustChangePassword: true,
  });
  await audit(actor, 'person.added', profile.email, `${profile.role}${team ? ` · team ${team}` : ''}`);
  return { profile, password };
}

export async function updatePersonDetails(actor: SessionUser, id: string, form: PersonForm): Promise<void> {
  const team = form.team || null;
  if (!checkTeams([team, ...form.manages])) throw new Error('unknown team');
  const store = getStore();
  const before = store.getPerson(id)?.profile;
  if (!before) throw new Error('not found');
  const manages = form.role === 'manager' ? form.manages : [];
  await store.updatePerson(id, (doc) => {
    Object.assign(doc.profile, { name: form.name, email: form.email, role: form.role, team, manages, updatedAt: new Date().toISOString() });
  });
  if (before.role !== form.role) await audit(actor, 'person.role-changed', before.email, `${before.role} → ${form.role}`);
  if (before.team !== team) await audit(actor, 'person.team-changed', before.email, `${before.team ?? '—'} → ${team ?? '—'}`);
  if (before.manages.join(',') !== manages.join(','))
    await audit(actor, 'person.role-changed', before.email, `manages: ${manages.join(', ') || '—'}`);
  if (before.name !== form.name || before.email !== form.email)
    await audit(actor, 'person.updated', before.email, `${before.name} <${before.email}> → ${form.name} <${form.email}>`);
}

export async function setActive(actor: SessionUser, id: string, active: boolean): Promise<void> {
  const store = getStore();
  const email = store.getPerson(id)?.profile.email;
  if (!email) throw new Error('not found');
  await store.updatePerson(id, (doc) => {
    doc.profile.active = active;
    doc.profile.updatedAt = new Date().toISOString();
  });
  await audit(actor, active ? 'person.reactivated' : 'person.deactivated', email);
}

export async function resetPassword(actor: SessionUser, id: string): Promise<string> {
  const store = getStore();
  const email = store.getPerson(id)?.profile.email;
  if (!email) throw new Error('not found');
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  await store.updatePerson(id, (doc) => {
    doc.profile.passwordHash = passwordHash;
    doc.profile.mustChangePassword = true;
    doc.profile.updatedAt = new Date().toISOString();
  });
  await audit(actor, 'person.password-reset', email);
  return password;
}

/** Finds or creates a team, auditing a creation. */
export async function addTeam(actor: SessionUser, name: string): Promise<string> {
  const { id, created } = await ensureTeam(name);
  if (created) await audit(actor, 'team.added', name.trim());
  return id;
}

export const roleList: readonly Role[] = roles;

/** Imports checked roster rows: all or nothing, teams created as needed. Returns temporary passwords. */
export async function importRoster(actor: SessionUser, rows: { name: string; email: string; team: string; role: Role }[]) {
  const store = getStore();
  const teamIds = new Map<string, string>();
  for (const row of rows)
    if (row.team && !teamIds.has(row.team.toLowerCase())) teamIds.set(row.team.toLowerCase(), await addTeam(actor, row.team));
  const created: { name: string; email: string; password: string }[] = [];
  const profiles: Profile[] = [];
  for (const row of rows) {
    const password = temporaryPassword();
    profiles.push(
      await buildProfile({
        name: row.name,
        email: row.email,
        role: row.role,
        team: row.team ? (teamIds.get(row.team.toLowerCase()) ?? null) : null,
        password,
        mustChangePassword: true,
      }),
    );
    created.push({ name: row.name, email: row.email, password });
  }
  await store.addPeople(profiles);
  for (const p of profiles) await audit(actor, 'person.imported', p.email, p.role);
  return created;
}
