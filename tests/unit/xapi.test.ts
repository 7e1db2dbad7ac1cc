import { describe, expect, test } from 'vitest';
import { ACTIVITY_TYPES, stableUuid, statement, VERBS } from '../../src/lib/xapi.ts';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ORIGIN = 'https://fairplay.example.com';

describe('stableUuid', () => {
  test('the same inputs always give the same id', () => {
    expect(stableUuid('person-1', 'passed', 'quiz-x')).toBe(stableUuid('person-1', 'passed', 'quiz-x'));
  });

  test('has the version 5 layout: version nibble 5, RFC 4122 variant', () => {
    for (const parts of [['a'], ['person-1', 'completed', `${ORIGIN}/xapi/activities/x`, '2025-01-01T00:00:00.000Z'], [''], ['李娜']])
      expect(stableUuid(...parts)).toMatch(UUID_V5);
  });

  test('different inputs give different ids', () => {
    const ids = new Set([stableUuid('a'), stableUuid('b'), stableUuid('a', 'b'), stableUuid('b', 'a'), stableUuid('A')]);
    expect(ids.size).toBe(5);
  });

  test('the parts are kept apart: ("ab", "c") is not ("a", "bc")', () => {
    expect(stableUuid('ab', 'c')).not.toBe(stableUuid('a', 'bc'));
  });
});

describe('statement', () => {
  const base = {
    origin: ORIGIN,
    actor: { id: 'person-1', name: 'Li Na' },
    verb: 'passed' as const,
    activity: {
      path: 'courses/fairplay/quizzes/communication',
      type: 'assessment' as const,
      name: { zh: '沟通测验', en: 'Communication quiz' },
    },
    timestamp: '2025-03-01T10:00:00.000Z',
  };

  test('has the xAPI 1.0.3 structure: actor by account, verb with both languages, activity with its type', () => {
    const s = statement(base);
    expect(s).toEqual({
      id: stableUuid('person-1', 'passed', `${ORIGIN}/xapi/activities/courses/fairplay/quizzes/communication`, '2025-03-01T10:00:00.000Z'),
      version: '1.0.3',
      actor: { objectType: 'Agent', name: 'Li Na', account: { homePage: ORIGIN, name: 'person-1' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { 'en-US': 'passed', 'zh-CN': '通过了' } },
      object: {
        objectType: 'Activity',
        id: `${ORIGIN}/xapi/activities/courses/fairplay/quizzes/communication`,
        definition: {
          type: 'http://adlnet.gov/expapi/activities/assessment',
          name: { 'zh-CN': '沟通测验', 'en-US': 'Communication quiz' },
        },
      },
      timestamp: '2025-03-01T10:00:00.000Z',
    });
    expect(s.id).toMatch(UUID_V5);
  });

  test('the id is stable for the same event and differs for another time or verb', () => {
    expect(statement(base).id).toBe(statement({ ...base }).id);
    expect(statement({ ...base, timestamp: '2025-03-02T10:00:00.000Z' }).id).not.toBe(statement(base).id);
    expect(statement({ ...base, verb: 'failed' }).id).not.toBe(statement(base).id);
    expect(statement({ ...base, actor: { id: 'person-2', name: 'Li Na' } }).id).not.toBe(statement(base).id);
  });

  test('every verb and activity type is an ADL IRI', () => {
    for (const iri of [...Object.values(VERBS), ...Object.values(ACTIVITY_TYPES)]) expect(iri).toMatch(/^http:\/\/adlnet\.gov\/expapi\//);
  });

  test('a score result: scaled, raw, min, max and success', () => {
    const s = statement({ ...base, result: { scaled: 0.8, raw: 8, min: 0, max: 10, success: true } });
    expect(s.result).toEqual({ score: { scaled: 0.8, raw: 8, min: 0, max: 10 }, success: true });
  });

  test('success false is kept (a failed attempt is not a missing result)', () => {
    const s = statement({ ...base, verb: 'failed', result: { scaled: 0.5, raw: 5, min: 0, max: 10, success: false } });
    expect(s.result).toMatchObject({ success: false });
  });

  test('completion without a score has no score object; extensions pass through', () => {
    const s = statement({
      ...base,
      verb: 'completed',
      result: { completion: true, extensions: { 'https://fairplay.example.com/xapi/ending': 'good' } },
    });
    expect(s.result).toEqual({ completion: true, extensions: { 'https://fairplay.example.com/xapi/ending': 'good' } });
  });

  test('no result given: no result key at all', () => {
    expect(statement(base)).not.toHaveProperty('result');
  });

  test('a parent course goes into the context', () => {
    const s = statement({ ...base, parent: { path: 'courses/fairplay', name: { zh: '公平竞争', en: 'Fair play' } } });
    expect(s.context).toEqual({
      contextActivities: {
        parent: [
          {
            objectType: 'Activity',
            id: `${ORIGIN}/xapi/activities/courses/fairplay`,
            definition: { type: 'http://adlnet.gov/expapi/activities/course', name: { 'zh-CN': '公平竞争', 'en-US': 'Fair play' } },
          },
        ],
      },
      language: 'zh-CN',
    });
    expect(statement(base)).not.toHaveProperty('context');
  });

  test('survives a JSON round trip unchanged (no undefined values, no Dates)', () => {
    const s = statement({
      ...base,
      result: { scaled: 1, raw: 10, min: 0, max: 10, success: true },
      parent: { path: 'courses/fairplay', name: { zh: '公平竞争', en: 'Fair play' } },
    });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
