import { describe, expect, test } from 'vitest';
import { addMonths, assignmentState, assignmentsFor, dueFor } from '../../src/lib/assignments.ts';
import type { Assignment } from '../../src/server/store/schema.ts';

describe('addMonths', () => {
  test('keeps the day of the month when it exists', () => {
    expect(addMonths('2025-01-15T00:00:00.000Z', 1)).toBe('2025-02-15T00:00:00.000Z');
    expect(addMonths('2025-03-10T00:00:00.000Z', 12)).toBe('2026-03-10T00:00:00.000Z');
  });
  test('Jan 31 + 1 month is the last day of February (28th, or 29th in a leap year)', () => {
    expect(addMonths('2025-01-31T00:00:00.000Z', 1)).toBe('2025-02-28T00:00:00.000Z');
    expect(addMonths('2024-01-31T00:00:00.000Z', 1)).toBe('2024-02-29T00:00:00.000Z');
  });
  test('a 31st into a 30-day month clamps to the 30th', () => {
    expect(addMonths('2025-03-31T00:00:00.000Z', 1)).toBe('2025-04-30T00:00:00.000Z');
    expect(addMonths('2025-08-31T00:00:00.000Z', 6)).toBe('2026-02-28T00:00:00.000Z');
  });
  test('Feb 29 + 12 months is Feb 28 of the next year', () => {
    expect(addMonths('2024-02-29T00:00:00.000Z', 12)).toBe('2025-02-28T00:00:00.000Z');
    expect(addMonths('2024-02-29T00:00:00.000Z', 48)).toBe('2028-02-29T00:00:00.000Z');
  });
  test('crosses the year end', () => {
    expect(addMonths('2025-12-15T00:00:00.000Z', 1)).toBe('2026-01-15T00:00:00.000Z');
    expect(addMonths('2025-11-30T00:00:00.000Z', 3)).toBe('2026-02-28T00:00:00.000Z');
    expect(addMonths('2025-01-31T00:00:00.000Z', 13)).toBe('2026-02-28T00:00:00.000Z');
  });
  test('keeps the time of day (UTC)', () => {
    expect(addMonths('2025-01-31T15:59:59.123Z', 1)).toBe('2025-02-28T15:59:59.123Z');
    // 23:30 UTC is already the next day in China; the UTC date is what counts.
    expect(addMonths('2025-05-31T23:30:00.000Z', 1)).toBe('2025-06-30T23:30:00.000Z');
  });
});

const assignment = (a: Partial<Assignment> & { id: string }): Assignment => ({
  courseId: 'fairplay',
  target: { kind: 'team', id: 'east' },
  dueAt: '2025-03-31T15:59:59.000Z',
  createdAt: '2025-01-01T00:00:00.000Z',
  createdBy: 'hr-1',
  ...a,
});

/** A person who completed the course on each of these dates. */
const completions =
  (...dates: string[]) =>
  (since: string | null) =>
    since === null ? dates.length > 0 : dates.some((d) => d > since);

describe('assignmentsFor', () => {
  const all = [
    assignment({ id: 'team-east', target: { kind: 'team', id: 'east' } }),
    assignment({ id: 'team-west', target: { kind: 'team', id: 'west' } }),
    assignment({ id: 'me', target: { kind: 'person', id: 'p1' } }),
    assignment({ id: 'someone-else', target: { kind: 'person', id: 'p2' } }),
  ];
  test('picks what targets the person and what targets their team', () => {
    expect(assignmentsFor(all, { id: 'p1', team: 'east' }).map((a) => a.id)).toEqual(['team-east', 'me']);
  });
  test('a person without a team only gets personal assignments', () => {
    expect(assignmentsFor(all, { id: 'p1', team: null }).map((a) => a.id)).toEqual(['me']);
  });
  test('a team id never matches a person id by accident', () => {
    const tricky = [assignment({ id: 'team-named-p3', target: { kind: 'team', id: 'p3' } })];
    expect(assignmentsFor(tricky, { id: 'p3', team: 'east' })).toEqual([]);
  });
});

