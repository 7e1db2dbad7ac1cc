// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import react from '@astrojs/react';
import { defineConfig } from 'astro/config';
import { SESSION_COOKIE } from './src/server/sessions.ts';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone', bodySizeLimit: 2 * 1024 * 1024 }),
  integrations: [react(), mdx()],
  // Locales are routed by hand (`src/pages/[lang]/`): `/` redirects by a remembered choice or
  // the browser's language, and every page keeps the same path in both languages.
  // Sessions live under DATA_DIR, which is only known when the server starts: a driver module of
  // our own resolves the folder at run time (a path written here would be the build machine's).
  session: {
    driver: { entrypoint: new URL('./src/server/session-driver.ts', import.meta.url), config: { subdir: 'sessions' } },
    cookie: { name: SESSION_COOKIE, sameSite: 'lax' },
    ttl: 60 * 60 * 12,
  },
  security: { checkOrigin: true, csp: true },
  server: { port: 4321 },
  devToolbar: { enabled: false },
  vite: {
    build: {
      rollupOptions: {
        // MDX content modules carry Astro's own "use astro:head-inject" directive; the bundler's
        // warning about it is noise (Astro handles head injection itself).
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
          warn(warning);
        },
      },
    },
  },
});
