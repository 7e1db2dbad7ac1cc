import { actions } from 'astro:actions';
import { useEffect, useId, useRef, useState } from 'react';
import type { PublicItem, ItemFeedback } from '../lib/quiz-view.ts';

type Answer = string | string[] | boolean;
type Result = { correct: number; total: number; score: number; passed: boolean; passMark: number; feedback: ItemFeedback[] };

export interface QuizStrings {
  submit: string;
  submitting: string;
  unanswered: string;
  true: string;
  false: string;
  moveUp: string;
  moveDown: string;
  moved: string;
  orderHint: string;
  itemLabel: string;
  resultPassed: string;
  resultFailed: string;
  scoreLine: string;
  correct: string;
  incorrect: string;
  yourAnswer: string;
  rightAnswer: string;
  whyRight: string;
  readMore: string;
  retake: string;
  error: string;
  multipleHint: string;
  situation: string;
}

interface Props {
  quizId: string;
  attemptId: string;
  locale: 'zh' | 'en';
  items: PublicItem[];
  strings: QuizStrings;
}

const fill = (text: string, params: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (m, k: string) => String(params[k] ?? m));

/** A quiz attempt: answers collected here, graded on the server, feedback shown per item. */
export default function QuizRunner({ quizId, attemptId, locale, items, strings }: Props) {
  const [answers, setAnswers] = useState<Record<string, Answer>>(() =>
    Object.fromEntries(items.filter((i) => i.kind === 'ordering').map((i) => [i.id, i.options.map((o) => o.id)])),
  );
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const resultRef = useRef<HTMLHeadingElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const uid = useId();

  // Focus moves to the result once it is on screen, so a screen reader reads it next.
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const set = (id: string, value: Answer) => setAnswers((a) => ({ ...a, [id]: value }));
  const feedbackFor = (id: string) => result?.feedback.find((f) => f.id === id);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const missing = items
      .map((item, i) => ({ item, n: i + 1 }))
      .filter(({ item }) => {
        const a = answers[item.id];
        return a === undefined || (Array.isArray(a) && a.length === 0 && item.kind === 'multiple');
      });
    if (missing.length) {
      setError(fill(strings.unanswered, { items: missing.map((m) => m.n).join(', ') }));
      requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    setBusy(true);
    setError(null);
    const { data, error: failure } = await actions.submitQuiz({ quizId, attemptId, locale, answers });
    setBusy(false);
    if (failure || !data) {
      setError(failure?.message || strings.error);
      requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    setResult(data);
  }

  function move(item: PublicItem, index: number, delta: number) {
    const order = [...((answers[item.id] as string[]) ?? item.options.map((o) => o.id))];
    const target = index + delta;
    if (target < 0 || target >= order.length) return;
    [order[index], order[target]] = [order[target] as string, order[index] as string];
    set(item.id, order);
    const text = item.options.find((o) => o.id === order[target])?.text ?? '';
    setAnnouncement(fill(strings.moved, { step: text, position: target + 1 }));
  }

  return (
    <form onSubmit={submit} noValidate aria-describedby={error ? `${uid}-error` : undefined}>
      <div aria-live="polite" className="visually-hidden">
        {announcement}
      </div>
      {result && (
        <section className={`notice ${result.passed ? 'good' : 'bad'}`} aria-labelledby={`${uid}-result`}>
          <h2 id={`${uid}-result`} tabIndex={-1} ref={resultRef}>
            {result.passed ? strings.resultPassed : strings.resultFailed}
          </h2>
          <p data-testid="quiz-score">
            {fill(strings.scoreLine, {
              correct: result.correct,
              total: result.total,
              percent: Math.round(result.score * 100),
              pass: Math.round(result.passMark * 100),
            })}
          </p>
          <p>
            <a className="button" href={`/${locale}/quizzes/${quizId}`}>
              {strings.retake}
            </a>
          </p>
        </section>
      )}
      <ol className="quiz-items">
        {items.map((item, index) => {
          const fb = feedbackFor(item.id);
          const name = `${uid}-${item.id}`;
          const legend = (
            <legend>
              <span className="visually-hidden">{fill(strings.itemLabel, { n: index + 1 })} </span>
              {item.prompt}
            </legend>
          );
          return (
            <li key={item.id} className="card quiz-item" data-item={item.id}>
              {item.situation && (
                <p className="box situation">
                  <strong>{strings.situation}</strong> {item.situation}
                </p>
              )}
              {item.kind === 'ordering' ? (
                <fieldset disabled={!!result}>
                  {legend}
                  <p className="hint">{strings.orderHint}</p>
                  <ol className="order-list">
                    {((answers[item.id] as string[]) ?? []).map((stepId, i, list) => {
                      const step = item.options.find((o) => o.id === stepId);
                      return (
                        <li key={stepId}>
                          <span>{step?.text}</span>
                          <span className="actions">
                            <button
                              type="button"
                              className="secondary"
                              onClick={() => move(item, i, -1)}
                              disabled={i === 0 || !!result}
                              aria-label={`${strings.moveUp}: ${step?.text}`}
                            >
                              ↑
                            </button>
                            <button
                              type="button"
                              className="secondary"
                              onClick={() => move(item, i, 1)}
                              disabled={i === list.length - 1 || !!result}
                              aria-label={`${strings.moveDown}: ${step?.text}`}
                            >
                              ↓
                            </button>
                          </span>
                        </li>
                      );
                    })}
                  </ol>
                </fieldset>
              ) : (
                <fieldset disabled={!!result}>
                  {legend}
                  {item.kind === 'multiple' && <p className="hint">{strings.multipleHint}</p>}
                  {(item.kind === 'truefalse'
                    ? [
                        { id: 'true', text: strings.true },
                        { id: 'false', text: strings.false },
                      ]
                    : item.options
                  ).map((option) => {
                    const id = `${name}-${option.id}`;
                    const current = answers[item.id];
                    const checked =
                      item.kind === 'multiple'
                        ? Array.isArray(current) && current.includes(option.id)
                        : item.kind === 'truefalse'
                          ? current === (option.id === 'true')
                          : current === option.id;
                    return (
                      <div className="choice" key={option.id}>
                        <input
                          id={id}
                          type={item.kind === 'multiple' ? 'checkbox' : 'radio'}
                          name={name}
                          checked={checked}
                          onChange={(e) => {
                            if (item.kind === 'multiple') {
                              const list = Array.isArray(current) ? current : [];
                              set(item.id, e.target.checked ? [...list, option.id] : list.filter((x) => x !== option.id));
                            } else set(item.id, item.kind === 'truefalse' ? option.id === 'true' : option.id);
                          }}
                        />
                        <label htmlFor={id}>{option.text}</label>
                      </div>
                    );
                  })}
                </fieldset>
              )}
              {fb && (
                <div className={`feedback ${fb.correct ? 'good' : 'bad'}`} data-testid="item-feedback">
                  <p>
                    <strong>{fb.correct ? `✓ ${strings.correct}` : `✗ ${strings.incorrect}`}</strong>
                  </p>
                  {fb.wrongFeedback && <p>{fb.wrongFeedback}</p>}
                  {fb.rightAnswer && (
                    <div>
                      <strong>{strings.rightAnswer}</strong>
                      {item.kind === 'ordering' ? (
                        <ol>
                          {fb.rightAnswer.map((s) => (
                            <li key={s}>{s}</li>
                          ))}
                        </ol>
                      ) : (
                        <span> {fb.rightAnswer[0] === 'true' ? strings.true : strings.false}</span>
                      )}
                    </div>
                  )}
                  <ul>
                    {fb.notes.map((n) => (
                      <li key={n.optionId}>
                        <strong>
                          {n.correct ? strings.rightAnswer : strings.yourAnswer}
                          {n.correct && n.chosen ? ` · ${strings.yourAnswer}` : ''}
                        </strong>{' '}
                        {n.text} — {n.feedback}
                      </li>
                    ))}
                  </ul>
                  <p>
                    <strong>{strings.whyRight}</strong> {fb.explanation}
                  </p>
                  <p>
                    <a href={fb.lessonHref}>{strings.readMore}</a>
                  </p>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {error && (
        <div className="notice bad" role="alert" id={`${uid}-error`} tabIndex={-1} ref={errorRef}>
          {error}
        </div>
      )}
      {!result && (
        <button type="submit" disabled={busy}>
          {busy ? strings.submitting : strings.submit}
        </button>
      )}
    </form>
  );
}
