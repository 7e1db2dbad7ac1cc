import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'astro/zod';
import { type Problem, zodProblems } from './problems.ts';

/** A content file that parsed and validated, with its path for messages. */
export interface Loaded<T> {
  file: string;
  data: T;
}

/** Files under `dir` (recursively) whose names end with one of `exts`, sorted. */
export function listFiles(dir: string, exts: string[]): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => exts.some((e) => f.endsWith(e)))
    .map((f) => join(dir, f))
    .sort();
}

/** Reads and validates a YAML file; problems go to `problems`, the data comes back when valid. */
export function loadYaml<S extends z.ZodType>(root: string, path: string, schema: S, problems: Problem[]): Loaded<z.output<S>> | undefined {
  const file = relative(root, path);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    problems.push({ file, where: '', message: `not valid YAML: ${(error as Error).message}` });
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...zodProblems(file, parsed.error.issues));
    return undefined;
  }
  return { file, data: parsed.data };
}

/** Splits an MDX file into its YAML frontmatter and body. */
export function splitFrontmatter(source: string): { frontmatter: unknown; body: string } | { error: string } {
  const match = source.match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/);
  if (!match) return { error: 'missing frontmatter between --- lines at the top' };
  try {
    return { frontmatter: parseYaml(match[1] ?? ''), body: match[2] ?? '' };
  } catch (error) {
    return { error: `frontmatter is not valid YAML: ${(error as Error).message}` };
  }
}
