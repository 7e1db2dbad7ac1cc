import { describe, expect, test } from 'vitest';
import { safeCell } from '../../src/lib/csv-safe.ts';

describe('safeCell: spreadsheet formula injection', () => {
  test.each([
    ['=HYPERLINK("http://evil.example","click")'],
    ['=1+1'],
    ['+86 138 0000 0000'],
    ['-2+3'],
    ['@SUM(A1:A2)'],
    ['\t=1+1'],
    ['\r=1+1'],
  ])('text starting with a formula character gets a leading apostrophe: %j', (text) => {
    expect(safeCell(text)).toBe(`'${text}`);
  });

  test('ordinary text is left alone, including = + - @ further in', () => {
    for (const text of ['Li Na', '李娜', 'east', 'a=b', 'li.na@example.com', '3-2', 'C++', ' =not at the start', ''])
      expect(safeCell(text)).toBe(text);
  });

  test('numbers are written as numbers, negative ones included', () => {
    expect(safeCell(0)).toBe('0');
    expect(safeCell(85)).toBe('85');
    expect(safeCell(-3)).toBe('-3');
    expect(safeCell(0.75)).toBe('0.75');
  });

  test('null and undefined become empty cells', () => {
    expect(safeCell(null)).toBe('');
    expect(safeCell(undefined)).toBe('');
  });

  test('the apostrophe is added once, not again for an already-safe cell that starts with one', () => {
    expect(safeCell("'=1+1")).toBe("'=1+1");
  });
});
