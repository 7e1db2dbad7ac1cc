import type { APIRoute } from 'astro';
import { guardApi } from '../../../server/auth/current-user.ts';
import { getCatalogue } from '../../../server/content.ts';
import { completionsCsv } from '../../../server/records/exports.ts';
import { summariseVisible } from '../../../server/records/org-report.ts';
import { getStore } from '../../../server/store/index.ts';

/** Completion records as CSV: HR gets everyone, a manager the teams they manage. */
export const GET: APIRoute = async (context) => {
  const user = guardApi(context, ['hr', 'manager']);
  if (user instanceof Response) return user;
  const store = getStore();
  const catalogue = await getCatalogue();
  const csv = completionsCsv(summariseVisible(store, catalogue, user));
  const date = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="fairplay-completions-${date}.csv"`,
      'cache-control': 'no-store',
    },
  });
};
