import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { InvalidChoiceError } from '../lib/scenario-engine.ts';
import { getScenario } from '../server/content.ts';
import { saveScenarioRun } from '../server/records/scenarios.ts';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(64);

export const scenarioActions = {
  /**
   * Saves a role-play run after each choice (or a step back): the whole list of choices so far,
   * which the server replays to check before saving. Returns whether the run has ended.
   */
  saveScenarioRun: defineAction({
    input: z.strictObject({
      scenarioId: slug,
      runId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
      choices: z.array(z.strictObject({ node: slug, choice: slug })).max(200),
    }),
    handler: async (input, context) => {
      const user = context.locals.user;
      if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: context.locals.t('common.notSignedIn') });
      const scenario = await getScenario(input.scenarioId);
      if (!scenario) throw new ActionError({ code: 'NOT_FOUND', message: `No role-play "${input.scenarioId}"` });
      try {
        return await saveScenarioRun(user.id, scenario, input.runId, input.choices);
      } catch (error) {
        if (error instanceof InvalidChoiceError) throw new ActionError({ code: 'BAD_REQUEST', message: error.message });
        throw error;
      }
    },
  }),
};
