import { z } from 'astro/zod';

/** Shapes of what Fairplay stores; every read from disk is checked against these. */

export const roles = ['rep', 'manager', 'hr'] as const;
export type Role = (typeof roles)[number];

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const isoDate = z.iso.datetime();

export const profileSchema = z.strictObject({
  id,
  email: z.email().max(254),
  name: z.string().min(1).max(100),
  role: z.enum(roles),
  /** The team the person belongs to (reps and managers may both belong to one). */
  team: id.nullable(),
  /** Teams whose records this person may see (managers). */
  manages: z.array(id).default([]),
  active: z.boolean(),
  passwordHash: z.string().min(1),
  /** Set when HR chose the password: the person picks their own at the next sign-in. */
  mustChangePassword: z.boolean(),
  locale: z.enum(['zh', 'en']).optional(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Profile = z.output<typeof profileSchema>;

export const quizAttemptSchema = z.strictObject({
  /** Chosen by the browser when the attempt starts, so a double submit saves once. */
  id,
  quizId: id,
  at: isoDate,
  correct: z.number().int().min(0),
  total: z.number().int().min(1),
  score: z.number().min(0).max(1),
  passed: z.boolean(),
  /** Item ids answered wrongly. */
  wrong: z.array(id),
});
export type QuizAttempt = z.output<typeof quizAttemptSchema>;

/** An FSRS card as ts-fsrs serialises it (dates as ISO strings). */
export const reviewCardSchema = z.strictObject({
  quizId: id,
  itemId: id,
  addedAt: isoDate,
  card: z.strictObject({
    due: isoDate,
    stability: z.number(),
    difficulty: z.number(),
    elapsed_days: z.number(),
    scheduled_days: z.number(),
    learning_steps: z.number(),
    reps: z.number(),
    lapses: z.number(),
    state: z.number().int().min(0).max(3),
    last_review: isoDate.optional(),
  }),
});
export type ReviewCard = z.output<typeof reviewCardSchema>;

export const scenarioRunSchema = z.strictObject({
  id,
  scenarioId: id,
  startedAt: isoDate,
  updatedAt: isoDate,
  /** Every choice in order; the engine replays them to rebuild the state. */
  choices: z.array(z.strictObject({ node: id, choice: id, at: isoDate })),
  finishedAt: isoDate.optional(),
  ending: z.strictObject({ node: id, kind: z.enum(['good', 'mixed', 'bad']) }).optional(),
});
export type ScenarioRun = z.output<typeof scenarioRunSchema>;

export const assessmentResultSchema = z.strictObject({
  id,
  assessmentId: id,
  at: isoDate,
  answers: z.record(id, z.union([z.literal('a'), z.literal('b'), z.number().int().min(1).max(5)])),
  /** Per dimension, 0-100. */
  scores: z.record(id, z.number().min(0).max(100)),
});
export type AssessmentResult = z.output<typeof assessmentResultSchema>;

/** Everything stored about one person: one file each, so a save costs the same in any size of organisation. */
export const personDocSchema = z.strictObject({
  v: z.literal(1),
  profile: profileSchema,
  /** `module/lesson` -> when it was marked read. */
  lessons: z.record(z.string().max(130), z.strictObject({ readAt: isoDate })),
  lastLesson: z.strictObject({ key: z.string().max(130), at: isoDate }).optional(),
  quizAttempts: z.array(quizAttemptSchema),
  reviewCards: z.array(reviewCardSchema),
  scenarioRuns: z.array(scenarioRunSchema),
  assessments: z.array(assessmentResultSchema),
  certificate: z.strictObject({ code: z.string().regex(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/), issuedAt: isoDate }).optional(),
});
export type PersonDoc = z.output<typeof personDocSchema>;

export const teamSchema = z.strictObject({ id, name: z.string().min(1).max(80), createdAt: isoDate });
export type Team = z.output<typeof teamSchema>;

export const assignmentSchema = z.strictObject({
  id,
  courseId: id,
  target: z.strictObject({ kind: z.enum(['team', 'person']), id }),
  dueAt: isoDate,
  /** Months after which the course is due again (a yearly refresher is 12). */
  recurMonths: z.number().int().min(1).max(60).optional(),
  createdAt: isoDate,
  createdBy: id,
});
export type Assignment = z.output<typeof assignmentSchema>;

/** Small organisation-wide settings; written only when HR changes teams or assignments. */
export const orgDocSchema = z.strictObject({
  v: z.literal(1),
  teams: z.array(teamSchema),
  assignments: z.array(assignmentSchema),
});
export type OrgDoc = z.output<typeof orgDocSchema>;

export const auditEntrySchema = z.strictObject({
  at: isoDate,
  actor: id,
  action: z.enum([
    'person.added',
    'person.imported',
    'person.updated',
    'person.deactivated',
    'person.reactivated',
    'person.role-changed',
    'person.team-changed',
    'person.password-reset',
    'team.added',
    'assignment.added',
    'assignment.removed',
  ]),
  target: z.string().max(200),
  detail: z.string().max(500).default(''),
});
export type AuditEntry = z.output<typeof auditEntrySchema>;
