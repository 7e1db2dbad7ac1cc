import { getCollection, getEntry, render } from 'astro:content';
import type { Catalogue, CatalogueLesson } from '../lib/catalogue.ts';
import type { Locale } from '../schemas/localized.ts';
import { builtCatalogue } from './built-catalogue.ts';

/** Content access for pages and handlers; built once per process from the content collections. */

let cached: Promise<Catalogue> | undefined;

async function buildCatalogue(): Promise<Catalogue> {
  const courseEntry = await getEntry('course', 'course');
  if (!courseEntry) throw new Error('content/course.yaml is missing');
  const course = courseEntry.data;
  const lessons = await getCollection('lessons');
  const quizzes = await getCollection('quizzes');
  const scenarios = await getCollection('scenarios');
  const modules = course.modules
    .toSorted((a, b) => a.order - b.order)
    .map((module) => {
      const bySlug = new Map<string, CatalogueLesson>();
      for (const entry of lessons) {
        const [locale, moduleId, slug] = entry.id.split('/') as [Locale, string, string];
        if (moduleId !== module.id) continue;
        const lesson = bySlug.get(slug) ?? {
          key: `${moduleId}/${slug}`,
          slug,
          order: entry.data.order,
          title: { zh: '', en: '' },
          summary: { zh: '', en: '' },
          minutes: { zh: 0, en: 0 },
        };
        lesson.title[locale] = entry.data.title;
        lesson.summary[locale] = entry.data.summary;
        lesson.minutes[locale] = entry.data.minutes;
        bySlug.set(slug, lesson);
      }
      return {
        ...module,
        number: null as number | null,
        lessons: [...bySlug.values()].filter((l) => l.title.zh && l.title.en).sort((a, b) => a.order - b.order),
        quizId: quizzes.find((q) => q.data.module === module.id)?.data.id ?? null,
        scenarioIds: scenarios.filter((s) => s.data.module === module.id).map((s) => s.data.id),
      };
    })
    .filter((m) => m.lessons.length > 0);
  let n = 0;
  for (const m of modules) if (m.kind === 'core') m.number = ++n;
  return { courseId: course.id, title: course.title, summary: course.summary, modules };
}

export function getCatalogue(): Promise<Catalogue> {
  cached ??= buildCatalogue().then((catalogue) => builtCatalogue.set(catalogue));
  return cached;
}

export async function getLessonEntry(locale: Locale, key: string) {
  return getEntry('lessons', `${locale}/${key}`);
}

export async function getQuiz(id: string) {
  return (await getEntry('quizzes', id))?.data;
}

export async function getScenario(id: string) {
  return (await getEntry('scenarios', id))?.data;
}

export async function listScenarios() {
  return (await getCollection('scenarios')).map((e) => e.data);
}

export async function getAssessment(id: string) {
  return (await getEntry('assessments', id))?.data;
}

export async function listAssessments() {
  return (await getCollection('assessments')).map((e) => e.data);
}

export async function getGlossary() {
  return (await getEntry('glossary', 'glossary'))?.data.terms ?? [];
}

const anchorCache = new Map<string, Map<string, string>>();
// The renderer curls straight quotes in headings; quiz files name sections as written.
const normaliseHeading = (text: string) => text.trim().replace(/[‘’]/g, "'").replace(/[“”]/g, '"');

/** The URL of a lesson section: the heading's generated id, found by the heading text. */
export async function lessonSectionHref(locale: Locale, lessonKey: string, section: string | undefined): Promise<string> {
  const catalogue = await getCatalogue();
  const href = `/${locale}/courses/${catalogue.courseId}/${lessonKey}`;
  if (!section) return href;
  const cacheKey = `${locale}/${lessonKey}`;
  let anchors = anchorCache.get(cacheKey);
  if (!anchors) {
    anchors = new Map();
    const entry = await getLessonEntry(locale, lessonKey);
    if (entry) for (const h of (await render(entry)).headings) anchors.set(normaliseHeading(h.text), h.slug);
    anchorCache.set(cacheKey, anchors);
  }
  const slug = anchors.get(normaliseHeading(section));
  return slug ? `${href}#${slug}` : href;
}
