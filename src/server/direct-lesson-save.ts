import type { IncomingMessage, ServerResponse } from 'node:http';
import { TLSSocket } from 'node:tls';
import { LOCALE_COOKIE, translator } from '../i18n/index.ts';
import { findLesson } from '../lib/catalogue.ts';
import { builtCatalogue } from './built-catalogue.ts';
import { markLessonRead } from './records/lessons.ts';
import { SECURITY_HEADERS, withFrameAncestors } from './security-headers.ts';
import { SESSION_COOKIE, sessionUserId } from './sessions.ts';
import { getStore } from './store/index.ts';

const LESSON_PATH = /^\/(zh|en)\/courses\/([a-z0-9-]+)\/([a-z0-9-]+)\/([a-z0-9-]+)$/;
/** The "mark read" form sends no fields; anything larger is not that form. */
const MAX_BODY = 1024;
/** What the middleware puts on every answer (a redirect has no CSP of its own to extend). */
const PAGE_HEADERS = { ...SECURITY_HEADERS, 'content-security-policy': withFrameAncestors(null) };

/**
 * "Mark as read" is the busiest write a portal like this gets, so the start script answers it
 * here, in front of Astro, when the request is plainly that form: a same-origin form POST to a
 * lesson of the built catalogue, from a signed-in, active person who need not change a password,
 * whose language cookie already matches the page. Then it saves exactly what the lesson page's
 * POST saves and answers the same 303 with the same headers, at a fraction of the cost of a
 * framework request. Anything else (a cross-site post, no session, a forwarded request, an
 * unknown lesson, a body) resolves false without reading the request, and the lesson page in
 * src/pages answers it, with all its checks and messages.
 */
export async function answerLessonSave(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== 'POST' || !req.url) return false;
  const match = LESSON_PATH.exec(req.url);
  if (!match) return false;
  const [path, locale, courseId, moduleId, slug] = match as unknown as [string, 'zh' | 'en', string, string, string];
  const catalogue = builtCatalogue.get();
  const key = `${moduleId}/${slug}`;
  if (!catalogue || catalogue.courseId !== courseId || !findLesson(catalogue, key)) return false;

  const headers = req.headers;
  // What Astro's origin check accepts, without guessing about proxies: those requests go to Astro.
  const scheme = req.socket instanceof TLSSocket ? 'https' : 'http';
  if (Object.keys(headers).some((name) => name.startsWith('x-forwarded-'))) return false;
  if (!headers.host || headers.origin !== `${scheme}://${headers.host}`) return false;
  if (headers['content-type'] !== 'application/x-www-form-urlencoded' || headers['transfer-encoding']) return false;
  // No length and no chunked encoding means no body (HTTP/1.1).
  const length = Number(headers['content-length'] ?? 0);
  if (!(length >= 0 && length <= MAX_BODY)) return false;

  const cookies = parseCookies(headers.cookie);
  if (cookies.get(LOCALE_COOKIE) !== locale) return false; // the page would set it
  const sessionId = cookies.get(SESSION_COOKIE);
  const userId = sessionId ? await sessionUserId(sessionId) : null;
  const person = userId ? getStore().getPerson(userId) : undefined;
  if (!userId || !person?.profile.active || person.profile.mustChangePassword) return false;

  const started = performance.now();
  for await (const _ of req); // the (empty) form; its size was checked above
  try {
    await markLessonRead(userId, key);
  } catch (error) {
    console.error(`Could not save lesson progress for ${userId}: ${(error as Error).message}`);
    res.writeHead(500, { ...PAGE_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    res.end(translator(locale)('error.body'));
    return true;
  }
  res.writeHead(303, {
    ...PAGE_HEADERS,
    location: `${path}?read=1#progress`,
    // Tells operators (and the tests) which path answered, and how long the save took.
    'server-timing': `lesson-save;desc="direct";dur=${(performance.now() - started).toFixed(1)}`,
    'content-length': 0,
  });
  res.end();
  return true;
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}
