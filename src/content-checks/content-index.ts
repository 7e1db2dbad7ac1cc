import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** What the content folder holds, read straight from the files (tests know the answer keys). */
export function contentIndex(root = process.cwd()) {
  const lessonsDir = join(root, 'content', 'lessons', 'zh');
  const lessons = readdirSync(lessonsDir).flatMap((module) =>
    readdirSync(join(lessonsDir, module))
      .filter((f) => f.endsWith('.mdx'))
      .map((f) => `${module}/${f.replace(/\.mdx$/, '')}`),
  );
  const readYaml = (folder: string) =>
    readdirSync(join(root, 'content', folder))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => parse(readFileSync(join(root, 'content', folder, f), 'utf8')));
  const course = parse(readFileSync(join(root, 'content', 'course.yaml'), 'utf8')) as { id: string };
  const quizzes = readYaml('quizzes') as { id: string; module: string; items: { id: string }[] }[];
  const scenarios = readYaml('scenarios') as {
    id: string;
    module: string;
    start: string;
    nodes: { id: string; choices?: { id: string; next: string }[]; ending?: { kind: 'good' | 'mixed' | 'bad' } }[];
  }[];
  return { courseId: course.id, lessons, quizzes, scenarios };
}
