import { defineMiddleware, sequence } from 'astro:middleware';
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, translator } from './i18n/index.ts';
import { userFromId } from './server/auth/current-user.ts';
import { SECURITY_HEADERS, withFrameAncestors } from './server/security-headers.ts';
import { getStore } from './server/store/index.ts';

/** Security headers on every response, including ones Astro's CSP cannot express in a meta tag. */
const securityHeaders = defineMiddleware(async (_context, next) => {
  const response = await next();
  const headers = response.headers;
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  headers.set('content-security-policy', withFrameAncestors(headers.get('content-security-policy')));
  return response;
});

/**
 * A body that is not JSON sent to an action gets a clear 400 (and one over the size limit a 413)
 * in the shape of Astro's action errors, not the framework's 500.
 */
const actionBodies = defineMiddleware(async (ctx, next) => {
  const isJsonAction =
    ctx.request.method === 'POST' &&
    ctx.url.pathname.startsWith('/_actions/') &&
    ctx.request.headers.get('content-type')?.includes('application/json');
  if (!isJsonAction) return next();
  let text: string;
  try {
    text = await ctx.request.clone().text();
  } catch {
    // The rest of the body is never read, so the connection cannot be reused.
    return Response.json(
      { code: 'CONTENT_TOO_LARGE', message: 'The request is too large.' },
      { status: 413, headers: { connection: 'close' } },
    );
  }
  try {
    JSON.parse(text);
  } catch {
    return Response.json({ code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' }, { status: 400 });
  }
  return next();
});

/** Locale from the path (or the remembered choice), the translator, and the signed-in user. */
const context = defineMiddleware(async (ctx, next) => {
  const first = ctx.url.pathname.split('/')[1];
  const remembered = ctx.cookies.get(LOCALE_COOKIE)?.value;
  const locale = isLocale(first)
    ? first
    : isLocale(remembered)
      ? remembered
      : localeFromAcceptLanguage(ctx.request.headers.get('accept-language'));
  ctx.locals.locale = locale;
  ctx.locals.t = translator(locale);
  // Remember the language last read in, so `/` opens it next time.
  if (isLocale(first) && remembered !== first)
    ctx.cookies.set(LOCALE_COOKIE, first, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax', httpOnly: true });

  const isAsset = ctx.url.pathname.startsWith('/_astro/') || ctx.url.pathname.startsWith('/favicon');
  ctx.locals.user = null;
  if (isAsset || ctx.url.pathname === '/healthz' || ctx.url.pathname.startsWith('/verify/')) return next();
  ctx.locals.user = userFromId(await ctx.session?.get('userId'));

  // First run: with nobody to sign in, every page leads to setup.
  if (getStore().countPeople() === 0 && ctx.url.pathname !== '/setup') return ctx.redirect('/setup');

  // A password set by HR must be replaced before anything else.
  const user = ctx.locals.user;
  if (user?.mustChangePassword && !/^\/(zh|en)\/(account\/password|logout)$/.test(ctx.url.pathname)) {
    if (ctx.url.pathname.startsWith('/api/') || ctx.url.pathname.startsWith('/_actions/'))
      return Response.json({ error: ctx.locals.t('auth.mustChange') }, { status: 403 });
    return ctx.redirect(`/${locale}/account/password`);
  }
  // Every page under src/pages/[lang]/ exists in the two languages only; any other first segment
  // (/fr/review) is the 404 page, in the language the visitor reads.
  if (ctx.params.lang !== undefined && !isLocale(ctx.params.lang)) return ctx.rewrite('/404');
  return next();
});

export const onRequest = sequence(securityHeaders, actionBodies, context);
