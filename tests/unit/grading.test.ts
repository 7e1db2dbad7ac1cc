import { describe, expect, test } from 'vitest';
import { type Answer, gradeQuiz, isItemCorrect, shuffle } from '../../src/lib/grading.ts';
import { type Quiz, type QuizItem, quizSchema } from '../../src/schemas/quiz.ts';

/** Both languages of a text; the Chinese one is marked so a test can tell them apart. */
const L = (en: string) => ({ zh: `中文：${en}`, en });
const ref = { lesson: 'communication/listening' };
const opt = (id: string, correct = false) => ({ id, text: L(`option ${id}`), correct, feedback: L(`feedback ${id}`) });

const single = {
  id: 'single-q',
  kind: 'single',
  prompt: L('Who owns the lead?'),
  explanation: L('The CRM says.'),
  ref,
  options: [opt('a'), opt('b', true), opt('c')],
};
const best = {
  id: 'best-q',
  kind: 'best-response',
  prompt: L('What do you say?'),
  situation: L('A colleague calls your customer.'),
  explanation: L('Talk first.'),
  ref,
  options: [opt('a', true), opt('b'), opt('c')],
};
const multiple = {
  id: 'multi-q',
  kind: 'multiple',
  prompt: L('Which are fair?'),
  explanation: L('Both a and c.'),
  ref,
  options: [opt('a', true), opt('b'), opt('c', true), opt('d')],
};
const truefalse = {
  id: 'tf-q',
  kind: 'truefalse',
  prompt: L('You may hide a lead.'),
  explanation: L('No.'),
  ref,
  answer: false,
  feedback: L('Hiding a lead breaks the rules.'),
};
const ordering = {
  id: 'order-q',
  kind: 'ordering',
  prompt: L('Put the steps in order.'),
  explanation: L('Talk, then check, then escalate.'),
  ref,
  steps: [
    { id: 'talk', text: L('Talk') },
    { id: 'check', text: L('Check the CRM') },
    { id: 'escalate', text: L('Escalate') },
  ],
};
const filler = (n: number) => ({
  id: `filler-${n}`,
  kind: 'truefalse',
  prompt: L(`statement ${n}`),
  explanation: L('because'),
  ref,
  answer: true,
  feedback: L('no'),
});

/** A valid ten-item quiz (the schema's minimum), parsed so defaults apply as they do for real files. */
function makeQuiz(passMark?: number): Quiz {
  return quizSchema.parse({
    id: 'test-quiz',
    module: 'communication',
    title: L('Test quiz'),
    ...(passMark === undefined ? {} : { passMark }),
    items: [single, best, multiple, truefalse, ordering, ...[1, 2, 3, 4, 5].map(filler)],
  });
}
const quiz = makeQuiz();
const item = (id: string): QuizItem => {
  const found = quiz.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};

/** Every answer right. */
const allRight: Record<string, Answer> = {
  'single-q': 'b',
  'best-q': 'a',
  'multi-q': ['a', 'c'],
  'tf-q': false,
  'order-q': ['talk', 'check', 'escalate'],
  'filler-1': true,
  'filler-2': true,
  'filler-3': true,
  'filler-4': true,
  'filler-5': true,
};
/** `allRight` with the first `wrong` fillers answered wrongly. */
const withWrong = (wrong: number): Record<string, Answer> => {
  const answers = { ...allRight };
  for (let n = 1; n <= wrong; n++) answers[`filler-${n}`] = false;
  return answers;
};

describe('single choice', () => {
  test('the one correct option is right, any other option is wrong', () => {
    expect(isItemCorrect(item('single-q'), 'b')).toBe(true);
    expect(isItemCorrect(item('single-q'), 'a')).toBe(false);
    expect(isItemCorrect(item('single-q'), 'c')).toBe(false);
  });
  test('an option id that does not exist, a list, or nothing is wrong', () => {
    expect(isItemCorrect(item('single-q'), 'z')).toBe(false);
    expect(isItemCorrect(item('single-q'), ['b'])).toBe(false);
    expect(isItemCorrect(item('single-q'), true)).toBe(false);
    expect(isItemCorrect(item('single-q'), undefined)).toBe(false);
  });
});

