import type { APIRoute } from 'astro';
import { getStore } from '../server/store/index.ts';

/** Liveness for monitors: ok when the store is open and readable. */
export const GET: APIRoute = () => {
  try {
    getStore().countPeople();
    return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
  } catch {
    return Response.json({ status: 'error' }, { status: 503 });
  }
};
