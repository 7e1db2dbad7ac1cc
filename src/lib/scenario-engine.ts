import type { Condition } from '../schemas/scenario.ts';

/**
 * The role-play engine: pure functions over a scenario graph, shared by the browser (to play)
 * and the server (to check and save a run by replaying its choices).
 * Works on any text type, so it serves both the bilingual file and a one-language view.
 */
export interface EngineChoice {
  id: string;
  style: string;
  effects: Record<string, number>;
  sets: string[];
  when?: Condition | undefined;
  next: string;
  branches: { when: Condition; next: string }[];
}
export interface EngineNode {
  id: string;
  choices: EngineChoice[];
  ending?: { kind: 'good' | 'mixed' | 'bad' } | undefined;
}
export interface EngineScenario {
  start: string;
  measures: { id: string; initial: number }[];
  nodes: EngineNode[];
}

export interface RunState {
  node: string;
  measures: Record<string, number>;
  flags: string[];
  /** Choices made so far, in order. */
  path: { node: string; choice: string }[];
}

export class InvalidChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidChoiceError';
  }
}

export function initialState(s: EngineScenario): RunState {
  return { node: s.start, measures: Object.fromEntries(s.measures.map((m) => [m.id, m.initial])), flags: [], path: [] };
}

export function holds(c: Condition, state: Pick<RunState, 'measures' | 'flags'>): boolean {
  if (c.flag && !state.flags.includes(c.flag)) return false;
  if (c.notFlag && state.flags.includes(c.notFlag)) return false;
  if (c.measure) {
    const value = state.measures[c.measure] ?? 0;
    if (c.min !== undefined && value < c.min) return false;
    if (c.max !== undefined && value > c.max) return false;
  }
  return true;
}

function nodeOf<N extends EngineNode>(s: { nodes: N[] }, id: string): N {
  const node = s.nodes.find((n) => n.id === id);
  if (!node) throw new InvalidChoiceError(`no node "${id}"`);
  return node;
}

/** The choices offered at the current node (a `when` that fails hides a choice). */
export function availableChoices<C extends EngineChoice>(s: { nodes: (EngineNode & { choices: C[] })[] }, state: RunState): C[] {
  return (nodeOf(s, state.node).choices as C[]).filter((c) => !c.when || holds(c.when, state));
}

/** Applies one choice: measures move, flags are set, and the first matching branch (else `next`) is taken. */
export function applyChoice(s: EngineScenario, state: RunState, choiceId: string): RunState {
  const choice = availableChoices(s, state).find((c) => c.id === choiceId);
  if (!choice) throw new InvalidChoiceError(`choice "${choiceId}" is not available at node "${state.node}"`);
  const measures = { ...state.measures };
  for (const [m, delta] of Object.entries(choice.effects)) measures[m] = (measures[m] ?? 0) + delta;
  const flags = [...new Set([...state.flags, ...choice.sets])];
  const after = { measures, flags };
  const next = choice.branches.find((b) => holds(b.when, after))?.next ?? choice.next;
  return { node: next, measures, flags, path: [...state.path, { node: state.node, choice: choice.id }] };
}

/** Rebuilds a run from its saved choices; throws InvalidChoiceError on a choice that could not have been made. */
export function replay(s: EngineScenario, choices: readonly { node: string; choice: string }[]): RunState {
  let state = initialState(s);
  for (const step of choices) {
    if (step.node !== state.node) throw new InvalidChoiceError(`expected a choice at "${state.node}", got one at "${step.node}"`);
    state = applyChoice(s, state, step.choice);
  }
  return state;
}

export function endingOf(s: EngineScenario, state: RunState): EngineNode['ending'] {
  return nodeOf(s, state.node).ending;
}

/** Sum of a choice's effects: the debrief's measure of how well it served everyone. */
export const choiceValue = (c: EngineChoice) => Object.values(c.effects).reduce((a, b) => a + b, 0);

export interface DebriefStep {
  node: string;
  choice: string;
  effects: Record<string, number>;
  value: number;
}

/**
 * The debrief: each step with what it did, and the worst choice made together with the best
 * choice that was offered at that point.
 */
export function debrief(s: EngineScenario, path: readonly { node: string; choice: string }[]) {
  let state = initialState(s);
  const steps: DebriefStep[] = [];
  let worst: { step: DebriefStep; better: EngineChoice | undefined } | undefined;
  for (const { node, choice } of path) {
    const offered = availableChoices(s, state);
    const made = offered.find((c) => c.id === choice);
    if (!made) break;
    const step = { node, choice, effects: made.effects, value: choiceValue(made) };
    steps.push(step);
    const best = offered.toSorted((a, b) => choiceValue(b) - choiceValue(a))[0];
    // Only a choice worth less than the best on offer can be the costliest; a tie is no mistake.
    if (best && choiceValue(best) > step.value && (!worst || step.value < worst.step.value)) worst = { step, better: best };
    state = applyChoice(s, state, choice);
  }
  return { steps, worst, final: state };
}
