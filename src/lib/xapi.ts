import { createHash } from 'node:crypto';

/** xAPI 1.0.3 statements for Fairplay's learning records (ADL verbs, stable ids). */

export const VERBS = {
  experienced: 'http://adlnet.gov/expapi/verbs/experienced',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
} as const;
export type VerbName = keyof typeof VERBS;

const VERB_DISPLAY: Record<VerbName, { 'en-US': string; 'zh-CN': string }> = {
  experienced: { 'en-US': 'experienced', 'zh-CN': '学习了' },
  completed: { 'en-US': 'completed', 'zh-CN': '完成了' },
  passed: { 'en-US': 'passed', 'zh-CN': '通过了' },
  failed: { 'en-US': 'failed', 'zh-CN': '未通过' },
  answered: { 'en-US': 'answered', 'zh-CN': '回答了' },
};

export const ACTIVITY_TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  module: 'http://adlnet.gov/expapi/activities/module',
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  simulation: 'http://adlnet.gov/expapi/activities/simulation',
} as const;

/** A name-based UUID (version 5 layout over SHA-1): the same inputs always give the same id. */
export function stableUuid(...parts: string[]): string {
  const hash = createHash('sha1').update(parts.join('\u0000')).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export interface StatementInput {
  /** The portal's own URL, e.g. https://fairplay.example.com */
  origin: string;
  actor: { id: string; name: string };
  verb: VerbName;
  activity: { path: string; type: keyof typeof ACTIVITY_TYPES; name: { zh: string; en: string } };
  timestamp: string;
  result?: {
    scaled?: number;
    raw?: number;
    min?: number;
    max?: number;
    success?: boolean;
    completion?: boolean;
    extensions?: Record<string, unknown>;
  };
  /** The course the activity belongs to. */
  parent?: { path: string; name: { zh: string; en: string } };
}

export function statement(input: StatementInput) {
  const activityId = `${input.origin}/xapi/activities/${input.activity.path}`;
  const result = input.result && {
    ...(input.result.scaled !== undefined
      ? { score: { scaled: input.result.scaled, raw: input.result.raw, min: input.result.min, max: input.result.max } }
      : {}),
    ...(input.result.success !== undefined ? { success: input.result.success } : {}),
    ...(input.result.completion !== undefined ? { completion: input.result.completion } : {}),
    ...(input.result.extensions ? { extensions: input.result.extensions } : {}),
  };
  return {
    id: stableUuid(input.actor.id, input.verb, activityId, input.timestamp),
    version: '1.0.3',
    actor: { objectType: 'Agent', name: input.actor.name, account: { homePage: input.origin, name: input.actor.id } },
    verb: { id: VERBS[input.verb], display: VERB_DISPLAY[input.verb] },
    object: {
      objectType: 'Activity',
      id: activityId,
      definition: { type: ACTIVITY_TYPES[input.activity.type], name: { 'zh-CN': input.activity.name.zh, 'en-US': input.activity.name.en } },
    },
    ...(result ? { result } : {}),
    ...(input.parent
      ? {
          context: {
            contextActivities: {
              parent: [
                {
                  objectType: 'Activity',
                  id: `${input.origin}/xapi/activities/${input.parent.path}`,
                  definition: { type: ACTIVITY_TYPES.course, name: { 'zh-CN': input.parent.name.zh, 'en-US': input.parent.name.en } },
                },
              ],
            },
            language: 'zh-CN',
          },
        }
      : {}),
    timestamp: input.timestamp,
  };
}
export type Statement = ReturnType<typeof statement>;
