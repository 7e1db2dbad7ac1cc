import { describe, expect, test } from 'vitest';
import {
  applyChoice,
  availableChoices,
  choiceValue,
  debrief,
  type EngineChoice,
  type EngineScenario,
  endingOf,
  holds,
  InvalidChoiceError,
  initialState,
  replay,
} from '../../src/lib/scenario-engine.ts';

const choice = (c: Partial<EngineChoice> & { id: string; next: string }): EngineChoice => ({
  style: 'collaborative',
  effects: {},
  sets: [],
  branches: [],
  ...c,
});

/**
 * A small role-play: a colleague has called your customer.
 * open  -> calm (+trust) or snap (-trust, sets "insulted")
 * talk  -> apologise (only after snapping), propose (always; branches on trust and the flag),
 *          walk-away (closed once insulted)
 * endings: deal (good), stalemate (mixed), row (bad)
 */
const scenario: EngineScenario = {
  start: 'open',
  measures: [
    { id: 'trust', initial: 0 },
    { id: 'composure', initial: 2 },
  ],
  nodes: [
    {
      id: 'open',
      choices: [
        choice({ id: 'calm', effects: { trust: 1, composure: 1 }, next: 'talk' }),
        choice({ id: 'snap', style: 'accusing', effects: { trust: -2, composure: -1 }, sets: ['insulted'], next: 'talk' }),
        choice({ id: 'shrug', style: 'avoiding', effects: { trust: 0 }, next: 'talk' }),
      ],
    },
    {
      id: 'talk',
      choices: [
        choice({ id: 'apologise', effects: { trust: 2 }, sets: ['apologised'], when: { flag: 'insulted' }, next: 'talk', branches: [] }),
        choice({
          id: 'propose',
          effects: { trust: 1 },
          next: 'stalemate',
          branches: [
            { when: { flag: 'insulted', notFlag: 'apologised' }, next: 'row' },
            { when: { measure: 'trust', min: 2 }, next: 'deal' },
            { when: { measure: 'trust', min: 1 }, next: 'row' },
          ],
        }),
        choice({ id: 'walk-away', style: 'avoiding', effects: { trust: -1 }, when: { notFlag: 'insulted' }, next: 'stalemate' }),
      ],
    },
    { id: 'deal', choices: [], ending: { kind: 'good' } },
    { id: 'stalemate', choices: [], ending: { kind: 'mixed' } },
    { id: 'row', choices: [], ending: { kind: 'bad' } },
  ],
};
const ids = (choices: EngineChoice[]) => choices.map((c) => c.id);

describe('initialState', () => {
  test('starts at the start node with the initial measures, no flags, no path', () => {
    expect(initialState(scenario)).toEqual({ node: 'open', measures: { trust: 0, composure: 2 }, flags: [], path: [] });
  });
});

describe('conditions', () => {
  const state = { measures: { trust: 2, composure: -1 }, flags: ['insulted'] };
  test('flag: holds only when the flag is set', () => {
    expect(holds({ flag: 'insulted' }, state)).toBe(true);
    expect(holds({ flag: 'apologised' }, state)).toBe(false);
  });
  test('notFlag: holds only when the flag is not set', () => {
    expect(holds({ notFlag: 'apologised' }, state)).toBe(true);
    expect(holds({ notFlag: 'insulted' }, state)).toBe(false);
  });
  test('min and max are inclusive bounds', () => {
    expect(holds({ measure: 'trust', min: 2 }, state)).toBe(true);
    expect(holds({ measure: 'trust', min: 3 }, state)).toBe(false);
    expect(holds({ measure: 'trust', max: 2 }, state)).toBe(true);
    expect(holds({ measure: 'trust', max: 1 }, state)).toBe(false);
    expect(holds({ measure: 'composure', min: -1, max: -1 }, state)).toBe(true);
    expect(holds({ measure: 'composure', min: 0, max: 5 }, state)).toBe(false);
  });
  test('every part given must hold', () => {
    expect(holds({ flag: 'insulted', measure: 'trust', min: 2 }, state)).toBe(true);
    expect(holds({ flag: 'insulted', measure: 'trust', min: 3 }, state)).toBe(false);
    expect(holds({ flag: 'insulted', notFlag: 'insulted' }, state)).toBe(false);
  });
  test('a measure not in the state counts as 0', () => {
    expect(holds({ measure: 'unknown', min: 0, max: 0 }, state)).toBe(true);
    expect(holds({ measure: 'unknown', min: 1 }, state)).toBe(false);
  });
});