describe('assignmentState: a one-off assignment', () => {
  const once = assignment({ id: 'once', dueAt: '2025-03-31T00:00:00.000Z' });

  test('not done, before the due date: open, not overdue', () => {
    expect(assignmentState(once, completions(), new Date('2025-03-01T00:00:00Z'))).toEqual({
      assignmentId: 'once',
      dueAt: '2025-03-31T00:00:00.000Z',
      overdue: false,
      satisfied: false,
    });
  });

  test('not done, after the due date: overdue', () => {
    expect(assignmentState(once, completions(), new Date('2025-04-01T00:00:00Z'))).toMatchObject({ overdue: true, satisfied: false });
  });

  test('exactly at the due date it is not yet overdue', () => {
    expect(assignmentState(once, completions(), new Date('2025-03-31T00:00:00.000Z')).overdue).toBe(false);
  });

  test('the first cycle is met by completing at any time, even before the assignment existed', () => {
    const state = assignmentState(once, completions('2024-06-01T00:00:00.000Z'), new Date('2026-01-01T00:00:00Z'));
    expect(state).toEqual({ assignmentId: 'once', dueAt: '2025-03-31T00:00:00.000Z', overdue: false, satisfied: true });
  });

  test('completed late: satisfied, no longer overdue', () => {
    const state = assignmentState(once, completions('2025-05-01T00:00:00.000Z'), new Date('2025-06-01T00:00:00Z'));
    expect(state).toMatchObject({ overdue: false, satisfied: true });
  });
});

describe('assignmentState: a yearly refresher', () => {
  const yearly = assignment({ id: 'yearly', dueAt: '2025-01-31T00:00:00.000Z', recurMonths: 12 });

  test('first cycle open before its due date', () => {
    expect(assignmentState(yearly, completions(), new Date('2025-01-10T00:00:00Z'))).toMatchObject({
      dueAt: '2025-01-31T00:00:00.000Z',
      overdue: false,
      satisfied: false,
    });
  });

  test('first cycle done, the refresher not due yet: satisfied until the next due date', () => {
    const state = assignmentState(yearly, completions('2025-01-20T00:00:00.000Z'), new Date('2025-01-25T00:00:00Z'));
    expect(state).toMatchObject({ dueAt: '2025-01-31T00:00:00.000Z', satisfied: true, overdue: false });
  });

  test('after the first due date the refresher cycle opens: done once is not enough for the next year', () => {
    const state = assignmentState(yearly, completions('2025-01-20T00:00:00.000Z'), new Date('2025-06-01T00:00:00Z'));
    expect(state).toEqual({ assignmentId: 'yearly', dueAt: '2026-01-31T00:00:00.000Z', overdue: false, satisfied: false });
  });

  test('the refresher not done by its due date is overdue', () => {
    const state = assignmentState(yearly, completions('2025-01-20T00:00:00.000Z'), new Date('2026-02-15T00:00:00Z'));
    expect(state).toMatchObject({ dueAt: '2026-01-31T00:00:00.000Z', overdue: true, satisfied: false });
  });

  test('a refresher done after the previous due date satisfies the cycle', () => {
    const state = assignmentState(
      yearly,
      completions('2025-01-20T00:00:00.000Z', '2025-09-01T00:00:00.000Z'),
      new Date('2025-10-01T00:00:00Z'),
    );
    expect(state).toMatchObject({ dueAt: '2026-01-31T00:00:00.000Z', overdue: false, satisfied: true });
  });

  test('a completion before the previous due date does not count for the refresher', () => {
    // Completed twice in January 2025, both before the first due date.
    const state = assignmentState(
      yearly,
      completions('2025-01-05T00:00:00.000Z', '2025-01-30T00:00:00.000Z'),
      new Date('2025-10-01T00:00:00Z'),
    );
    expect(state).toMatchObject({ dueAt: '2026-01-31T00:00:00.000Z', satisfied: false });
  });

  test('years later, the state follows the current cycle', () => {
    // Done in 2025 and 2026; nothing in the cycle ending 2027-01-31; now is 2027-03.
    const done = completions('2025-01-20T00:00:00.000Z', '2026-01-10T00:00:00.000Z');
    const state = assignmentState(yearly, done, new Date('2027-03-01T00:00:00Z'));
    expect(state).toMatchObject({ dueAt: '2027-01-31T00:00:00.000Z', overdue: true, satisfied: false });
  });

  test('never completed: the first cycle stays the one that matters, however late', () => {
    const state = assignmentState(yearly, completions(), new Date('2028-01-01T00:00:00Z'));
    expect(state).toMatchObject({ dueAt: '2025-01-31T00:00:00.000Z', overdue: true, satisfied: false });
  });

  test('refresher cycles keep the original day of the month: a date clamped in February does not drift to the 28th for good', () => {
    const monthly = assignment({ id: 'monthly', dueAt: '2025-01-31T00:00:00.000Z', recurMonths: 1 });
    // Completed each month after the previous due date, up to mid-April; now is 29 April.
    const done = completions(
      '2025-01-10T00:00:00.000Z',
      '2025-02-10T00:00:00.000Z',
      '2025-03-10T00:00:00.000Z',
      '2025-04-10T00:00:00.000Z',
    );
    const state = assignmentState(monthly, done, new Date('2025-04-29T12:00:00Z'));
    // Cycles: 31 Jan, 28 Feb, 31 Mar, 30 Apr. The cycle ending 30 April is done.
    expect(state).toMatchObject({ dueAt: '2025-04-30T00:00:00.000Z', satisfied: true, overdue: false });
  });

  test('a monthly refresher due on the 31st clamps to short months', () => {
    const monthly = assignment({ id: 'monthly', dueAt: '2025-01-31T00:00:00.000Z', recurMonths: 1 });
    const state = assignmentState(monthly, completions('2025-01-10T00:00:00.000Z'), new Date('2025-02-10T00:00:00Z'));
    expect(state).toMatchObject({ dueAt: '2025-02-28T00:00:00.000Z', satisfied: false, overdue: false });
  });
});

