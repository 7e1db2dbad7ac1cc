import type { APIRoute } from 'astro';
import { guardApi } from '../../../server/auth/current-user.ts';
import { getCatalogue, listScenarios } from '../../../server/content.ts';
import { xapiStatements } from '../../../server/records/exports.ts';
import { summariseVisible } from '../../../server/records/org-report.ts';
import { getStore } from '../../../server/store/index.ts';

/** Learning records as xAPI 1.0.3 statements, for forwarding to a learning record store. */
export const GET: APIRoute = async (context) => {
  const user = guardApi(context, ['hr', 'manager']);
  if (user instanceof Response) return user;
  const store = getStore();
  const catalogue = await getCatalogue();
  const origin = process.env.FAIRPLAY_PUBLIC_URL?.replace(/\/$/, '') || context.url.origin;
  const statements = xapiStatements(origin, catalogue, summariseVisible(store, catalogue, user), await listScenarios());
  return new Response(JSON.stringify(statements, null, 1), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': 'attachment; filename="fairplay-xapi.json"',
      'cache-control': 'no-store',
    },
  });
};
