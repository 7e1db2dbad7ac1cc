import Avoid from './Avoid.astro';
import Checklist from './Checklist.astro';
import LegalNotice from './LegalNotice.astro';
import QuizLink from './QuizLink.astro';
import Reflection from './Reflection.astro';
import Say from './Say.astro';
import ScenarioLink from './ScenarioLink.astro';
import Situation from './Situation.astro';
import Term from './Term.astro';

/** The components lesson authors may use without importing (see content/README.md). */
export const lessonComponents = { Avoid, Checklist, LegalNotice, QuizLink, Reflection, Say, ScenarioLink, Situation, Term };
