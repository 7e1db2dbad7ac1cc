import type { APIContext, AstroGlobal } from 'astro';
import type { Role } from '../store/schema.ts';
import { getStore } from '../store/index.ts';

/** What pages and handlers know about the signed-in person. */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  team: string | null;
  manages: string[];
  mustChangePassword: boolean;
}

/** Looks up the session's person; a deactivated or deleted account counts as signed out. */
export function userFromId(id: string | undefined): SessionUser | null {
  if (!id) return null;
  const doc = getStore().getPerson(id);
  if (!doc?.profile.active) return null;
  const { name, email, role, team, manages, mustChangePassword } = doc.profile;
  return { id, name, email, role, team, manages, mustChangePassword };
}

/** Managers and HR may see records; HR may change people and assignments. */
export const canSeeRecords = (user: SessionUser | null) => user?.role === 'hr' || user?.role === 'manager';
export const isHr = (user: SessionUser | null) => user?.role === 'hr';

/** Whether `viewer` may see the records of `personId` (HR: all; manager: the teams they manage). */
export function canSeePerson(viewer: SessionUser, personTeam: string | null): boolean {
  if (viewer.role === 'hr') return true;
  if (viewer.role === 'manager') return personTeam !== null && viewer.manages.includes(personTeam);
  return false;
}

type Ctx = Pick<APIContext, 'locals' | 'url' | 'redirect'> | AstroGlobal;

/**
 * Page guard: anonymous visitors are sent to sign in (and back afterwards); a signed-in person
 * without the role gets the 403 page. Returns the user when allowed.
 */
export function guardPage(ctx: Ctx, allowed: Role[]): SessionUser | Response {
  const { user, locale } = ctx.locals;
  if (!user) return ctx.redirect(`/${locale}/login?next=${encodeURIComponent(ctx.url.pathname + ctx.url.search)}`);
  if (!allowed.includes(user.role)) return forbiddenResponse(ctx);
  return user;
}

/** A page guard for any signed-in person. */
export function requireSignedIn(ctx: Ctx): SessionUser | Response {
  return guardPage(ctx, ['rep', 'manager', 'hr']);
}

function forbiddenResponse(ctx: Ctx): Response {
  const t = ctx.locals.t;
  const body = `<!doctype html><html lang="${ctx.locals.locale === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>403 · Fairplay</title></head><body><main><h1>403</h1><p>${t('auth.forbidden')}</p><p><a href="/${ctx.locals.locale}/">${t('notFound.home')}</a></p></main></body></html>`;
  return new Response(body, { status: 403, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** API guard: 401 JSON for anonymous, 403 JSON for the wrong role. */
export function guardApi(ctx: Pick<APIContext, 'locals'>, allowed: Role[]): SessionUser | Response {
  const { user, t } = ctx.locals;
  if (!user) return Response.json({ error: t('auth.required') }, { status: 401 });
  if (!allowed.includes(user.role)) return Response.json({ error: t('auth.forbidden') }, { status: 403 });
  return user;
}
