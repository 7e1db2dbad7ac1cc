import { describe, expect, test } from 'vitest';
import { itemFeedback, publicQuiz } from '../../src/lib/quiz-view.ts';
import { type Quiz, type QuizItem, quizSchema } from '../../src/schemas/quiz.ts';

const L = (en: string) => ({ zh: `中文${en}`, en: `EN ${en}` });
const ref = { lesson: 'communication/listening' };
const opt = (id: string, correct = false) => ({ id, text: L(`option ${id}`), correct, feedback: L(`secret-feedback-${id}`) });

const quiz: Quiz = quizSchema.parse({
  id: 'view-quiz',
  module: 'communication',
  title: L('View quiz'),
  items: [
    {
      id: 'single-q',
      kind: 'single',
      prompt: L('single prompt'),
      explanation: L('secret-explanation-single'),
      ref,
      options: [opt('a'), opt('b', true), opt('c'), opt('d')],
    },
    {
      id: 'best-q',
      kind: 'best-response',
      prompt: L('best prompt'),
      situation: L('the situation'),
      explanation: L('secret-explanation-best'),
      ref,
      options: [opt('a', true), opt('b'), opt('c')],
    },
    {
      id: 'multi-q',
      kind: 'multiple',
      prompt: L('multi prompt'),
      explanation: L('secret-explanation-multi'),
      ref,
      options: [opt('a', true), opt('b'), opt('c', true), opt('d'), opt('e')],
    },
    {
      id: 'tf-q',
      kind: 'truefalse',
      prompt: L('tf prompt'),
      explanation: L('secret-explanation-tf'),
      ref,
      answer: false,
      feedback: L('secret-tf-feedback'),
    },
    {
      id: 'order-q',
      kind: 'ordering',
      prompt: L('order prompt'),
      explanation: L('secret-explanation-order'),
      ref,
      steps: ['first', 'second', 'third', 'fourth', 'fifth'].map((id) => ({ id, text: L(`step ${id}`) })),
    },
    ...[1, 2, 3, 4, 5].map((n) => ({
      id: `tf-${n}`,
      kind: 'truefalse',
      prompt: L(`statement ${n}`),
      explanation: L(`secret-explanation-${n}`),
      ref,
      answer: n % 2 === 0,
      feedback: L(`secret-wrong-${n}`),
    })),
  ],
});
const item = (id: string): QuizItem => quiz.items.find((i) => i.id === id) as QuizItem;

/** mulberry32 */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

describe('publicQuiz: what crosses to the browser', () => {
  for (const locale of ['zh', 'en'] as const) {
    test(`(${locale}) carries no answer key: no correct flags, feedback, explanations or true/false answers`, () => {
      const json = JSON.stringify(publicQuiz(quiz, locale, seeded(1)));
      expect(json).not.toMatch(/"correct"/);
      expect(json).not.toMatch(/"feedback"/);
      expect(json).not.toMatch(/"explanation"/);
      expect(json).not.toMatch(/"answer"/);
      expect(json).not.toMatch(/"ref"/);
      expect(json).not.toMatch(/secret/);
      expect(json).not.toMatch(/:(true|false)\b/);
    });
  }

  test('every item and every option is present exactly once, with the texts of the chosen language only', () => {
    const view = publicQuiz(quiz, 'en', seeded(3));
    expect(view.map((i) => i.id).sort()).toEqual(quiz.items.map((i) => i.id).sort());
    for (const pub of view) {
      const source = item(pub.id);
      expect(pub.kind).toBe(source.kind);
      expect(pub.prompt).toBe(source.prompt.en);
      const expected = source.kind === 'truefalse' ? [] : source.kind === 'ordering' ? source.steps : source.options;
      expect(pub.options.map((o) => o.id).sort()).toEqual(expected.map((o) => o.id).sort());
      const texts = new Map(expected.map((o) => [o.id, o.text.en]));
      for (const o of pub.options) expect(o.text).toBe(texts.get(o.id));
      expect(Object.keys(pub).sort()).toEqual(
        source.kind === 'best-response' ? ['id', 'kind', 'options', 'prompt', 'situation'] : ['id', 'kind', 'options', 'prompt'],
      );
    }
    expect(JSON.stringify(view)).not.toContain('中文');
  });

  test('the Chinese view has Chinese texts and the best-response situation', () => {
    const view = publicQuiz(quiz, 'zh', seeded(3));
    const best = view.find((i) => i.id === 'best-q');
    expect(best?.situation).toBe('中文the situation');
    expect(best?.prompt).toBe('中文best prompt');
    expect(JSON.stringify(view)).not.toContain('EN ');
  });

  test('true/false items have no options', () => {
    expect(
      publicQuiz(quiz, 'en', seeded(5))
        .filter((i) => i.kind === 'truefalse')
        .every((i) => i.options.length === 0),
    ).toBe(true);
  });

  test('a seeded random gives the same order every time', () => {
    expect(publicQuiz(quiz, 'en', seeded(99))).toEqual(publicQuiz(quiz, 'en', seeded(99)));
  });

  test('items, options and ordering steps are shuffled (the answer order is not given away)', () => {
    const runs = [1, 2, 3, 4, 5, 6, 7, 8].map((s) => publicQuiz(quiz, 'en', seeded(s)));
    const itemOrders = new Set(runs.map((v) => v.map((i) => i.id).join()));
    expect(itemOrders.size).toBeGreaterThan(1);
    const stepOrders = runs.map((v) =>
      v
        .find((i) => i.id === 'order-q')
        ?.options.map((o) => o.id)
        .join(),
    );
    expect(new Set(stepOrders).size).toBeGreaterThan(1);
    expect(stepOrders.filter((o) => o === 'first,second,third,fourth,fifth').length).toBeLessThan(runs.length);
    const optionOrders = new Set(
      runs.map((v) =>
        v
          .find((i) => i.id === 'multi-q')
          ?.options.map((o) => o.id)
          .join(),
      ),
    );
    expect(optionOrders.size).toBeGreaterThan(1);
  });

  test('with a random source that never swaps, the file order is kept (the random source is really used)', () => {
    const keep = () => 0.999999;
    const view = publicQuiz(quiz, 'en', keep);
    expect(view.map((i) => i.id)).toEqual(quiz.items.map((i) => i.id));
    expect(view.find((i) => i.id === 'order-q')?.options.map((o) => o.id)).toEqual(['first', 'second', 'third', 'fourth', 'fifth']);
  });
});

