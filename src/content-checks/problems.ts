/** One thing wrong with a content file: where, and what. */
export interface Problem {
  file: string;
  /** A dotted path inside the file (`items[3].options`) or a node id; empty for the whole file. */
  where: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  return p.where ? `${p.file}: ${p.where}: ${p.message}` : `${p.file}: ${p.message}`;
}

/** Turns zod issues into problems with a readable path. */
export function zodProblems(file: string, issues: readonly { path: readonly PropertyKey[]; message: string }[]): Problem[] {
  return issues.map((issue) => ({
    file,
    where: issue.path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`)).join(''),
    message: issue.message,
  }));
}
