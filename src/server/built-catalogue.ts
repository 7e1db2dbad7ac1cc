import type { Catalogue } from '../lib/catalogue.ts';
import { perProcess } from './per-process.ts';

/**
 * The catalogue the server bundle built from its content collections (content.ts sets it on first
 * use), for code that runs outside the bundle: the direct lesson save must only accept lessons
 * the pages would serve.
 */
export const builtCatalogue = perProcess<Catalogue>('catalogue');