describe('dueFor', () => {
  const person = { id: 'p1', team: 'east' };
  const now = new Date('2025-06-01T00:00:00Z');

  test('nothing assigned gives null', () => {
    expect(dueFor([], person, completions(), now)).toBeNull();
    expect(dueFor([assignment({ id: 'x', target: { kind: 'team', id: 'west' } })], person, completions(), now)).toBeNull();
  });

  test('picks the open assignment with the earliest due date (an overdue one before an upcoming one)', () => {
    const list = [
      assignment({ id: 'upcoming', target: { kind: 'person', id: 'p1' }, dueAt: '2025-07-01T00:00:00.000Z' }),
      assignment({ id: 'overdue', dueAt: '2025-05-01T00:00:00.000Z' }),
      assignment({ id: 'later', dueAt: '2025-12-01T00:00:00.000Z' }),
    ];
    expect(dueFor(list, person, completions(), now)).toMatchObject({ assignmentId: 'overdue', overdue: true });
  });

  test('an open assignment wins over a satisfied one that is due sooner', () => {
    const list = [
      assignment({ id: 'one-off', target: { kind: 'person', id: 'p1' }, dueAt: '2025-09-01T00:00:00.000Z' }),
      assignment({ id: 'yearly', dueAt: '2025-01-31T00:00:00.000Z', recurMonths: 12 }),
    ];
    // Completed in December 2024: the one-off is met; the yearly refresher (due 2026-01-31) is open.
    expect(dueFor(list, person, completions('2024-12-01T00:00:00.000Z'), now)).toMatchObject({
      assignmentId: 'yearly',
      satisfied: false,
      overdue: false,
      dueAt: '2026-01-31T00:00:00.000Z',
    });
  });

  test('when everything is satisfied, the earliest date is shown', () => {
    const list = [
      assignment({ id: 'one-off', target: { kind: 'person', id: 'p1' }, dueAt: '2026-09-01T00:00:00.000Z' }),
      assignment({ id: 'yearly', dueAt: '2025-01-31T00:00:00.000Z', recurMonths: 12 }),
    ];
    // Completed in March 2025: the yearly cycle to 2026-01-31 is met, and the one-off too.
    expect(dueFor(list, person, completions('2025-03-01T00:00:00.000Z'), now)).toMatchObject({
      assignmentId: 'yearly',
      satisfied: true,
      dueAt: '2026-01-31T00:00:00.000Z',
    });
  });
});
