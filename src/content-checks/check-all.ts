import { readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { assessmentSchema, type Assessment } from '../schemas/assessment.ts';
import { courseSchema, glossarySchema } from '../schemas/course.ts';
import { lessonFrontmatter, type LessonFrontmatter } from '../schemas/lesson.ts';
import { LOCALES, type Locale } from '../schemas/localized.ts';
import { quizSchema, type Quiz } from '../schemas/quiz.ts';
import { scenarioSchema, type Scenario } from '../schemas/scenario.ts';
import { listFiles, type Loaded, loadYaml, splitFrontmatter } from './load.ts';
import { type Problem, zodProblems } from './problems.ts';
import { checkQuizKeys } from './quiz-rules.ts';
import { checkScenarioGraph, decisionPoints } from './scenario-graph.ts';
import { bodyText, componentIds, countHan, countWords, findUnfinished, headings, internalLinks } from './text.ts';

/** Length floors per module: Han characters (zh) and words (en) of lesson body text. */
export const LENGTH_FLOOR = {
  core: { zh: 1500, en: 900 },
  frame: { zh: 500, en: 300 },
} as const;

interface LessonFile {
  file: string;
  locale: Locale;
  module: string;
  slug: string;
  meta: LessonFrontmatter;
  body: string;
}

export interface ModuleStats {
  module: string;
  lessons: number;
  han: number;
  words: number;
  quizItems: number;
  scenarios: string[];
}

export interface CheckResult {
  problems: Problem[];
  stats: ModuleStats[];
  scenarioStats: { id: string; nodes: number; decisions: number; endings: number }[];
}

/** Validates everything under `root/content`; returns every problem found and per-module figures. */
export function checkContent(root: string): CheckResult {
  const problems: Problem[] = [];
  const contentDir = join(root, 'content');
  const add = (file: string, where: string, message: string) => problems.push({ file, where, message });

  const course = loadYaml(root, join(contentDir, 'course.yaml'), courseSchema, problems);
  const glossary = loadYaml(root, join(contentDir, 'glossary.yaml'), glossarySchema, problems);
  if (!course) return { problems, stats: [], scenarioStats: [] };
  const modules = new Map(course.data.modules.map((m) => [m.id, m]));
  const termIds = new Set(glossary?.data.terms.map((t) => t.id) ?? []);

  // Lessons.
  const lessons: LessonFile[] = [];
  for (const path of listFiles(join(contentDir, 'lessons'), ['.mdx', '.md'])) {
    const file = relative(root, path);
    const parts = relative(join(contentDir, 'lessons'), path).split(sep);
    if (parts.length !== 3) {
      add(file, '', 'lessons live at content/lessons/{zh|en}/{module}/{lesson}.mdx');
      continue;
    }
    const [locale, module] = parts as [string, string];
    if (!(LOCALES as readonly string[]).includes(locale)) add(file, '', `unknown locale folder "${locale}"`);
    if (!modules.has(module)) add(file, '', `module folder "${module}" is not in content/course.yaml`);
    const source = readFileSync(path, 'utf8');
    const split = splitFrontmatter(source);
    if ('error' in split) {
      add(file, 'frontmatter', split.error);
      continue;
    }
    const meta = lessonFrontmatter.safeParse(split.frontmatter);
    if (!meta.success) {
      problems.push(...zodProblems(file, meta.error.issues).map((p) => ({ ...p, where: `frontmatter.${p.where}` })));
      continue;
    }
    if (meta.data.module !== module) add(file, 'frontmatter.module', `says "${meta.data.module}" but the file is in "${module}"`);
    lessons.push({
      file,
      locale: locale as Locale,
      module,
      slug: basename(path).replace(/\.mdx?$/, ''),
      meta: meta.data,
      body: split.body,
    });
  }
  const lessonKey = (l: { module: string; slug: string }) => `${l.module}/${l.slug}`;
  const lessonsBy = (locale: Locale) => new Map(lessons.filter((l) => l.locale === locale).map((l) => [lessonKey(l), l]));
  const byLocale = { zh: lessonsBy('zh'), en: lessonsBy('en') };
  for (const l of lessons) {
    const other: Locale = l.locale === 'zh' ? 'en' : 'zh';
    if (!byLocale[other].has(lessonKey(l))) add(l.file, '', `has no ${other} version at content/lessons/${other}/${lessonKey(l)}.mdx`);
  }

  // Data files.
  const loadAll = <T>(folder: string, schema: Parameters<typeof loadYaml>[2]) =>
    listFiles(join(contentDir, folder), ['.yaml', '.yml'])
      .map((p) => loadYaml(root, p, schema, problems) as Loaded<T> | undefined)
      .filter((x): x is Loaded<T> => !!x);
  const quizzes = loadAll<Quiz>('quizzes', quizSchema);
  const scenarios = loadAll<Scenario>('scenarios', scenarioSchema);
  const assessments = loadAll<Assessment>('assessments', assessmentSchema);
  const idMatchesFile = (l: Loaded<{ id: string }>) => {
    const expected = basename(l.file).replace(/\.ya?ml$/, '');
    if (l.data.id !== expected) add(l.file, 'id', `"${l.data.id}" must match the file name "${expected}"`);
  };
  [...quizzes, ...scenarios, ...assessments].forEach(idMatchesFile);
  const quizIds = new Set(quizzes.map((q) => q.data.id));
  const scenarioIds = new Set(scenarios.map((s) => s.data.id));
  const assessmentIds = new Set(assessments.map((a) => a.data.id));

  // Internal links: every route a lesson may point to.
  const routes = new Set<string>();
  for (const lang of LOCALES) {
    const c = `/${lang}/courses/${course.data.id}/`;
    routes.add(`/${lang}/`).add(c).add(`/${lang}/glossary`).add(`/${lang}/review`);
    for (const m of modules.keys()) routes.add(`${c}${m}/`);
    for (const key of byLocale[lang].keys()) routes.add(`${c}${key}`);
    for (const id of quizIds) routes.add(`/${lang}/quizzes/${id}`);
    for (const id of scenarioIds) routes.add(`/${lang}/scenarios/${id}`);
    for (const id of assessmentIds) routes.add(`/${lang}/assessments/${id}`);
  }

  for (const l of lessons) {
    const unfinished = findUnfinished(l.body) ?? findUnfinished(JSON.stringify(l.meta));
    if (unfinished) add(l.file, '', `contains unfinished-text marker "${unfinished}"`);
    for (const link of internalLinks(l.body)) {
      const path = link.split('#')[0] ?? '';
      if (!routes.has(path)) add(l.file, 'link', `broken internal link ${link}`);
      else if (!path.startsWith(`/${l.locale}/`)) add(l.file, 'link', `${link} points to the other language`);
    }
    for (const id of componentIds(l.body, 'Term')) if (!termIds.has(id)) add(l.file, '<Term>', `unknown glossary term "${id}"`);
    for (const id of componentIds(l.body, 'QuizLink')) if (!quizIds.has(id)) add(l.file, '<QuizLink>', `unknown quiz "${id}"`);
    for (const id of componentIds(l.body, 'ScenarioLink'))
      if (!scenarioIds.has(id)) add(l.file, '<ScenarioLink>', `unknown role-play "${id}"`);
  }

  // Quizzes.
  for (const q of quizzes) {
    problems.push(...checkQuizKeys(q.file, q.data));
    if (!modules.has(q.data.module)) add(q.file, 'module', `unknown module "${q.data.module}"`);
    q.data.items.forEach((item, i) => {
      for (const lang of LOCALES) {
        const lesson = byLocale[lang].get(item.ref.lesson);
        if (!lesson) {
          add(q.file, `items[${i}].ref.lesson`, `no ${lang} lesson "${item.ref.lesson}"`);
          continue;
        }
        const section = item.ref.section?.[lang];
        if (section && !headings(lesson.body).includes(section))
          add(q.file, `items[${i}].ref.section.${lang}`, `"${section}" is not a heading of ${lesson.file}`);
      }
    });
    const unfinished = findUnfinished(JSON.stringify(q.data));
    if (unfinished) add(q.file, '', `contains unfinished-text marker "${unfinished}"`);
  }

  // Role-plays.
  const scenarioStats: CheckResult['scenarioStats'] = [];
  for (const s of scenarios) {
    problems.push(...checkScenarioGraph(s.file, s.data));
    if (!modules.has(s.data.module)) add(s.file, 'module', `unknown module "${s.data.module}"`);
    for (const ref of s.data.lessons)
      for (const lang of LOCALES) if (!byLocale[lang].has(ref)) add(s.file, 'lessons', `no ${lang} lesson "${ref}"`);
    const unfinished = findUnfinished(JSON.stringify(s.data));
    if (unfinished) add(s.file, '', `contains unfinished-text marker "${unfinished}"`);
    const decisions = decisionPoints(s.data);
    if (decisions < 12) add(s.file, 'nodes', `has ${decisions} decision points; a role-play needs at least 12`);
    scenarioStats.push({ id: s.data.id, nodes: s.data.nodes.length, decisions, endings: s.data.nodes.filter((n) => n.ending).length });
  }

  // Self-assessments.
  for (const a of assessments) {
    const dims = new Set(a.data.dimensions.map((d) => d.id));
    const counts = new Map<string, number>();
    const ids = new Set<string>();
    a.data.items.forEach((item, i) => {
      if (ids.has(item.id)) add(a.file, `items[${i}]`, `duplicate item id "${item.id}"`);
      ids.add(item.id);
      const used = item.type === 'forced' ? [item.a.dimension, item.b.dimension] : [item.dimension];
      if (item.type === 'forced' && item.a.dimension === item.b.dimension)
        add(a.file, `items[${i}]`, 'both reactions count for the same dimension');
      for (const d of used) {
        if (!dims.has(d)) add(a.file, `items[${i}]`, `unknown dimension "${d}"`);
        counts.set(d, (counts.get(d) ?? 0) + 1);
      }
    });
    for (const d of a.data.dimensions) {
      const n = counts.get(d.id) ?? 0;
      if (n < a.data.minItemsPerDimension)
        add(a.file, `dimension ${d.id}`, `has ${n} items; needs at least ${a.data.minItemsPerDimension}`);
      for (const m of d.recommend.modules) if (!modules.has(m)) add(a.file, `dimension ${d.id}`, `recommends unknown module "${m}"`);
      for (const s of d.recommend.scenarios)
        if (!scenarioIds.has(s)) add(a.file, `dimension ${d.id}`, `recommends unknown role-play "${s}"`);
    }
  }

  // Per-module length and parity.
  const stats: ModuleStats[] = [];
  for (const m of course.data.modules) {
    const of = (lang: Locale) => lessons.filter((l) => l.locale === lang && l.module === m.id);
    const han = of('zh').reduce((n, l) => n + countHan(bodyText(l.body)), 0);
    const words = of('en').reduce((n, l) => n + countWords(bodyText(l.body)), 0);
    const moduleQuizzes = quizzes.filter((q) => q.data.module === m.id);
    stats.push({
      module: m.id,
      lessons: of('zh').length,
      han,
      words,
      quizItems: moduleQuizzes.reduce((n, q) => n + q.data.items.length, 0),
      scenarios: scenarios.filter((s) => s.data.module === m.id).map((s) => s.data.id),
    });
    if (of('zh').length === 0 && of('en').length === 0) continue; // not written yet: hidden from the catalogue
    const floor = m.kind === 'core' ? LENGTH_FLOOR.core : LENGTH_FLOOR.frame;
    const file = relative(root, join(contentDir, 'lessons'));
    if (han < floor.zh) add(file, `zh/${m.id}`, `module has ${han} Chinese characters of lesson text; the floor is ${floor.zh}`);
    if (words < floor.en) add(file, `en/${m.id}`, `module has ${words} English words of lesson text; the floor is ${floor.en}`);
  }
  return { problems, stats, scenarioStats };
}