describe('applying a choice', () => {
  test('measures move by the effects, flags are set, the path records the step', () => {
    const s0 = initialState(scenario);
    const s1 = applyChoice(scenario, s0, 'snap');
    expect(s1).toEqual({
      node: 'talk',
      measures: { trust: -2, composure: 1 },
      flags: ['insulted'],
      path: [{ node: 'open', choice: 'snap' }],
    });
  });

  test('the previous state is not changed', () => {
    const s0 = initialState(scenario);
    const before = structuredClone(s0);
    applyChoice(scenario, s0, 'snap');
    expect(s0).toEqual(before);
  });

  test('a flag set twice is kept once', () => {
    const s = { ...initialState(scenario), node: 'talk', flags: ['insulted', 'apologised'] };
    const after = applyChoice(scenario, s, 'apologise');
    expect(after.flags).toEqual(['insulted', 'apologised']);
  });

  test('a `when` that fails closes a choice: it is not offered and cannot be made', () => {
    const afterCalm = applyChoice(scenario, initialState(scenario), 'calm');
    expect(ids(availableChoices(scenario, afterCalm))).toEqual(['propose', 'walk-away']);
    expect(() => applyChoice(scenario, afterCalm, 'apologise')).toThrow(InvalidChoiceError);

    const afterSnap = applyChoice(scenario, initialState(scenario), 'snap');
    expect(ids(availableChoices(scenario, afterSnap))).toEqual(['apologise', 'propose']);
    expect(() => applyChoice(scenario, afterSnap, 'walk-away')).toThrow(InvalidChoiceError);
  });

  test('an unknown choice id is refused', () => {
    expect(() => applyChoice(scenario, initialState(scenario), 'bribe')).toThrow(InvalidChoiceError);
  });

  test('branches are checked in order and the first that holds wins', () => {
    // calm: trust 1; propose: trust 2. Both the "min 2" and the later "min 1" branch hold: the first wins.
    const s = applyChoice(scenario, applyChoice(scenario, initialState(scenario), 'calm'), 'propose');
    expect(s.measures.trust).toBe(2);
    expect(s.node).toBe('deal');
  });

  test('a later branch is taken when the earlier ones fail', () => {
    // shrug: trust 0; propose: trust 1 -> only "min 1" holds.
    const s = applyChoice(scenario, applyChoice(scenario, initialState(scenario), 'shrug'), 'propose');
    expect(s.node).toBe('row');
  });

  test('branches see the state after the choice: its own effects and the flags it sets', () => {
    const own: EngineScenario = {
      start: 'a',
      measures: [{ id: 'trust', initial: 0 }],
      nodes: [
        {
          id: 'a',
          choices: [
            choice({ id: 'promise', sets: ['promised'], next: 'plain', branches: [{ when: { flag: 'promised' }, next: 'kept' }] }),
            choice({ id: 'warm', effects: { trust: 1 }, next: 'plain', branches: [{ when: { measure: 'trust', min: 1 }, next: 'kept' }] }),
          ],
        },
        { id: 'plain', choices: [], ending: { kind: 'bad' } },
        { id: 'kept', choices: [], ending: { kind: 'good' } },
      ],
    };
    expect(applyChoice(own, initialState(own), 'promise').node).toBe('kept');
    expect(applyChoice(own, initialState(own), 'warm').node).toBe('kept');
  });

  test('an earlier flag steers a later branch (snap without apology ends in a row)', () => {
    let s = applyChoice(scenario, initialState(scenario), 'snap');
    s = applyChoice(scenario, s, 'propose');
    expect(s.node).toBe('row');
    let t = applyChoice(scenario, initialState(scenario), 'snap');
    t = applyChoice(scenario, t, 'apologise');
    t = applyChoice(scenario, t, 'apologise');
    t = applyChoice(scenario, t, 'propose');
    expect(t.measures.trust).toBe(3);
    expect(t.node).toBe('deal');
  });

  test('with no branch holding, the default next is taken', () => {
    // walk-away has no branches; propose with trust ending at 0 or below matches none.
    const s = applyChoice(scenario, applyChoice(scenario, initialState(scenario), 'calm'), 'walk-away');
    expect(s.node).toBe('stalemate');
    const stateAtTalk = { node: 'talk', measures: { trust: -5, composure: 0 }, flags: [], path: [] };
    expect(applyChoice(scenario, stateAtTalk, 'propose').node).toBe('stalemate');
  });
});

