/** Plain-text helpers for measuring and scanning lesson bodies. */

/** The MDX body without frontmatter, imports, JSX tags and markdown punctuation. */
export function bodyText(mdx: string): string {
  return mdx
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/^(import|export)\s.*$/gm, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[#>*_`[\]|-]/g, ' ');
}

/** Number of Han characters: the measure of length for Chinese text. */
export function countHan(text: string): number {
  return text.match(/\p{Script=Han}/gu)?.length ?? 0;
}

/** Number of English words. */
export function countWords(text: string): number {
  return text.match(/[A-Za-z][A-Za-z'’-]*/g)?.length ?? 0;
}

/** The text of each `##`/`###` heading, with inline markdown removed. */
export function headings(mdx: string): string[] {
  return [...mdx.matchAll(/^#{2,3}\s+(.+?)\s*#*\s*$/gm)].map((m) => (m[1] ?? '').replace(/[*_`]/g, '').trim());
}

/** Words that mark unfinished writing. */
const UNFINISHED = /\b(TODO|TBD|FIXME|lorem ipsum|lorem|placeholder)\b|待补充|待完善|占位/i;

export function findUnfinished(text: string): string | undefined {
  return text.match(UNFINISHED)?.[0];
}

/** Root-relative links in markdown (`](/x)`) and JSX (`href="/x"`). */
export function internalLinks(mdx: string): string[] {
  const md = [...mdx.matchAll(/\]\((\/[^)\s]*)\)/g)].map((m) => m[1] ?? '');
  const jsx = [...mdx.matchAll(/href=["'](\/[^"']*)["']/g)].map((m) => m[1] ?? '');
  return [...md, ...jsx];
}

/** Ids passed to a component, e.g. `<Term id="x">` gives `x` for `Term`. */
export function componentIds(mdx: string, component: string): string[] {
  const re = new RegExp(`<${component}\\b[^>]*\\bid=["']([^"']+)["']`, 'g');
  return [...mdx.matchAll(re)].map((m) => m[1] ?? '');
}
