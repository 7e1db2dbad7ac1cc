import { dueFor, type DueState } from '../../lib/assignments.ts';
import type { Catalogue } from '../../lib/catalogue.ts';
import { completedSince, type CourseProgress, courseProgress } from '../../lib/progress.ts';
import type { SessionUser } from '../auth/current-user.ts';
import { canSeePerson } from '../auth/current-user.ts';
import type { JsonStore } from '../store/json-store.ts';
import type { PersonDoc } from '../store/schema.ts';

export const statuses = ['not-started', 'in-progress', 'completed', 'overdue'] as const;
export type Status = (typeof statuses)[number];

/** One person's line in HR's records: derived on demand from their document. */
export interface PersonSummary {
  doc: Readonly<PersonDoc>;
  teamName: string;
  managerNames: string[];
  progress: CourseProgress;
  due: DueState | null;
  status: Status;
  /** Latest activity of any kind, for date filters. */
  lastActivity: string | null;
}

export function statusOf(progress: CourseProgress, due: DueState | null): Status {
  if (due && !due.satisfied && due.overdue) return 'overdue';
  if (progress.complete && (!due || due.satisfied)) return 'completed';
  return progress.started ? 'in-progress' : 'not-started';
}

function lastActivity(doc: Readonly<PersonDoc>): string | null {
  const dates = [
    ...Object.values(doc.lessons).map((l) => l.readAt),
    ...doc.quizAttempts.map((a) => a.at),
    ...doc.scenarioRuns.map((r) => r.updatedAt),
    ...doc.assessments.map((a) => a.at),
  ];
  // biome-ignore lint/complexity/useMathMinMax: ISO date strings compare as text, not numbers
  return dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null;
}

/** The people a viewer may see records of: HR everyone, a manager only the teams they manage. */
function visiblePeople(store: JsonStore, viewer: SessionUser): Readonly<PersonDoc>[] {
  const out: Readonly<PersonDoc>[] = [];
  for (const doc of store.people()) if (canSeePerson(viewer, doc.profile.team)) out.push(doc);
  return out;
}

/** Summaries of everyone `viewer` may see (HR: everyone; a manager: their teams). */
export function summariseVisible(store: JsonStore, catalogue: Catalogue, viewer: SessionUser): PersonSummary[] {
  return summarise(store, catalogue, visiblePeople(store, viewer));
}

// Derived figures per person document. A save replaces the document object, so a cache keyed
// by the object itself can never serve stale figures, and a dashboard over thousands of people
// recomputes only the people who changed since the last look.
const derived = new WeakMap<
  object,
  { progress: CourseProgress; completedSince: (since: string | null) => boolean; lastActivity: string | null }
>();

function derive(catalogue: Catalogue, doc: Readonly<PersonDoc>) {
  let d = derived.get(doc);
  if (!d) {
    const progress = courseProgress(catalogue, doc);
    d = { progress, completedSince: completedSince(catalogue, doc, progress), lastActivity: lastActivity(doc) };
    derived.set(doc, d);
  }
  return d;
}

export function summarise(store: JsonStore, catalogue: Catalogue, docs: Readonly<PersonDoc>[], now = new Date()): PersonSummary[] {
  const teams = new Map(store.org.teams.map((t) => [t.id, t.name]));
  // Managers of each team, for the export's "manager" column.
  const managers = new Map<string, string[]>();
  for (const doc of store.people())
    for (const teamId of doc.profile.manages) managers.set(teamId, [...(managers.get(teamId) ?? []), doc.profile.name]);
  const assignments = store.org.assignments;
  return docs.map((doc) => {
    const { progress, completedSince: since, lastActivity: last } = derive(catalogue, doc);
    const due = assignments.length ? dueFor(assignments, doc.profile, since, now) : null;
    return {
      doc,
      teamName: doc.profile.team ? (teams.get(doc.profile.team) ?? '') : '',
      managerNames: doc.profile.team ? (managers.get(doc.profile.team) ?? []) : [],
      progress,
      due,
      status: statusOf(progress, due),
      lastActivity: last,
    };
  });
}

