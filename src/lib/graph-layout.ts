import type { EngineScenario } from './scenario-engine.ts';

export interface LaidOutNode {
  id: string;
  x: number;
  y: number;
  ending?: 'good' | 'mixed' | 'bad' | undefined;
  choices: number;
}
export interface LaidOutEdge {
  from: string;
  to: string;
  choice: string;
  /** Taken only when a condition holds (a branch, or a choice offered conditionally). */
  conditional: boolean;
}

export const NODE_W = 150;
export const NODE_H = 44;
const GAP_X = 70;
const GAP_Y = 22;

/**
 * Lays a role-play out in columns by distance from the start (breadth-first), so an author reads
 * the conversation left to right. Unreachable nodes go in a last column of their own.
 */
export function layoutScenario(s: EngineScenario): { nodes: LaidOutNode[]; edges: LaidOutEdge[]; width: number; height: number } {
  const depth = new Map<string, number>([[s.start, 0]]);
  const queue = [s.start];
  const byId = new Map(s.nodes.map((n) => [n.id, n]));
  while (queue.length) {
    const id = queue.shift() as string;
    for (const c of byId.get(id)?.choices ?? [])
      for (const next of [c.next, ...c.branches.map((b) => b.next)])
        if (byId.has(next) && !depth.has(next)) {
          depth.set(next, (depth.get(id) ?? 0) + 1);
          queue.push(next);
        }
  }
  const maxDepth = Math.max(0, ...depth.values());
  const columns: string[][] = [];
  for (const n of s.nodes) {
    const d = depth.get(n.id) ?? maxDepth + 1;
    columns[d] ??= [];
    columns[d].push(n.id);
  }
  const nodes: LaidOutNode[] = [];
  columns.forEach((col, x) => {
    col.forEach((id, y) => {
      const n = byId.get(id);
      nodes.push({
        id,
        x: 10 + x * (NODE_W + GAP_X),
        y: 10 + y * (NODE_H + GAP_Y),
        ending: n?.ending?.kind,
        choices: n?.choices.length ?? 0,
      });
    });
  });
  const edges: LaidOutEdge[] = s.nodes.flatMap((n) =>
    n.choices.flatMap((c) => [
      { from: n.id, to: c.next, choice: c.id, conditional: !!c.when },
      ...c.branches.map((b) => ({ from: n.id, to: b.next, choice: c.id, conditional: true })),
    ]),
  );
  const tallest = Math.max(1, ...columns.map((c) => c?.length ?? 0));
  return { nodes, edges, width: 20 + columns.length * (NODE_W + GAP_X), height: 20 + tallest * (NODE_H + GAP_Y) };
}
