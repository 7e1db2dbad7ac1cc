import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'devalue';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import zh from '../../src/i18n/zh.ts';
import type { Catalogue } from '../../src/lib/catalogue.ts';
import { builtCatalogue } from '../../src/server/built-catalogue.ts';
import { answerLessonSave } from '../../src/server/direct-lesson-save.ts';
import { sessionFiles } from '../../src/server/sessions.ts';
import { closeStore, getStore, openStore } from '../../src/server/store/index.ts';
import { testProfile } from '../support/people.ts';

// A data folder of its own, set before the session files are first used.
const dir = mkdtempSync(join(tmpdir(), 'fairplay-direct-save-'));
process.env.DATA_DIR = dir;

const CATALOGUE = {
  courseId: 'the-course',
  title: { zh: '课程', en: 'Course' },
  summary: { zh: '', en: '' },
  modules: [{ id: 'talk', lessons: [{ key: 'talk/listen', slug: 'listen' }] }],
} as unknown as Catalogue;
const PATH = '/en/courses/the-course/talk/listen';

/** What Astro writes for a signed-in session: a devalue-flattened Map of key → { data, expires }. */
async function sessionFor(userId: string, expires = Date.now() + 60_000): Promise<string> {
  const id = randomUUID();
  await sessionFiles().setItem?.(id, stringify(new Map([['userId', { data: userId, expires }]])), {});
  return id;
}

let server: Server;
let origin: string;
const sessions: Record<string, string> = {};

beforeAll(async () => {
  const store = openStore(dir);
  await store.addPeople([testProfile(0), testProfile(1, { active: false }), testProfile(2, { mustChangePassword: true }), testProfile(3)]);
  for (const id of ['p0', 'p1', 'p2', 'p3']) sessions[id] = await sessionFor(id);
  sessions.expired = await sessionFor('p3', Date.now() - 1000);
  // Answers 418 when the direct save declines, so a test sees which side answered.
  server = createServer((req, res) => {
    answerLessonSave(req, res).then((answered) => answered || res.writeHead(418).end('fell through'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
  closeStore();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  builtCatalogue.set(CATALOGUE);
});

interface Post {
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  session?: string | null;
  lang?: string | null;
}

function post(options: Post = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const session = options.session === undefined ? sessions.p0 : options.session;
  const lang = options.lang === undefined ? 'en' : options.lang;
  const cookie = [session ? `fairplay_session=${session}` : '', lang ? `fairplay_lang=${lang}` : ''].filter(Boolean).join('; ');
  const body = options.body ?? '';
  // A header given as '' is left out.
  const headers = Object.fromEntries(
    Object.entries({
      origin,
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(Buffer.byteLength(body)),
      ...(cookie ? { cookie } : {}),
      ...options.headers,
    }).filter(([, value]) => value !== ''),
  );
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${options.path ?? PATH}`, { method: options.method ?? 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const lessonsOf = (id: string) => Object.keys(getStore().getPerson(id)?.lessons ?? {});

describe('the direct lesson save', () => {
  it('saves the lesson as read and answers like the lesson page: 303 back to the lesson, with the security headers', async () => {
    const res = await post();
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${PATH}?read=1#progress`);
    expect(res.headers['server-timing']).toMatch(/^lesson-save;desc="direct";dur=\d/);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("frame-ancestors 'none'");
    expect(lessonsOf('p0')).toEqual(['talk/listen']);
    expect(getStore().getPerson('p0')?.lastLesson?.key).toBe('talk/listen');
  });

  it('keeps the first date when the lesson is marked again', async () => {
    const first = getStore().getPerson('p0')?.lessons['talk/listen']?.readAt;
    expect((await post()).status).toBe(303);
    expect(getStore().getPerson('p0')?.lessons['talk/listen']?.readAt).toBe(first);
  });

  it('works in Chinese too, and accepts a small form body', async () => {
    const res = await post({ path: '/zh/courses/the-course/talk/listen', lang: 'zh', session: sessions.p3, body: 'x=1' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/zh/courses/the-course/talk/listen?read=1#progress');
    expect(lessonsOf('p3')).toEqual(['talk/listen']);
  });

  // Each of these is left to the lesson page (and its checks and messages): nothing is saved here.
  const declined: { name: string; post: () => Post; prepare?: () => void }[] = [
    { name: 'a GET', post: () => ({ method: 'GET' }) },
    { name: 'a cross-site post', post: () => ({ headers: { origin: 'https://evil.example' } }) },
    { name: 'a post without an Origin header', post: () => ({ headers: { origin: '' } }) },
    { name: 'a forwarded request', post: () => ({ headers: { 'x-forwarded-host': 'portal.example' } }) },
    { name: 'a JSON body', post: () => ({ headers: { 'content-type': 'application/json' }, body: '{}' }) },
    { name: 'a body larger than the empty form', post: () => ({ body: 'x'.repeat(5000) }) },
    { name: 'a chunked body', post: () => ({ headers: { 'transfer-encoding': 'chunked', 'content-length': '' } }) },
    { name: 'no session cookie', post: () => ({ session: null }) },
    { name: 'an unknown session', post: () => ({ session: randomUUID() }) },
    { name: 'a malformed session id', post: () => ({ session: '../../org.json' }) },
    { name: 'an expired session', post: () => ({ session: sessions.expired }) },
    { name: 'a deactivated account', post: () => ({ session: sessions.p1 }) },
    { name: 'an account that must change its password', post: () => ({ session: sessions.p2 }) },
    { name: 'a language cookie for the other language (the page sets it)', post: () => ({ lang: 'zh' }) },
    { name: 'no language cookie', post: () => ({ lang: null }) },
    { name: 'an unknown lesson', post: () => ({ path: '/en/courses/the-course/talk/shout' }) },
    { name: 'another course', post: () => ({ path: '/en/courses/other-course/talk/listen' }) },
    { name: 'a query string', post: () => ({ path: `${PATH}?x=1` }) },
    { name: 'an unknown language', post: () => ({ path: '/fr/courses/the-course/talk/listen' }) },
    { name: 'a request before the catalogue is built', post: () => ({}), prepare: () => builtCatalogue.clear() },
  ];
  it.each(declined)('leaves $name to the lesson page', async ({ post: options, prepare }) => {
    prepare?.();
    const before = JSON.stringify([...getStore().people()]);
    const res = await post({ session: sessions.p3, ...options() });
    expect(res.status).toBe(418);
    expect(JSON.stringify([...getStore().people()])).toBe(before);
  });

  it('answers 500 with a message, in the page language, when the save fails', async () => {
    const store = getStore();
    const original = store.updatePerson.bind(store);
    store.updatePerson = async () => {
      throw new Error('disk full');
    };
    try {
      const res = await post({ path: '/zh/courses/the-course/talk/listen', lang: 'zh', session: sessions.p3 });
      expect(res.status).toBe(500);
      expect(res.body).toBe(zh['error.body']);
    } finally {
      store.updatePerson = original;
    }
  });
});