describe('best response', () => {
  test('is graded like single choice', () => {
    expect(isItemCorrect(item('best-q'), 'a')).toBe(true);
    expect(isItemCorrect(item('best-q'), 'b')).toBe(false);
    expect(isItemCorrect(item('best-q'), ['a'])).toBe(false);
    expect(isItemCorrect(item('best-q'), undefined)).toBe(false);
  });
});

describe('multiple choice: exactly the set of correct options', () => {
  test('the exact set is right, in any order', () => {
    expect(isItemCorrect(item('multi-q'), ['a', 'c'])).toBe(true);
    expect(isItemCorrect(item('multi-q'), ['c', 'a'])).toBe(true);
  });
  test('a subset is wrong', () => {
    expect(isItemCorrect(item('multi-q'), ['a'])).toBe(false);
  });
  test('a superset is wrong', () => {
    expect(isItemCorrect(item('multi-q'), ['a', 'b', 'c'])).toBe(false);
    expect(isItemCorrect(item('multi-q'), ['a', 'b', 'c', 'd'])).toBe(false);
  });
  test('a repeated option id is wrong', () => {
    expect(isItemCorrect(item('multi-q'), ['a', 'c', 'c'])).toBe(false);
  });
  test('an extra id that is not an option of the item makes the set inexact, so it is wrong', () => {
    expect(isItemCorrect(item('multi-q'), ['a', 'c', 'zz'])).toBe(false);
  });
  test('a single string or nothing is wrong', () => {
    expect(isItemCorrect(item('multi-q'), 'a')).toBe(false);
    expect(isItemCorrect(item('multi-q'), [])).toBe(false);
    expect(isItemCorrect(item('multi-q'), undefined)).toBe(false);
  });
});

describe('true/false', () => {
  test('the matching boolean is right, the other wrong', () => {
    expect(isItemCorrect(item('tf-q'), false)).toBe(true);
    expect(isItemCorrect(item('tf-q'), true)).toBe(false);
  });
  test('a string that looks like the answer is not accepted', () => {
    expect(isItemCorrect(item('tf-q'), 'false')).toBe(false);
    expect(isItemCorrect(item('tf-q'), undefined)).toBe(false);
  });
});

describe('ordering', () => {
  test('the steps in their listed order are right', () => {
    expect(isItemCorrect(item('order-q'), ['talk', 'check', 'escalate'])).toBe(true);
  });
  test('any other order is wrong', () => {
    expect(isItemCorrect(item('order-q'), ['check', 'talk', 'escalate'])).toBe(false);
    expect(isItemCorrect(item('order-q'), ['escalate', 'check', 'talk'])).toBe(false);
  });
  test('missing, extra or repeated steps are wrong', () => {
    expect(isItemCorrect(item('order-q'), ['talk', 'check'])).toBe(false);
    expect(isItemCorrect(item('order-q'), ['talk', 'check', 'escalate', 'talk'])).toBe(false);
    expect(isItemCorrect(item('order-q'), ['talk', 'talk', 'talk'])).toBe(false);
    expect(isItemCorrect(item('order-q'), 'talk')).toBe(false);
    expect(isItemCorrect(item('order-q'), undefined)).toBe(false);
  });
});