describe('itemFeedback', () => {
  const href = '/en/courses/fairplay/communication/listening#asking';

  test('a wrong single choice: notes on the chosen option and the right one, not on the others', () => {
    const fb = itemFeedback(item('single-q'), 'c', false, 'en', href);
    expect(fb).toMatchObject({ id: 'single-q', correct: false, explanation: 'EN secret-explanation-single', lessonHref: href });
    expect(fb.notes).toEqual([
      { optionId: 'b', text: 'EN option b', correct: true, chosen: false, feedback: 'EN secret-feedback-b' },
      { optionId: 'c', text: 'EN option c', correct: false, chosen: true, feedback: 'EN secret-feedback-c' },
    ]);
    expect(fb.rightAnswer).toBeUndefined();
    expect(fb.wrongFeedback).toBeUndefined();
  });

  test('a right single choice: one note, chosen and correct, in Chinese when asked', () => {
    const fb = itemFeedback(item('single-q'), 'b', true, 'zh', href);
    expect(fb.explanation).toBe('中文secret-explanation-single');
    expect(fb.notes).toEqual([{ optionId: 'b', text: '中文option b', correct: true, chosen: true, feedback: '中文secret-feedback-b' }]);
  });

  test('multiple choice: every correct option and every chosen one are explained', () => {
    const fb = itemFeedback(item('multi-q'), ['a', 'b'], false, 'en', href);
    expect(fb.notes.map((n) => [n.optionId, n.correct, n.chosen])).toEqual([
      ['a', true, true],
      ['b', false, true],
      ['c', true, false],
    ]);
  });

  test('an unanswered choice item still shows the right answer', () => {
    const fb = itemFeedback(item('best-q'), undefined, false, 'en', href);
    expect(fb.notes).toEqual([{ optionId: 'a', text: 'EN option a', correct: true, chosen: false, feedback: 'EN secret-feedback-a' }]);
  });

  test('true/false answered wrongly: the right answer and the wrong-answer feedback', () => {
    const fb = itemFeedback(item('tf-q'), true, false, 'en', href);
    expect(fb.rightAnswer).toEqual(['false']);
    expect(fb.wrongFeedback).toBe('EN secret-tf-feedback');
    expect(fb.notes).toEqual([]);
  });

  test('true/false answered rightly: no wrong-answer feedback', () => {
    const fb = itemFeedback(item('tf-q'), false, true, 'zh', href);
    expect(fb.rightAnswer).toEqual(['false']);
    expect(fb).not.toHaveProperty('wrongFeedback');
    expect(fb.explanation).toBe('中文secret-explanation-tf');
  });

  test('ordering: the steps in the right order, in the asked language', () => {
    const fb = itemFeedback(item('order-q'), ['second', 'first'], false, 'zh', href);
    expect(fb.rightAnswer).toEqual(['中文step first', '中文step second', '中文step third', '中文step fourth', '中文step fifth']);
    expect(fb.correct).toBe(false);
  });
});
