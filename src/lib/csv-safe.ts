/**
 * Makes a cell safe to open in a spreadsheet: text starting with = + - @ (or a tab or carriage
 * return) would run as a formula, so it gets a leading apostrophe.
 */
export function safeCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