describe('grading a whole attempt', () => {
  test('all right: full score, passed, every item marked right', () => {
    const grade = gradeQuiz(quiz, allRight);
    expect(grade).toMatchObject({ correct: 10, total: 10, score: 1, passed: true });
    expect(Object.keys(grade.items).sort()).toEqual(quiz.items.map((i) => i.id).sort());
    expect(Object.values(grade.items).every(Boolean)).toBe(true);
  });

  test('the default pass mark is 0.8', () => {
    expect(quiz.passMark).toBe(0.8);
  });

  test('8 of 10 at a pass mark of 0.8 passes (boundary)', () => {
    const grade = gradeQuiz(quiz, withWrong(2));
    expect(grade).toMatchObject({ correct: 8, total: 10, score: 0.8, passed: true });
    expect(grade.items['filler-1']).toBe(false);
    expect(grade.items['filler-2']).toBe(false);
    expect(grade.items['filler-3']).toBe(true);
  });

  test('7 of 10 at a pass mark of 0.8 fails', () => {
    expect(gradeQuiz(quiz, withWrong(3))).toMatchObject({ correct: 7, passed: false });
  });

  test('other pass marks hold at their boundary: 0.7 with 7/10, 0.3 with 3/10, 1 needs everything', () => {
    expect(gradeQuiz(makeQuiz(0.7), withWrong(3)).passed).toBe(true);
    expect(gradeQuiz(makeQuiz(0.7), withWrong(4)).passed).toBe(false);
    const threeRight = Object.fromEntries(Object.entries(allRight).slice(0, 3));
    expect(gradeQuiz(makeQuiz(0.3), threeRight)).toMatchObject({ correct: 3, passed: true });
    expect(gradeQuiz(makeQuiz(1), allRight).passed).toBe(true);
    expect(gradeQuiz(makeQuiz(1), withWrong(1)).passed).toBe(false);
  });

  test('unanswered items count as wrong', () => {
    const { 'multi-q': _m, 'order-q': _o, ...partial } = allRight;
    const grade = gradeQuiz(quiz, partial);
    expect(grade).toMatchObject({ correct: 8, total: 10 });
    expect(grade.items['multi-q']).toBe(false);
    expect(grade.items['order-q']).toBe(false);
    expect(gradeQuiz(quiz, {})).toMatchObject({ correct: 0, total: 10, score: 0, passed: false });
  });

  test('answers for items that are not in the quiz are ignored', () => {
    const grade = gradeQuiz(quiz, { ...withWrong(3), 'not-an-item': 'a', extra: true });
    expect(grade).toMatchObject({ correct: 7, total: 10 });
    expect(Object.keys(grade.items)).not.toContain('not-an-item');
  });

  test('a "__proto__" key in a posted JSON body cannot supply answers', () => {
    // JSON.parse keeps __proto__ as an own key; if grading ever copies answers into a plain
    // object, that key would become the prototype and leak the right answers in.
    const body = JSON.parse(`{"__proto__": ${JSON.stringify(allRight)}}`) as Record<string, Answer>;
    const grade = gradeQuiz(quiz, body);
    expect(grade.correct).toBe(0);
    expect(grade.passed).toBe(false);
  });

  test('answers inherited from a prototype are not counted, only own answers', () => {
    const answers = Object.create(allRight) as Record<string, Answer>;
    answers['filler-1'] = true;
    const grade = gradeQuiz(quiz, answers);
    expect(grade.correct).toBe(1);
    expect(grade.items['filler-1']).toBe(true);
    expect(grade.items['single-q']).toBe(false);
  });
});

describe('shuffle', () => {
  /** mulberry32: a small seeded random source. */
  const seeded = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const list = Array.from({ length: 12 }, (_, i) => `x${i}`);

  test('returns a permutation and leaves the input alone', () => {
    const copy = [...list];
    const out = shuffle(list, seeded(1));
    expect(list).toEqual(copy);
    expect(out).not.toBe(list);
    expect([...out].sort()).toEqual([...list].sort());
  });

  test('the same seed gives the same order; different seeds give different orders', () => {
    expect(shuffle(list, seeded(42))).toEqual(shuffle(list, seeded(42)));
    const orders = new Set([1, 2, 3, 4, 5].map((s) => shuffle(list, seeded(s)).join()));
    expect(orders.size).toBeGreaterThan(1);
    expect(orders.has(list.join())).toBe(false);
  });

  test('every position is reachable (not biased to keep items in place)', () => {
    const random = seeded(7);
    const firstSeen = new Set<string>();
    for (let i = 0; i < 500; i++) firstSeen.add(shuffle(list, random)[0] as string);
    expect(firstSeen.size).toBe(list.length);
  });
});
