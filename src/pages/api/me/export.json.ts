import type { APIRoute } from 'astro';
import { guardApi } from '../../../server/auth/current-user.ts';
import { getStore } from '../../../server/store/index.ts';

/** Everything stored about the signed-in person (the password hash excepted). */
export const GET: APIRoute = (context) => {
  const user = guardApi(context, ['rep', 'manager', 'hr']);
  if (user instanceof Response) return user;
  const doc = getStore().getPerson(user.id);
  if (!doc) return Response.json({ error: 'not found' }, { status: 404 });
  const { passwordHash: _hidden, ...profile } = doc.profile;
  const team = getStore().org.teams.find((t) => t.id === profile.team)?.name ?? null;
  const body = { exportedAt: new Date().toISOString(), ...doc, profile: { ...profile, teamName: team } };
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': 'attachment; filename="fairplay-my-data.json"',
      'cache-control': 'no-store',
    },
  });
};
