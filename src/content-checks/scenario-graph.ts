import type { Condition, Scenario } from '../schemas/scenario.ts';
import type { Problem } from './problems.ts';

/** Every node id a node can lead to, whatever the conditions. */
function successors(node: Scenario['nodes'][number]): string[] {
  return node.choices.flatMap((c) => [c.next, ...c.branches.map((b) => b.next)]);
}

/**
 * Structural checks of a role-play: dangling links, unreachable nodes, paths that never end,
 * conditions on undeclared measures or flags, speakers that do not exist.
 */
export function checkScenarioGraph(file: string, s: Scenario): Problem[] {
  const problems: Problem[] = [];
  const add = (where: string, message: string) => problems.push({ file, where, message });
  const nodes = new Map(s.nodes.map((n) => [n.id, n]));
  const measures = new Set(s.measures.map((m) => m.id));
  const flags = new Set(s.flags);
  const speakers = new Set(['narrator', ...s.characters.map((c) => c.id)]);

  if (nodes.size !== s.nodes.length) add('nodes', 'two nodes share an id');
  if (!nodes.has(s.start)) add('start', `start node "${s.start}" does not exist`);

  const checkCondition = (where: string, c: Condition) => {
    if (c.measure && !measures.has(c.measure)) add(where, `condition uses undeclared measure "${c.measure}"`);
    for (const f of [c.flag, c.notFlag]) if (f && !flags.has(f)) add(where, `condition uses undeclared flag "${f}"`);
  };

  for (const node of s.nodes) {
    const at = `node ${node.id}`;
    node.lines.forEach((l, i) => {
      if (!speakers.has(l.speaker)) add(`${at} lines[${i}]`, `speaker "${l.speaker}" is not a character`);
    });
    if (node.ending && node.choices.length) add(at, 'an ending node cannot have choices');
    if (!node.ending && !node.choices.length) add(at, 'a node without choices must be an ending');
    if (!node.ending && node.choices.length && node.choices.every((c) => c.when))
      add(at, 'every choice has a condition, so a run can get stuck here; leave one always offered');
    const choiceIds = new Set<string>();
    for (const c of node.choices) {
      const cat = `${at} choice ${c.id}`;
      if (choiceIds.has(c.id)) add(cat, 'duplicate choice id in this node');
      choiceIds.add(c.id);
      for (const target of [c.next, ...c.branches.map((b) => b.next)])
        if (!nodes.has(target)) add(cat, `points to missing node "${target}"`);
      if (c.when) checkCondition(`${cat} when`, c.when);
      c.branches.forEach((b, i) => {
        checkCondition(`${cat} branches[${i}]`, b.when);
      });
      for (const m of Object.keys(c.effects)) if (!measures.has(m)) add(cat, `effect on undeclared measure "${m}"`);
      for (const f of c.sets) if (!flags.has(f)) add(cat, `sets undeclared flag "${f}"`);
    }
  }

  // Reachability from the start.
  const reached = new Set<string>();
  const stack = nodes.has(s.start) ? [s.start] : [];
  while (stack.length) {
    const id = stack.pop() as string;
    if (reached.has(id)) continue;
    reached.add(id);
    const node = nodes.get(id);
    if (node) stack.push(...successors(node).filter((n) => nodes.has(n)));
  }
  for (const n of s.nodes) if (!reached.has(n.id)) add(`node ${n.id}`, 'cannot be reached from the start');

  // Nodes that can reach an ending: fixed point over predecessors.
  const ends = new Set(s.nodes.filter((n) => n.ending).map((n) => n.id));
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of s.nodes) {
      if (!ends.has(n.id) && successors(n).some((t) => ends.has(t))) {
        ends.add(n.id);
        grew = true;
      }
    }
  }
  for (const n of s.nodes) if (reached.has(n.id) && !ends.has(n.id)) add(`node ${n.id}`, 'no path from here ever reaches an ending');

  const kinds = new Set(s.nodes.flatMap((n) => (n.ending ? [n.ending.kind] : [])));
  for (const k of ['good', 'bad'] as const) if (!kinds.has(k)) add('nodes', `needs at least one ${k} ending`);
  return problems;
}

/** Decision points: nodes where the rep chooses. */
export function decisionPoints(s: Scenario): number {
  return s.nodes.filter((n) => n.choices.length > 0).length;
}
