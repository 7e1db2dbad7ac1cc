/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in, active person, or null. */
    user: import('./server/auth/current-user.ts').SessionUser | null;
    /** The page's locale: from the path, else the remembered choice. */
    locale: import('./schemas/localized.ts').Locale;
    t: import('./i18n/index.ts').Translate;
  }
  interface SessionData {
    userId: string;
  }
}
