import { describe, expect, test } from 'vitest';
import { parseRoster, ROSTER_MAX_BYTES, ROSTER_MAX_ROWS, type RosterResult, type RosterRow } from '../../src/lib/roster.ts';

const nobody = () => false;
const rowsOf = (result: RosterResult): RosterRow[] => {
  if (!result.ok) throw new Error(`expected rows, got file error ${result.fileError}`);
  return result.rows;
};
const problemsOf = (text: string, exists: (email: string) => boolean = nobody) => rowsOf(parseRoster(text, exists)).map((r) => r.problems);

describe('a good roster', () => {
  test('English headers: one row per person, lines counted from the header as line 1', () => {
    const rows = rowsOf(
      parseRoster(
        'name,email,team,role\nLi Na,li.na@example.com,east,rep\nWang Wei,wang.wei@example.com,east,manager\nZhao Min,zhao.min@example.com,,hr\n',
        nobody,
      ),
    );
    expect(rows).toEqual([
      { line: 2, name: 'Li Na', email: 'li.na@example.com', team: 'east', role: 'rep', problems: [] },
      { line: 3, name: 'Wang Wei', email: 'wang.wei@example.com', team: 'east', role: 'manager', problems: [] },
      { line: 4, name: 'Zhao Min', email: 'zhao.min@example.com', team: '', role: 'hr', problems: [] },
    ]);
  });

  test('Chinese headers and Chinese role names', () => {
    const rows = rowsOf(
      parseRoster(
        '姓名,邮箱,团队,角色\n李娜,li.na@example.com,华东,销售\n王伟,wang.wei@example.com,华东,主管\n赵敏,zhao.min@example.com,华北,经理\n孙丽,sun.li@example.com,,人力资源\n钱强,qian@example.com,华东,销售代表\n',
        nobody,
      ),
    );
    expect(rows.map((r) => [r.name, r.team, r.role, r.problems])).toEqual([
      ['李娜', '华东', 'rep', []],
      ['王伟', '华东', 'manager', []],
      ['赵敏', '华北', 'manager', []],
      ['孙丽', '', 'hr', []],
      ['钱强', '华东', 'rep', []],
    ]);
  });

  test('a byte-order mark (as Excel writes) is ignored', () => {
    const rows = rowsOf(parseRoster('\uFEFFname,email,team,role\nLi Na,li.na@example.com,east,rep\n', nobody));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Li Na', problems: [] });
  });

  test('columns in any order, header case ignored, extra columns ignored, e-mail accepted', () => {
    const rows = rowsOf(parseRoster('Role,Phone,E-mail,TEAM,Name\nSales Rep,123,li.na@example.com,east,Li Na\n', nobody));
    expect(rows[0]).toMatchObject({ name: 'Li Na', email: 'li.na@example.com', team: 'east', role: 'rep', problems: [] });
  });

  test('Windows line endings, quoted fields and surrounding spaces', () => {
    const rows = rowsOf(parseRoster('name,email,team,role\r\n"Li, Na" , li.na@example.com ,east, REP \r\n', nobody));
    expect(rows[0]).toMatchObject({ name: 'Li, Na', email: 'li.na@example.com', team: 'east', role: 'rep', problems: [] });
  });

  test('a header-only file has no rows', () => {
    expect(parseRoster('name,email,team,role\n', nobody)).toEqual({ ok: true, rows: [] });
  });
});

