import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { assessmentSchema } from './schemas/assessment.ts';
import { courseSchema, glossarySchema } from './schemas/course.ts';
import { lessonFrontmatter } from './schemas/lesson.ts';
import { quizSchema } from './schemas/quiz.ts';
import { scenarioSchema } from './schemas/scenario.ts';

// All content lives in the top-level content/ folder; the same schemas are used by
// `npm run check:content`, which adds the cross-file checks a collection cannot do.
export const collections = {
  course: defineCollection({ loader: glob({ pattern: 'course.yaml', base: './content' }), schema: courseSchema }),
  glossary: defineCollection({ loader: glob({ pattern: 'glossary.yaml', base: './content' }), schema: glossarySchema }),
  lessons: defineCollection({ loader: glob({ pattern: '{zh,en}/*/*.mdx', base: './content/lessons' }), schema: lessonFrontmatter }),
  quizzes: defineCollection({ loader: glob({ pattern: '*.yaml', base: './content/quizzes' }), schema: quizSchema }),
  scenarios: defineCollection({ loader: glob({ pattern: '*.yaml', base: './content/scenarios' }), schema: scenarioSchema }),
  assessments: defineCollection({ loader: glob({ pattern: '*.yaml', base: './content/assessments' }), schema: assessmentSchema }),
};
