import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { formatProblem, type Problem } from '../../src/content-checks/problems.ts';
import { checkScenarioGraph, decisionPoints } from '../../src/content-checks/scenario-graph.ts';
import { type Scenario, scenarioSchema } from '../../src/schemas/scenario.ts';

const FILE = 'content/scenarios/valid.yaml';
// biome-ignore lint/suspicious/noExplicitAny: raw YAML is edited freely to build broken fixtures
type Raw = any;
const raw: Raw = parse(readFileSync(join(import.meta.dirname, '../fixtures/scenarios/valid.yaml'), 'utf8'));

const node = (r: Raw, id: string) => r.nodes.find((n: Raw) => n.id === id);
const choiceOf = (r: Raw, nodeId: string, choiceId: string) => node(r, nodeId).choices.find((c: Raw) => c.id === choiceId);
const endingNode = (id: string, kind: 'good' | 'mixed' | 'bad') => ({
  id,
  lines: [{ speaker: 'narrator', text: { zh: '结束。', en: 'The end.' } }],
  ending: { kind, title: { zh: '结局', en: 'Ending' }, text: { zh: '结束了。', en: 'It is over.' } },
});
const stepNode = (id: string, next: string) => ({
  id,
  lines: [{ speaker: 'lin', text: { zh: '再说一遍。', en: 'Say that again.' } }],
  choices: [
    { id: 'go-on', text: { zh: '继续。', en: 'Go on.' }, style: 'avoiding', consequence: { zh: '没变化。', en: 'Nothing changes.' }, next },
  ],
});
const addChoice = (r: Raw, nodeId: string, id: string, next: string) => {
  const target = node(r, nodeId);
  target.choices = target.choices ?? [];
  target.choices.push({
    id,
    text: { zh: '换个话题。', en: 'Change the subject.' },
    style: 'avoiding',
    consequence: { zh: '嗯。', en: 'Hm.' },
    next,
  });
};

/**
 * The valid fixture with one thing broken. The result still passes the schema, so whatever is
 * reported comes from the graph check.
 */
function broken(edit: (r: Raw) => void): Problem[] {
  const copy = structuredClone(raw);
  edit(copy);
  return checkScenarioGraph(FILE, scenarioSchema.parse(copy));
}
const pretty = (problems: Problem[]) => problems.map(formatProblem);

describe('the valid fixture', () => {
  test('passes the schema and reports nothing', () => {
    const s = scenarioSchema.parse(raw);
    expect(checkScenarioGraph(FILE, s)).toEqual([]);
  });
  test('has two decision points (nodes with choices)', () => {
    expect(decisionPoints(scenarioSchema.parse(raw))).toBe(2);
  });
});