describe('replay', () => {
  test('rebuilds a run from its saved choices', () => {
    const path = [
      { node: 'open', choice: 'snap' },
      { node: 'talk', choice: 'apologise' },
      { node: 'talk', choice: 'apologise' },
      { node: 'talk', choice: 'propose' },
    ];
    const state = replay(scenario, path);
    expect(state.node).toBe('deal');
    expect(state.path).toEqual(path);
    expect(state.flags.sort()).toEqual(['apologised', 'insulted']);
    expect(endingOf(scenario, state)).toEqual({ kind: 'good' });
  });

  test('rejects a step claimed at a node the run was not at', () => {
    expect(() => replay(scenario, [{ node: 'talk', choice: 'propose' }])).toThrow(InvalidChoiceError);
    expect(() =>
      replay(scenario, [
        { node: 'open', choice: 'calm' },
        { node: 'open', choice: 'calm' },
      ]),
    ).toThrow(InvalidChoiceError);
  });

  test('rejects a choice its own earlier choices had closed (an impossible path)', () => {
    expect(() =>
      replay(scenario, [
        { node: 'open', choice: 'snap' },
        { node: 'talk', choice: 'walk-away' },
      ]),
    ).toThrow(InvalidChoiceError);
    expect(() =>
      replay(scenario, [
        { node: 'open', choice: 'calm' },
        { node: 'talk', choice: 'apologise' },
      ]),
    ).toThrow(/not available/);
  });

  test('rejects a choice after the run has already ended', () => {
    expect(() =>
      replay(scenario, [
        { node: 'open', choice: 'calm' },
        { node: 'talk', choice: 'walk-away' },
        { node: 'stalemate', choice: 'calm' },
      ]),
    ).toThrow(InvalidChoiceError);
  });

  test('an unfinished run has no ending yet', () => {
    expect(endingOf(scenario, replay(scenario, [{ node: 'open', choice: 'calm' }]))).toBeUndefined();
  });

  test('the error is an InvalidChoiceError by name, so the server can answer 400', () => {
    try {
      replay(scenario, [{ node: 'nowhere', choice: 'x' }]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidChoiceError);
      expect((error as Error).name).toBe('InvalidChoiceError');
    }
  });
});

describe('debrief', () => {
  test('choiceValue is the sum of the effects', () => {
    expect(choiceValue(choice({ id: 'x', next: 'y', effects: { a: 2, b: -3, c: 1 } }))).toBe(0);
    expect(choiceValue(choice({ id: 'x', next: 'y' }))).toBe(0);
  });

  test('lists each step with its effects and value, and ends in the final state', () => {
    const path = [
      { node: 'open', choice: 'calm' },
      { node: 'talk', choice: 'walk-away' },
    ];
    const report = debrief(scenario, path);
    expect(report.steps).toEqual([
      { node: 'open', choice: 'calm', effects: { trust: 1, composure: 1 }, value: 2 },
      { node: 'talk', choice: 'walk-away', effects: { trust: -1 }, value: -1 },
    ]);
    expect(report.final.node).toBe('stalemate');
  });

  test('finds the worst choice and the better move that was offered at that point', () => {
    const report = debrief(scenario, [
      { node: 'open', choice: 'calm' },
      { node: 'talk', choice: 'walk-away' },
    ]);
    expect(report.worst?.step).toMatchObject({ node: 'talk', choice: 'walk-away', value: -1 });
    // apologise (+2) was not offered after "calm"; propose (+1) is the best move offered.
    expect(report.worst?.better?.id).toBe('propose');
  });

  test('the worst is the lowest-valued of several poor choices', () => {
    const report = debrief(scenario, [
      { node: 'open', choice: 'snap' },
      { node: 'talk', choice: 'propose' },
    ]);
    // snap (-3) is worse than propose (+1, which was second best after apologise +2).
    expect(report.worst?.step.choice).toBe('snap');
    expect(report.worst?.better?.id).toBe('calm');
  });

  test('a run of only best choices has no worst choice', () => {
    const report = debrief(scenario, [
      { node: 'open', choice: 'calm' },
      { node: 'talk', choice: 'propose' },
    ]);
    expect(report.worst).toBeUndefined();
    expect(report.final.node).toBe('deal');
  });

  test('choosing one of two equally good moves is not reported as a costliest choice', () => {
    const tie: EngineScenario = {
      start: 'a',
      measures: [{ id: 'trust', initial: 0 }],
      nodes: [
        {
          id: 'a',
          choices: [
            choice({ id: 'listen', effects: { trust: 2 }, next: 'end' }),
            choice({ id: 'ask', effects: { trust: 2 }, next: 'end' }),
            choice({ id: 'blame', effects: { trust: -2 }, next: 'end' }),
          ],
        },
        { id: 'end', choices: [], ending: { kind: 'good' } },
      ],
    };
    const report = debrief(tie, [{ node: 'a', choice: 'ask' }]);
    // "ask" was as good as anything offered: there is no better move to show.
    expect(report.worst).toBeUndefined();
  });

  test('stops at a step that could not have been made instead of throwing', () => {
    const report = debrief(scenario, [
      { node: 'open', choice: 'calm' },
      { node: 'talk', choice: 'apologise' },
    ]);
    expect(report.steps.map((s) => s.choice)).toEqual(['calm']);
    expect(report.final.node).toBe('talk');
  });
});
