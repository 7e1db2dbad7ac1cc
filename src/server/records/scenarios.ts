import { endingOf, replay } from '../../lib/scenario-engine.ts';
import type { Scenario } from '../../schemas/scenario.ts';
import { getStore } from '../store/index.ts';

/**
 * Saves a run's choices after replaying them (so only a path the role-play allows is stored).
 * A finished run is never changed again; playing again starts a new run.
 */
export async function saveScenarioRun(
  userId: string,
  scenario: Scenario,
  runId: string,
  choices: { node: string; choice: string }[],
  now = new Date(),
) {
  const state = replay(scenario, choices);
  const ending = endingOf(scenario, state);
  const at = now.toISOString();
  return getStore().updatePerson(userId, (doc) => {
    let run = doc.scenarioRuns.find((r) => r.id === runId);
    if (run && run.scenarioId !== scenario.id) throw new Error('run id belongs to another role-play');
    if (run?.finishedAt) return { finished: true, ending: run.ending?.kind ?? null };
    if (!run) {
      run = { id: runId, scenarioId: scenario.id, startedAt: at, updatedAt: at, choices: [] };
      doc.scenarioRuns.push(run);
    }
    const previous = run.choices;
    run.choices = choices.map((c, i) => ({
      ...c,
      at: previous[i]?.node === c.node && previous[i]?.choice === c.choice ? previous[i].at : at,
    }));
    run.updatedAt = at;
    if (ending) {
      run.finishedAt = at;
      run.ending = { node: state.node, kind: ending.kind };
    }
    return { finished: !!ending, ending: ending?.kind ?? null };
  });
}
