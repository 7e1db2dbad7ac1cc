import type { Quiz } from '../schemas/quiz.ts';
import type { Problem } from './problems.ts';

/** Checks a quiz's answer keys: the right number of correct answers, unique ids. */
export function checkQuizKeys(file: string, quiz: Quiz): Problem[] {
  const problems: Problem[] = [];
  const add = (where: string, message: string) => problems.push({ file, where, message });
  const ids = new Set<string>();
  quiz.items.forEach((item, i) => {
    const at = `items[${i}] (${item.id})`;
    if (ids.has(item.id)) add(at, 'duplicate item id');
    ids.add(item.id);
    if (item.kind === 'truefalse') return;
    const list = item.kind === 'ordering' ? item.steps : item.options;
    if (new Set(list.map((o) => o.id)).size !== list.length) add(at, 'two options share an id');
    if (item.kind === 'ordering') return;
    const correct = item.options.filter((o) => o.correct).length;
    if ((item.kind === 'single' || item.kind === 'best-response') && correct !== 1)
      add(at, `needs exactly one correct option, has ${correct}`);
    if (item.kind === 'multiple' && (correct < 2 || correct === item.options.length))
      add(at, `a multiple-choice item needs at least two correct options and one wrong one, has ${correct} of ${item.options.length}`);
  });
  return problems;
}