export interface Dashboard {
  people: number;
  completionRate: number;
  byStatus: Record<Status, number>;
  byTeam: { teamId: string; name: string; people: number; completed: number; rate: number }[];
  byModule: { moduleId: string; read: number; quizPassed: number; scenariosDone: number; complete: number }[];
}

/** The organisation at a glance, over the learners a viewer may see (active reps and managers). */
export function dashboard(catalogue: Catalogue, summaries: PersonSummary[]): Dashboard {
  const learners = summaries.filter((s) => s.doc.profile.active && s.doc.profile.role !== 'hr');
  const byStatus = Object.fromEntries(statuses.map((s) => [s, 0])) as Record<Status, number>;
  const teams = new Map<string, Dashboard['byTeam'][number]>();
  const modules = catalogue.modules.map((m) => ({ moduleId: m.id, read: 0, quizPassed: 0, scenariosDone: 0, complete: 0 }));
  for (const s of learners) {
    byStatus[s.status]++;
    const teamId = s.doc.profile.team ?? '';
    const team = teams.get(teamId) ?? { teamId, name: s.teamName, people: 0, completed: 0, rate: 0 };
    team.people++;
    if (s.status === 'completed') team.completed++;
    teams.set(teamId, team);
    s.progress.modules.forEach((p, i) => {
      const row = modules[i];
      if (!row) return;
      if (p.lessonsRead === p.lessonsTotal) row.read++;
      if (p.quiz?.passed) row.quizPassed++;
      if (p.scenariosDone === p.scenariosTotal) row.scenariosDone++;
      if (p.complete) row.complete++;
    });
  }
  for (const team of teams.values()) team.rate = team.people ? team.completed / team.people : 0;
  return {
    people: learners.length,
    completionRate: learners.length ? byStatus.completed / learners.length : 0,
    byStatus,
    byTeam: [...teams.values()].sort((a, b) => a.name.localeCompare(b.name)),
    byModule: modules,
  };
}

export interface PeopleQuery {
  team?: string | undefined;
  status?: Status | undefined;
  /** Only people who have completed (or not) this module: `moduleId` plus `moduleState`. */
  module?: string | undefined;
  moduleState?: 'complete' | 'incomplete' | undefined;
  /** Last activity within [from, to] (dates, inclusive). */
  from?: string | undefined;
  to?: string | undefined;
  text?: string | undefined;
  sort?: 'name' | 'team' | 'status' | 'progress' | 'activity' | undefined;
  dir?: 'asc' | 'desc' | undefined;
}

export function filterPeople(catalogue: Catalogue, list: PersonSummary[], q: PeopleQuery): PersonSummary[] {
  const text = q.text?.trim().toLowerCase();
  const moduleIndex = q.module ? catalogue.modules.findIndex((m) => m.id === q.module) : -1;
  const out = list.filter((s) => {
    if (q.team && s.doc.profile.team !== q.team) return false;
    if (q.status && s.status !== q.status) return false;
    if (moduleIndex >= 0) {
      const complete = s.progress.modules[moduleIndex]?.complete ?? false;
      if ((q.moduleState ?? 'complete') === 'complete' ? !complete : complete) return false;
    }
    if (q.from && (!s.lastActivity || s.lastActivity.slice(0, 10) < q.from)) return false;
    if (q.to && (!s.lastActivity || s.lastActivity.slice(0, 10) > q.to)) return false;
    if (text && !`${s.doc.profile.name} ${s.doc.profile.email} ${s.teamName}`.toLowerCase().includes(text)) return false;
    return true;
  });
  const key = (s: PersonSummary): string | number => {
    switch (q.sort) {
      case 'team':
        return s.teamName;
      case 'status':
        return s.status;
      case 'progress':
        return s.progress.percent;
      case 'activity':
        return s.lastActivity ?? '';
      default:
        return s.doc.profile.name;
    }
  };
  const sign = q.dir === 'desc' ? -1 : 1;
  return out.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c * sign || a.doc.profile.name.localeCompare(b.doc.profile.name);
  });
}
