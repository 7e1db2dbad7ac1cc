/**
 * `npm run check:content`: validates every content file and prints each problem with its file
 * and place; exits 1 when there is any. `--stats` also prints per-module lengths.
 */
import { fileURLToPath } from 'node:url';
import { checkContent } from '../src/content-checks/check-all.ts';
import { formatProblem } from '../src/content-checks/problems.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { problems, stats, scenarioStats } = checkContent(root);

if (process.argv.includes('--stats')) {
  console.table(stats.map((s) => ({ ...s, scenarios: s.scenarios.join(' ') })));
  console.table(scenarioStats);
}
if (problems.length) {
  for (const p of problems) console.error(formatProblem(p));
  console.error(`\ncheck:content: ${problems.length} problem(s)`);
  process.exit(1);
}
const lessons = stats.reduce((n, s) => n + s.lessons, 0);
console.log(
  `check:content: ok (${lessons} lessons per locale, ${stats.filter((s) => s.quizItems).length} quizzes, ${scenarioStats.length} role-plays)`,
);
