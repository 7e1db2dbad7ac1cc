import { randomBytes } from 'node:crypto';
import { hashPassword } from './auth/password.ts';
import { getStore } from './store/index.ts';
import type { Profile, Role } from './store/schema.ts';

export const newId = () => randomBytes(9).toString('base64url');

export interface NewPerson {
  email: string;
  name: string;
  role: Role;
  team: string | null;
  manages?: string[];
  password: string;
  /** True when someone else chose the password. */
  mustChangePassword: boolean;
}

/** Builds a profile (hashing the password) without saving it. */
export async function buildProfile(input: NewPerson, now = new Date()): Promise<Profile> {
  const at = now.toISOString();
  return {
    id: newId(),
    email: input.email.trim(),
    name: input.name.trim(),
    role: input.role,
    team: input.team,
    manages: input.manages ?? [],
    active: true,
    passwordHash: await hashPassword(input.password),
    mustChangePassword: input.mustChangePassword,
    createdAt: at,
    updatedAt: at,
  };
}

/** Creates one person; throws StoreConflictError when the email is taken. */
export async function createPerson(input: NewPerson): Promise<Profile> {
  const profile = await buildProfile(input);
  await getStore().addPeople([profile]);
  return profile;
}

/** Finds a team by name (case-insensitive) or creates it; says which. */
export async function ensureTeam(name: string): Promise<{ id: string; created: boolean }> {
  const store = getStore();
  const trimmed = name.trim();
  const existing = store.org.teams.find((t) => t.name.toLowerCase() === trimmed.toLowerCase());
  if (existing) return { id: existing.id, created: false };
  const id = newId();
  await store.updateOrg((org) => {
    org.teams.push({ id, name: trimmed, createdAt: new Date().toISOString() });
  });
  return { id, created: true };
}
