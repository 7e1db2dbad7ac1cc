import type { Assignment, Profile } from '../server/store/schema.ts';

/** Adds calendar months, keeping the day where the month allows. */
export function addMonths(iso: string, months: number): string {
  const d = new Date(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString();
}

/** The assignments that apply to a person: to them, or to their team. */
export function assignmentsFor(assignments: readonly Assignment[], profile: Pick<Profile, 'id' | 'team'>): Assignment[] {
  return assignments.filter(
    (a) => (a.target.kind === 'person' && a.target.id === profile.id) || (a.target.kind === 'team' && a.target.id === profile.team),
  );
}

export interface DueState {
  assignmentId: string;
  /** The due date of the cycle that matters now. */
  dueAt: string;
  overdue: boolean;
  /** True when the current cycle is done; `dueAt` is then the next refresher's date. */
  satisfied: boolean;
}

/**
 * Where a person stands against one assignment. The first cycle is met by completing the course
 * at any time; each refresher cycle by completing it again (quizzes passed and role-plays played)
 * after the previous due date. `completedSince(null)` asks "ever completed?".
 */
export function assignmentState(a: Assignment, completedSince: (since: string | null) => boolean, now: Date): DueState {
  const nowIso = now.toISOString();
  let due = a.dueAt;
  let windowStart: string | null = null;
  for (let cycle = 1; cycle <= 1000; cycle++) {
    const met = completedSince(windowStart);
    if (!met) return { assignmentId: a.id, dueAt: due, overdue: nowIso > due, satisfied: false };
    if (!a.recurMonths || due > nowIso) {
      // Met, and the next refresher (if any) is not due yet.
      return { assignmentId: a.id, dueAt: due, overdue: false, satisfied: true };
    }
    windowStart = due;
    // Each cycle from the first date, so a 31 January refresher is not dragged to the 28th for good.
    due = addMonths(a.dueAt, cycle * a.recurMonths);
  }
  return { assignmentId: a.id, dueAt: due, overdue: false, satisfied: true };
}

/** The most urgent assignment state for a person, or null when nothing is assigned. */
export function dueFor(
  assignments: readonly Assignment[],
  profile: Pick<Profile, 'id' | 'team'>,
  completedSince: (since: string | null) => boolean,
  now: Date,
): DueState | null {
  const states = assignmentsFor(assignments, profile).map((a) => assignmentState(a, completedSince, now));
  if (!states.length) return null;
  const open = states.filter((s) => !s.satisfied).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return open[0] ?? states.sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0] ?? null;
}