describe('row problems', () => {
  const header = 'name,email,team,role\n';

  test('missing name', () => {
    expect(problemsOf(`${header},li.na@example.com,east,rep\n`)).toEqual([['missing-name']]);
  });
  test('missing email', () => {
    expect(problemsOf(`${header}Li Na,,east,rep\n`)).toEqual([['missing-email']]);
  });
  test('bad email', () => {
    expect(problemsOf(`${header}Li Na,li.na-at-example.com,east,rep\nWang Wei,wang@,east,rep\n`)).toEqual([['bad-email'], ['bad-email']]);
  });
  test('the same email twice in the file (case does not matter): the second is flagged', () => {
    expect(problemsOf(`${header}Li Na,li.na@example.com,east,rep\nLi Na 2,LI.NA@Example.com,east,rep\n`)).toEqual([
      [],
      ['duplicate-in-file'],
    ]);
  });
  test('an email that already has an account, checked in lower case', () => {
    const asked: string[] = [];
    const exists = (email: string) => {
      asked.push(email);
      return email === 'li.na@example.com';
    };
    expect(problemsOf(`${header}Li Na,Li.Na@Example.com,east,rep\nWang Wei,wang.wei@example.com,east,rep\n`, exists)).toEqual([
      ['already-exists'],
      [],
    ]);
    expect(asked).toEqual(['li.na@example.com', 'wang.wei@example.com']);
  });
  test('unknown role (and an empty one)', () => {
    expect(problemsOf(`${header}Li Na,li.na@example.com,east,boss\nWang Wei,wang.wei@example.com,east,\n`)).toEqual([
      ['unknown-role'],
      ['unknown-role'],
    ]);
  });
  test('missing team for reps and managers, but not for HR', () => {
    expect(
      problemsOf(`${header}Li Na,li.na@example.com,,rep\nWang Wei,wang.wei@example.com,,manager\nZhao Min,zhao@example.com,,hr\n`),
    ).toEqual([['missing-team'], ['missing-team'], []]);
  });
  test('too long: name over 100, email over 254, team over 80 characters', () => {
    const longEmail = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}.com`;
    expect(longEmail.length).toBeGreaterThan(254);
    const problems = problemsOf(
      `${header}${'N'.repeat(101)},ok@example.com,east,rep\nOk,ok2@example.com,${'t'.repeat(81)},rep\nOk,${longEmail},east,rep\n`,
    );
    expect(problems[0]).toEqual(['too-long']);
    expect(problems[1]).toEqual(['too-long']);
    expect(problems[2]).toContain('too-long');
  });
  test('exactly 100 characters of name is fine', () => {
    expect(problemsOf(`${header}${'N'.repeat(100)},ok@example.com,east,rep\n`)).toEqual([[]]);
  });
  test('a row can have several problems at once', () => {
    expect(problemsOf(`${header},not-an-email,,\n`)).toEqual([['missing-name', 'bad-email', 'unknown-role', 'missing-team']]);
    expect(problemsOf(`${header},,,boss\n`)).toEqual([['missing-name', 'missing-email', 'unknown-role', 'missing-team']]);
  });
  test('a short row (fewer cells than headers) is read as far as it goes', () => {
    expect(problemsOf(`${header}Li Na,li.na@example.com\n`)).toEqual([['unknown-role', 'missing-team']]);
  });
  test('line numbers point at the real line when the file has blank lines', () => {
    const rows = rowsOf(parseRoster(`${header}Li Na,li.na@example.com,east,rep\n\nWang Wei,wang@,east,rep\n`, nobody));
    // Wang Wei is on line 4 of the file (line 3 is blank); HR must be sent to the right line.
    expect(rows.map((r) => [r.name, r.line])).toEqual([
      ['Li Na', 2],
      ['Wang Wei', 4],
    ]);
  });
  test('spreadsheet padding rows of only commas are ignored, not reported as broken people', () => {
    const rows = rowsOf(parseRoster(`${header}Li Na,li.na@example.com,east,rep\n,,,\n,,,\n`, nobody));
    expect(rows.map((r) => r.name)).toEqual(['Li Na']);
  });
});

describe('file problems', () => {
  test('an empty file, a blank file and a BOM-only file are empty', () => {
    expect(parseRoster('', nobody)).toEqual({ ok: false, fileError: 'empty' });
    expect(parseRoster(' \n\n ', nobody)).toEqual({ ok: false, fileError: 'empty' });
    expect(parseRoster('\uFEFF', nobody)).toEqual({ ok: false, fileError: 'empty' });
  });

  test('missing columns are named', () => {
    expect(parseRoster('name,email\nLi Na,li.na@example.com\n', nobody)).toEqual({
      ok: false,
      fileError: 'missing-columns',
      detail: 'team, role',
    });
    expect(parseRoster('full name,mail,group,title\nx,y,z,w\n', nobody)).toMatchObject({
      fileError: 'missing-columns',
      detail: 'name, email, team, role',
    });
  });

  test('text that is not CSV (an unterminated quote) is refused with a reason', () => {
    const result = parseRoster('name,email,team,role\n"Li Na,li.na@example.com,east,rep\n', nobody);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fileError).toBe('not-csv');
      expect(result.detail).toBeTruthy();
    }
  });

  test(`${ROSTER_MAX_ROWS} rows are accepted, one more is too many`, () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `P${i},p${i}@example.com,east,rep`).join('\n');
    const atLimit = parseRoster(`name,email,team,role\n${body(ROSTER_MAX_ROWS)}\n`, nobody);
    expect(rowsOf(atLimit)).toHaveLength(ROSTER_MAX_ROWS);
    expect(parseRoster(`name,email,team,role\n${body(ROSTER_MAX_ROWS + 1)}\n`, nobody)).toEqual({ ok: false, fileError: 'too-many-rows' });
  });

  test('a file over the size limit (counted in UTF-8 bytes) is too large', () => {
    const header = 'name,email,team,role\n';
    // Chinese characters are 3 bytes each: under the limit in characters, over it in bytes.
    const padding = '李'.repeat(Math.ceil(ROSTER_MAX_BYTES / 3));
    expect(padding.length).toBeLessThan(ROSTER_MAX_BYTES);
    expect(parseRoster(`${header}${padding},a@example.com,east,rep\n`, nobody)).toEqual({ ok: false, fileError: 'too-large' });
  });
});
