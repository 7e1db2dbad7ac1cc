import { actions } from 'astro:actions';
import { useEffect, useMemo, useRef, useState } from 'react';
import { applyChoice, availableChoices, debrief, endingOf, initialState, replay, type RunState } from '../lib/scenario-engine.ts';
import type { ScenarioView } from '../lib/scenario-view.ts';

export interface ScenarioStrings {
  setting: string;
  yourReply: string;
  chooseReply: string;
  consequence: string;
  measures: string;
  stepBack: string;
  saving: string;
  saveFailed: string;
  ending: string;
  endingKind: Record<'good' | 'mixed' | 'bad', string>;
  debrief: string;
  pathTaken: string;
  worstChoice: string;
  betterMove: string;
  noWorst: string;
  lessons: string;
  playAgain: string;
  narrator: string;
  styles: Record<string, string>;
  resumed: string;
  turn: string;
  colon: string;
  finishedSaved: string;
}

interface Props {
  scenario: ScenarioView;
  runId: string;
  initialChoices: { node: string; choice: string }[];
  strings: ScenarioStrings;
  lessons: { href: string; title: string }[];
  playAgainHref: string;
}

/** What the characters say at one node; the narrator's lines are set apart in italics. */
function Lines({ lines, speaker, colon }: { lines: { speaker: string; text: string }[]; speaker: (id: string) => string; colon: string }) {
  return lines.map((l, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: a node's lines are fixed content, never reordered
    <p key={i} className={l.speaker === 'narrator' ? 'narration' : 'line'}>
      {l.speaker !== 'narrator' && (
        <strong>
          {speaker(l.speaker)}
          {colon}
        </strong>
      )}
      {l.text}
    </p>
  ));
}