describe('broken fixtures: each problem is reported with the node it is in', () => {
  test('a dangling `next`', () => {
    const problems = broken((r) => {
      choiceOf(r, 'open', 'calm').next = 'nowhere';
    });
    expect(problems).toContainEqual({ file: FILE, where: 'node open choice calm', message: 'points to missing node "nowhere"' });
  });

  test('a dangling branch target', () => {
    const problems = broken((r) => {
      choiceOf(r, 'talk', 'check-crm').branches[1].next = 'gone';
    });
    expect(problems).toContainEqual({ file: FILE, where: 'node talk choice check-crm', message: 'points to missing node "gone"' });
  });

  test('an unreachable node', () => {
    const problems = broken((r) => {
      r.nodes.push(endingNode('orphan', 'mixed'));
    });
    expect(problems).toEqual([{ file: FILE, where: 'node orphan', message: 'cannot be reached from the start' }]);
  });

  test('an unreachable island of nodes that only point at each other is reported node by node', () => {
    const problems = broken((r) => {
      r.nodes.push(stepNode('island-a', 'island-b'), stepNode('island-b', 'good-end'));
    });
    expect(pretty(problems)).toEqual([
      `${FILE}: node island-a: cannot be reached from the start`,
      `${FILE}: node island-b: cannot be reached from the start`,
    ]);
  });

  test('a cycle with no way out: the path never ends', () => {
    const problems = broken((r) => {
      addChoice(r, 'open', 'wander', 'loop-a');
      r.nodes.push(stepNode('loop-a', 'loop-b'), stepNode('loop-b', 'loop-a'));
    });
    expect(problems).toEqual([
      { file: FILE, where: 'node loop-a', message: 'no path from here ever reaches an ending' },
      { file: FILE, where: 'node loop-b', message: 'no path from here ever reaches an ending' },
    ]);
  });

  test('a cycle that does have an exit is fine', () => {
    // `talk` loops to itself through "apologise" and leaves through "check-crm": no problem.
    expect(choiceOf(raw, 'talk', 'apologise').next).toBe('talk');
    const problems = broken((r) => {
      addChoice(r, 'open', 'wander', 'loop-a');
      r.nodes.push(stepNode('loop-a', 'loop-b'), stepNode('loop-b', 'loop-a'));
      addChoice(r, 'loop-b', 'leave', 'mixed-end');
    });
    expect(problems).toEqual([]);
  });

  test('an undeclared measure in a branch condition', () => {
    const problems = broken((r) => {
      choiceOf(r, 'talk', 'check-crm').branches[1].when.measure = 'patience';
    });
    expect(problems).toEqual([
      { file: FILE, where: 'node talk choice check-crm branches[1]', message: 'condition uses undeclared measure "patience"' },
    ]);
  });

  test('an undeclared flag in a `when`, and in a notFlag', () => {
    const problems = broken((r) => {
      choiceOf(r, 'talk', 'apologise').when = { flag: 'rude' };
      choiceOf(r, 'talk', 'check-crm').branches[0].when.notFlag = 'sorry';
    });
    expect(problems).toEqual([
      { file: FILE, where: 'node talk choice apologise when', message: 'condition uses undeclared flag "rude"' },
      { file: FILE, where: 'node talk choice check-crm branches[0]', message: 'condition uses undeclared flag "sorry"' },
    ]);
  });

  test('an effect on an undeclared measure, and setting an undeclared flag', () => {
    const problems = broken((r) => {
      choiceOf(r, 'open', 'calm').effects = { warmth: 1 };
      choiceOf(r, 'open', 'snap').sets = ['shouted'];
    });
    expect(problems).toEqual([
      { file: FILE, where: 'node open choice calm', message: 'effect on undeclared measure "warmth"' },
      { file: FILE, where: 'node open choice snap', message: 'sets undeclared flag "shouted"' },
    ]);
  });

  test('an unknown speaker', () => {
    const problems = broken((r) => {
      node(r, 'open').lines[1].speaker = 'boss';
    });
    expect(problems).toEqual([{ file: FILE, where: 'node open lines[1]', message: 'speaker "boss" is not a character' }]);
  });

  test('"narrator" is always a valid speaker', () => {
    expect(node(raw, 'open').lines[0].speaker).toBe('narrator');
    expect(broken(() => {})).toEqual([]);
  });

  test('a node where every choice has a condition (a run can get stuck)', () => {
    const problems = broken((r) => {
      choiceOf(r, 'talk', 'check-crm').when = { notFlag: 'apologised' };
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: FILE, where: 'node talk' });
    expect(problems[0]?.message).toMatch(/every choice has a condition/);
  });

  test('no good ending', () => {
    const problems = broken((r) => {
      node(r, 'good-end').ending.kind = 'mixed';
    });
    expect(problems).toEqual([{ file: FILE, where: 'nodes', message: 'needs at least one good ending' }]);
  });

  test('no bad ending', () => {
    const problems = broken((r) => {
      node(r, 'bad-end').ending.kind = 'mixed';
    });
    expect(problems).toEqual([{ file: FILE, where: 'nodes', message: 'needs at least one bad ending' }]);
  });

  test('a node with no choices that is not an ending (a dead end)', () => {
    const problems = broken((r) => {
      delete node(r, 'mixed-end').ending;
    });
    expect(pretty(problems)).toContain(`${FILE}: node mixed-end: a node without choices must be an ending`);
    expect(pretty(problems)).toContain(`${FILE}: node mixed-end: no path from here ever reaches an ending`);
  });

  test('an ending node with choices', () => {
    const problems = broken((r) => {
      addChoice(r, 'good-end', 'again', 'open');
    });
    expect(problems).toEqual([{ file: FILE, where: 'node good-end', message: 'an ending node cannot have choices' }]);
  });

  test('a start node that does not exist', () => {
    const problems = broken((r) => {
      r.start = 'begin';
    });
    expect(problems).toContainEqual({ file: FILE, where: 'start', message: 'start node "begin" does not exist' });
  });

  test('two nodes with the same id, and two choices with the same id', () => {
    const nodes = broken((r) => {
      r.nodes.push(endingNode('good-end', 'good'));
    });
    expect(nodes).toContainEqual({ file: FILE, where: 'nodes', message: 'two nodes share an id' });
    const choices = broken((r) => {
      addChoice(r, 'open', 'calm', 'talk');
    });
    expect(choices).toEqual([{ file: FILE, where: 'node open choice calm', message: 'duplicate choice id in this node' }]);
  });
});

describe('the role-plays in content/', () => {
  const dir = join(process.cwd(), 'content', 'scenarios');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  test('there are role-plays to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const f of files) {
    test(`${f} has a sound graph`, () => {
      const parsed = scenarioSchema.safeParse(parse(readFileSync(join(dir, f), 'utf8')));
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(pretty(checkScenarioGraph(`content/scenarios/${f}`, parsed.data as Scenario))).toEqual([]);
    });
  }
});
