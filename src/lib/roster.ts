import { parse } from 'csv-parse/sync';
import { z } from 'astro/zod';

/** Roster import: parse a CSV (name, email, team, role), check every row, and report each problem. */

export const ROSTER_MAX_ROWS = 5000;
export const ROSTER_MAX_BYTES = 1024 * 1024;

export type RowProblem =
  'missing-name' | 'missing-email' | 'bad-email' | 'duplicate-in-file' | 'already-exists' | 'unknown-role' | 'missing-team' | 'too-long';

export interface RosterRow {
  /** 1-based line in the file, counting the header as line 1. */
  line: number;
  name: string;
  email: string;
  team: string;
  role: 'rep' | 'manager' | 'hr' | null;
  problems: RowProblem[];
}

export type RosterResult =
  | { ok: true; rows: RosterRow[] }
  | { ok: false; fileError: 'empty' | 'too-large' | 'too-many-rows' | 'not-csv' | 'missing-columns'; detail?: string };

// Headers and role names accepted in either language.
const HEADER: Record<string, 'name' | 'email' | 'team' | 'role'> = {
  name: 'name',
  姓名: 'name',
  email: 'email',
  邮箱: 'email',
  'e-mail': 'email',
  team: 'team',
  团队: 'team',
  role: 'role',
  角色: 'role',
};
const ROLE: Record<string, 'rep' | 'manager' | 'hr'> = {
  rep: 'rep',
  'sales rep': 'rep',
  销售: 'rep',
  销售代表: 'rep',
  manager: 'manager',
  主管: 'manager',
  经理: 'manager',
  hr: 'hr',
  人力资源: 'hr',
};
const email = z.email();

export function parseRoster(text: string, existingEmails: (email: string) => boolean): RosterResult {
  if (Buffer.byteLength(text, 'utf8') > ROSTER_MAX_BYTES) return { ok: false, fileError: 'too-large' };
  const clean = text.replace(/^\uFEFF/, '');
  if (!clean.trim()) return { ok: false, fileError: 'empty' };
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    // `info` gives each record's real line in the file (blank lines and quoted newlines count);
    // rows of only commas, which spreadsheets append, are skipped.
    // csv-parse's types do not narrow on `info: true`; the shape is the documented one.
    parsed = parse(clean, {
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true,
      trim: true,
      info: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    return { ok: false, fileError: 'not-csv', detail: (error as Error).message };
  }
  const [header, ...body] = parsed.map((p) => p.record);
  if (!header) return { ok: false, fileError: 'empty' };
  const columns = header.map((h) => HEADER[h.trim().toLowerCase()]);
  const missing = (['name', 'email', 'team', 'role'] as const).filter((c) => !columns.includes(c));
  if (missing.length) return { ok: false, fileError: 'missing-columns', detail: missing.join(', ') };
  if (body.length > ROSTER_MAX_ROWS) return { ok: false, fileError: 'too-many-rows' };
  const seen = new Set<string>();
  const rows = body.map((record, i): RosterRow => {
    const get = (c: 'name' | 'email' | 'team' | 'role') => record[columns.indexOf(c)]?.trim() ?? '';
    const row: RosterRow = {
      line: parsed[i + 1]?.info.lines ?? i + 2,
      name: get('name'),
      email: get('email'),
      team: get('team'),
      role: ROLE[get('role').toLowerCase()] ?? null,
      problems: [],
    };
    if (!row.name) row.problems.push('missing-name');
    if (!row.email) row.problems.push('missing-email');
    else if (!email.safeParse(row.email).success) row.problems.push('bad-email');
    else {
      const key = row.email.toLowerCase();
      if (seen.has(key)) row.problems.push('duplicate-in-file');
      else if (existingEmails(key)) row.problems.push('already-exists');
      seen.add(key);
    }
    if (!row.role) row.problems.push('unknown-role');
    if (!row.team && row.role !== 'hr') row.problems.push('missing-team');
    if (row.name.length > 100 || row.email.length > 254 || row.team.length > 80) row.problems.push('too-long');
    return row;
  });
  return { ok: true, rows };
}