/** A stable pseudo-random rank, so replies appear in a different order each run but stay put within one. */
function rank(seed: string): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return h >>> 0;
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** A branching role-play: the rep picks replies, sees consequences, and gets a debrief at the end. */
export default function ScenarioPlayer({ scenario, runId, initialChoices, strings, lessons, playAgainHref }: Props) {
  const [state, setState] = useState<RunState>(() => {
    try {
      return replay(scenario, initialChoices);
    } catch {
      return initialState(scenario);
    }
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const turnRef = useRef<HTMLHeadingElement>(null);
  const [moved, setMoved] = useState(false);
  const nodes = useMemo(() => new Map(scenario.nodes.map((n) => [n.id, n])), [scenario]);
  const speaker = (id: string) => (id === 'narrator' ? strings.narrator : (scenario.characters.find((c) => c.id === id)?.name ?? id));
  const measureLabel = (id: string) => scenario.measures.find((m) => m.id === id)?.label ?? id;
  const current = nodes.get(state.node);
  const ending = endingOf(scenario, state);
  const endingNode = ending ? current?.ending : undefined;

  // After each choice (not on first load), focus moves to the new turn so it is read out next.
  const turnKey = state.path.length;
  useEffect(() => {
    if (moved && turnKey >= 0) turnRef.current?.focus();
  }, [turnKey, moved]);

  async function persist(next: RunState) {
    setSaving(true);
    const { error: failure } = await actions.saveScenarioRun({ scenarioId: scenario.id, runId, choices: next.path });
    setSaving(false);
    setError(failure ? failure.message || strings.saveFailed : null);
  }

  function choose(choiceId: string) {
    const next = applyChoice(scenario, state, choiceId);
    setMoved(true);
    setState(next);
    void persist(next);
  }

  function stepBack() {
    const next = replay(scenario, state.path.slice(0, -1));
    setMoved(true);
    setState(next);
    void persist(next);
  }

  // Rebuild the transcript: every node visited, with the reply chosen and what it did.
  const transcript = state.path.map((step, i) => {
    const node = nodes.get(step.node);
    const choice = node?.choices.find((c) => c.id === step.choice);
    return { key: `${i}-${step.node}`, node, choice };
  });
  const report = ending ? debrief(scenario, state.path) : null;
  const worstChoice = report?.worst
    ? nodes.get(report.worst.step.node)?.choices.find((c) => c.id === report.worst?.step.choice)
    : undefined;
  const worstNode = report?.worst ? nodes.get(report.worst.step.node) : undefined;
  const better = report?.worst?.better ? worstNode?.choices.find((c) => c.id === report.worst?.better?.id) : undefined;

  return (
    <div className="scenario">
      <section className="panel">
        <h2>{strings.setting}</h2>
        <p>{scenario.setting}</p>
        {initialChoices.length > 0 && !ending && <p className="muted">{strings.resumed}</p>}
      </section>
      <aside className="panel measures" aria-labelledby="measures-title">
        <h2 id="measures-title">{strings.measures}</h2>
        <ul>
          {scenario.measures.map((m) => (
            <li key={m.id}>
              {m.label}: <strong data-measure={m.id}>{signed(state.measures[m.id] ?? 0)}</strong>
            </li>
          ))}
        </ul>
      </aside>
      <ol className="transcript">
        {transcript.map(({ key, node, choice }) => (
          <li key={key} className="turn">
            {node && <Lines lines={node.lines} speaker={speaker} colon={strings.colon} />}
            {choice && (
              <>
                <p className="reply">
                  <strong>{strings.yourReply}</strong> {choice.text}
                </p>
                <p className="consequence">
                  <strong>{strings.consequence}</strong> {choice.consequence}{' '}
                  {Object.entries(choice.effects)
                    .filter(([, d]) => d !== 0)
                    .map(([m, d]) => `${measureLabel(m)} ${signed(d)}`)
                    .join(' · ')}
                </p>
              </>
            )}
          </li>
        ))}
      </ol>
      {current && (
        <section className="card current-turn" aria-labelledby="turn-title" aria-live="polite">
          <h2 id="turn-title" tabIndex={-1} ref={turnRef}>
            {ending ? strings.ending : strings.turn.replace('{n}', String(state.path.length + 1))}
          </h2>
          <Lines lines={current.lines} speaker={speaker} colon={strings.colon} />
          {!ending && (
            <>
              <p id="choose-label">
                <strong>{strings.chooseReply}</strong>
              </p>
              <ul className="choices" aria-labelledby="choose-label">
                {availableChoices(scenario, state)
                  .toSorted((a, b) => rank(`${runId}:${state.node}:${a.id}`) - rank(`${runId}:${state.node}:${b.id}`))
                  .map((c) => (
                    <li key={c.id}>
                      <button type="button" className="secondary choice-button" onClick={() => choose(c.id)} data-choice={c.id}>
                        {c.text}
                      </button>
                    </li>
                  ))}
              </ul>
            </>
          )}
          {endingNode && (
            <div
              className={`notice ${endingNode.kind === 'good' ? 'good' : endingNode.kind === 'bad' ? 'bad' : 'warn'}`}
              data-testid="ending"
              data-ending={endingNode.kind}
            >
              <p>
                <strong>{strings.endingKind[endingNode.kind]}</strong> — {endingNode.title}
              </p>
              <p>{endingNode.text}</p>
            </div>
          )}
        </section>
      )}
      {saving && (
        <p className="muted" role="status">
          {strings.saving}
        </p>
      )}
      {ending && !saving && !error && <p className="muted">{strings.finishedSaved}</p>}
      {error && (
        <p className="notice bad" role="alert">
          {error}
        </p>
      )}
      {!ending && scenario.allowStepBack && state.path.length > 0 && (
        <p>
          <button type="button" className="link" onClick={stepBack}>
            ← {strings.stepBack}
          </button>
        </p>
      )}
      {report && (
        <section aria-labelledby="debrief-title" className="debrief">
          <h2 id="debrief-title">{strings.debrief}</h2>
          <h3>{strings.pathTaken}</h3>
          <ol>
            {report.steps.map((s, i) => {
              const c = nodes.get(s.node)?.choices.find((x) => x.id === s.choice);
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: the path only grows at its end
                <li key={i}>
                  <span className="badge">{strings.styles[c?.style ?? ''] ?? c?.style}</span> {c?.text}{' '}
                  <span className="muted">
                    {Object.entries(s.effects)
                      .filter(([, d]) => d !== 0)
                      .map(([m, d]) => `${measureLabel(m)} ${signed(d)}`)
                      .join(' · ')}
                  </span>
                </li>
              );
            })}
          </ol>
          <h3>{strings.worstChoice}</h3>
          {worstChoice && better ? (
            <div>
              <p>{worstChoice.text}</p>
              <p>
                <strong>{strings.betterMove}</strong> {better.text}
              </p>
              {worstNode?.coaching && <p>{worstNode.coaching}</p>}
            </div>
          ) : (
            <p>{strings.noWorst}</p>
          )}
          <h3>{strings.lessons}</h3>
          <ul>
            {lessons.map((l) => (
              <li key={l.href}>
                <a href={l.href}>{l.title}</a>
              </li>
            ))}
          </ul>
          <p>
            <a className="button" href={playAgainHref}>
              {strings.playAgain}
            </a>
          </p>
        </section>
      )}
    </div>
  );
}
