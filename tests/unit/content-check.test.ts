import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { checkContent, LENGTH_FLOOR } from '../../src/content-checks/check-all.ts';
import { formatProblem, type Problem } from '../../src/content-checks/problems.ts';

/**
 * checkContent on small content trees written to a temporary folder: a clean baseline that
 * reports nothing, then the same tree with one thing wrong.
 */

const L = (en: string, zh: string) => ({ zh, en });
// 11 Han characters and 9 English words per sentence.
const zhText = (sentences: number) => '同事之间要先沟通再上报。'.repeat(sentences);
const enText = (sentences: number) => 'Talk to your colleague before you escalate the matter. '.repeat(sentences);

interface LessonSpec {
  title: string;
  summary: string;
  module: string;
  order: number;
  minutes: number;
  objectives: string[];
  takeaways?: string[];
}

function lesson(meta: Partial<LessonSpec> & { module: string }, body: string): string {
  const full: Partial<LessonSpec> = {
    title: 'Basics',
    summary: 'How to start.',
    order: 1,
    minutes: 10,
    objectives: ['Listen first'],
    takeaways: ['Listen first', 'Then talk'],
    ...meta,
  };
  for (const k of Object.keys(full) as (keyof LessonSpec)[]) if (full[k] === undefined) delete full[k];
  return `---\n${stringify(full)}---\n\n${body}\n`;
}

const zhBody = (extra = '', sentences = 150) =>
  `## 开场\n\n${zhText(sentences)}\n\n<Term id="lead">线索</Term>见[术语表](/zh/glossary)，完成后做[测验](/zh/quizzes/talk)。\n\n### 小结\n\n${extra}\n`;
const enBody = (extra = '', sentences = 110) =>
  `## Opening\n\n${enText(sentences)}\n\nSee the <Term id="lead">lead</Term> in the [glossary](/en/glossary) and [back to the start](/en/courses/fairplay-test/talk/basics#opening).\n\n### Wrap-up\n\n${extra}\n`;

const tf = (n: number) => ({
  id: `statement-${n}`,
  kind: 'truefalse',
  prompt: L(`Statement ${n}`, `陈述${n}`),
  explanation: L('Because the rules say so.', '因为规则如此。'),
  ref: { lesson: 'talk/basics', section: L('Opening', '开场') },
  answer: true,
  feedback: L('Read the opening again.', '再读一遍开场。'),
});
const opt = (id: string, correct: boolean) => ({ id, text: L(`Option ${id}`, `选项${id}`), correct, feedback: L('Why.', '原因。') });
const pickOne = {
  id: 'pick-one',
  kind: 'single',
  prompt: L('Who owns the lead?', '线索归谁？'),
  explanation: L('The record decides.', '以记录为准。'),
  ref: { lesson: 'talk/basics', section: L('Wrap-up', '小结') },
  options: [opt('a', true), opt('b', false), opt('c', false)],
};

type Files = Record<string, string | object>;

function baseline(): Files {
  return {
    'content/course.yaml': {
      id: 'fairplay-test',
      title: L('Fair play', '公平竞争'),
      summary: L('A test course.', '测试课程。'),
      modules: [
        {
          id: 'talk',
          order: 1,
          kind: 'core',
          title: L('Talk', '沟通'),
          summary: L('Talk first.', '先沟通。'),
          objectives: [L('Talk first', '先沟通')],
        },
        {
          id: 'later',
          order: 2,
          kind: 'core',
          title: L('Later', '以后'),
          summary: L('Not written yet.', '还没写。'),
          objectives: [L('Wait', '等待')],
        },
      ],
    },
    'content/glossary.yaml': { terms: [{ id: 'lead', term: L('lead', '线索'), definition: L('A possible customer.', '潜在客户。') }] },
    'content/lessons/zh/talk/basics.mdx': lesson(
      { module: 'talk', title: '基础', summary: '怎样开口。', objectives: ['先听再说'], takeaways: ['先听', '再说'] },
      zhBody(),
    ),
    'content/lessons/en/talk/basics.mdx': lesson({ module: 'talk' }, enBody()),
    'content/quizzes/talk.yaml': {
      id: 'talk',
      module: 'talk',
      title: L('Talk quiz', '沟通测验'),
      items: [structuredClone(pickOne), ...Array.from({ length: 10 }, (_, i) => tf(i + 1))],
    },
  };
}

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** Writes the baseline (after `edit`) to a fresh temporary folder and checks it. */
function check(edit: (files: Files) => void = () => {}) {
  const files = baseline();
  edit(files);
  const root = mkdtempSync(join(tmpdir(), 'fairplay-content-'));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof content === 'string' ? content : stringify(content));
  }
  return checkContent(root);
}
const pretty = (problems: Problem[]) => problems.map(formatProblem);
// biome-ignore lint/suspicious/noExplicitAny: test edits raw content objects
type Any = any;

describe('a clean content tree', () => {
  test('reports no problems', () => {
    expect(pretty(check().problems)).toEqual([]);
  });

  test('counts lesson text and quiz items per module; a module with no lessons yet is skipped, not flagged', () => {
    const { stats } = check();
    const talk = stats.find((s) => s.module === 'talk');
    expect(talk).toMatchObject({ lessons: 1, quizItems: 11, scenarios: [] });
    expect(talk?.han).toBeGreaterThanOrEqual(150 * 11);
    expect(talk?.words).toBeGreaterThanOrEqual(110 * 9);
    expect(stats.find((s) => s.module === 'later')).toMatchObject({ lessons: 0, han: 0, words: 0 });
  });
});

describe('problems are reported with the file and the place in it', () => {
  test('a lesson without its other-language twin', () => {
    const { problems } = check((f) => {
      f['content/lessons/zh/talk/extra.mdx'] = lesson({ module: 'talk', order: 2, title: '补充', summary: '更多。' }, zhBody());
    });
    expect(problems).toEqual([
      { file: 'content/lessons/zh/talk/extra.mdx', where: '', message: 'has no en version at content/lessons/en/talk/extra.mdx' },
    ]);
  });

  test('missing takeaways in the frontmatter', () => {
    const { problems } = check((f) => {
      f['content/lessons/en/talk/basics.mdx'] = lesson({ module: 'talk', takeaways: undefined }, enBody());
    });
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'content/lessons/en/talk/basics.mdx', where: 'frontmatter.takeaways' }),
    );
  });

  test('only one takeaway', () => {
    const { problems } = check((f) => {
      f['content/lessons/zh/talk/basics.mdx'] = lesson({ module: 'talk', takeaways: ['先听'] }, zhBody());
    });
    expect(problems).toContainEqual({
      file: 'content/lessons/zh/talk/basics.mdx',
      where: 'frontmatter.takeaways',
      message: 'a lesson needs at least two key takeaways',
    });
  });

  test('a core module under the Chinese length floor', () => {
    const { problems } = check((f) => {
      f['content/lessons/zh/talk/basics.mdx'] = lesson({ module: 'talk' }, zhBody('', 20));
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'content/lessons', where: 'zh/talk' });
    expect(problems[0]?.message).toMatch(
      new RegExp(`module has \\d+ Chinese characters of lesson text; the floor is ${LENGTH_FLOOR.core.zh}`),
    );
  });

  test('a core module under the English length floor', () => {
    const { problems } = check((f) => {
      f['content/lessons/en/talk/basics.mdx'] = lesson({ module: 'talk' }, enBody('', 50));
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'content/lessons', where: 'en/talk' });
    expect(problems[0]?.message).toMatch(`the floor is ${LENGTH_FLOOR.core.en}`);
  });

  test('an introduction module has the lower floor: the same short text passes there but not in a core module', () => {
    const short = (f: Files, kind: 'intro' | 'core') => {
      (f['content/course.yaml'] as Any).modules.push({
        id: 'welcome',
        order: 0,
        kind,
        title: L('Welcome', '欢迎'),
        summary: L('Hi.', '你好。'),
        objectives: [L('Start', '开始')],
      });
      // 55 sentences: 605 Han characters and 3 x 110 = 330 words, between the frame and core floors.
      f['content/lessons/zh/welcome/hello.mdx'] = lesson({ module: 'welcome' }, zhText(55));
      f['content/lessons/en/welcome/hello.mdx'] = lesson({ module: 'welcome' }, enText(37));
    };
    expect(pretty(check((f) => short(f, 'intro')).problems)).toEqual([]);
    const core = check((f) => short(f, 'core')).problems;
    expect(core.map((p) => p.where).sort()).toEqual(['en/welcome', 'zh/welcome']);
  });

  test('a broken internal link', () => {
    const { problems } = check((f) => {
      f['content/lessons/en/talk/basics.mdx'] = lesson({ module: 'talk' }, enBody('Next: [more](/en/courses/fairplay-test/talk/missing).'));
    });
    expect(problems).toEqual([
      { file: 'content/lessons/en/talk/basics.mdx', where: 'link', message: 'broken internal link /en/courses/fairplay-test/talk/missing' },
    ]);
  });

  test('a broken link written as a JSX href', () => {
    const { problems } = check((f) => {
      f['content/lessons/zh/talk/basics.mdx'] = lesson({ module: 'talk' }, zhBody('<a href="/zh/quizzes/nope">测验</a>'));
    });
    expect(problems).toEqual([
      { file: 'content/lessons/zh/talk/basics.mdx', where: 'link', message: 'broken internal link /zh/quizzes/nope' },
    ]);
  });

  test('a link into the other language', () => {
    const { problems } = check((f) => {
      f['content/lessons/en/talk/basics.mdx'] = lesson({ module: 'talk' }, enBody('[Chinese glossary](/zh/glossary)'));
    });
    expect(problems).toEqual([
      { file: 'content/lessons/en/talk/basics.mdx', where: 'link', message: '/zh/glossary points to the other language' },
    ]);
  });

  test('a TODO marker in a lesson body', () => {
    const { problems } = check((f) => {
      f['content/lessons/zh/talk/basics.mdx'] = lesson({ module: 'talk' }, zhBody('TODO 补一个例子'));
    });
    expect(problems).toEqual([
      { file: 'content/lessons/zh/talk/basics.mdx', where: '', message: 'contains unfinished-text marker "TODO"' },
    ]);
  });

  test('a Chinese unfinished marker in the frontmatter', () => {
    const { problems } = check((f) => {
      f['content/lessons/zh/talk/basics.mdx'] = lesson({ module: 'talk', summary: '待补充' }, zhBody());
    });
    expect(problems).toEqual([
      { file: 'content/lessons/zh/talk/basics.mdx', where: '', message: 'contains unfinished-text marker "待补充"' },
    ]);
  });

  test('a TODO in a quiz file', () => {
    const { problems } = check((f) => {
      (f['content/quizzes/talk.yaml'] as Any).items[3].explanation.en = 'TBD';
    });
    expect(problems).toEqual([{ file: 'content/quizzes/talk.yaml', where: '', message: 'contains unfinished-text marker "TBD"' }]);
  });

  test('a single-choice quiz item with two correct answers', () => {
    const { problems } = check((f) => {
      (f['content/quizzes/talk.yaml'] as Any).items[0].options[1].correct = true;
    });
    expect(problems).toEqual([
      { file: 'content/quizzes/talk.yaml', where: 'items[0] (pick-one)', message: 'needs exactly one correct option, has 2' },
    ]);
  });

  test('a quiz reference to a heading that does not exist', () => {
    const { problems } = check((f) => {
      (f['content/quizzes/talk.yaml'] as Any).items[2].ref.section.en = 'Closing';
    });
    expect(problems).toEqual([
      {
        file: 'content/quizzes/talk.yaml',
        where: 'items[2].ref.section.en',
        message: '"Closing" is not a heading of content/lessons/en/talk/basics.mdx',
      },
    ]);
  });

  test('a quiz reference to a lesson that does not exist', () => {
    const { problems } = check((f) => {
      (f['content/quizzes/talk.yaml'] as Any).items[4].ref = { lesson: 'talk/nowhere' };
    });
    expect(pretty(problems)).toEqual([
      'content/quizzes/talk.yaml: items[4].ref.lesson: no zh lesson "talk/nowhere"',
      'content/quizzes/talk.yaml: items[4].ref.lesson: no en lesson "talk/nowhere"',
    ]);
  });

  test('a quiz whose id does not match its file name', () => {
    const { problems } = check((f) => {
      (f['content/quizzes/talk.yaml'] as Any).id = 'chat';
    });
    expect(problems).toContainEqual({ file: 'content/quizzes/talk.yaml', where: 'id', message: '"chat" must match the file name "talk"' });
  });

  test('an unknown glossary term', () => {
    const { problems } = check((f) => {
      f['content/lessons/en/talk/basics.mdx'] = lesson({ module: 'talk' }, enBody('<Term id="poaching">poaching</Term>'));
    });
    expect(problems).toEqual([
      { file: 'content/lessons/en/talk/basics.mdx', where: '<Term>', message: 'unknown glossary term "poaching"' },
    ]);
  });

  test('a lesson whose frontmatter names another module than its folder', () => {
    const { problems } = check((f) => {
      f['content/lessons/en/talk/basics.mdx'] = lesson({ module: 'later' }, enBody());
    });
    expect(problems).toContainEqual({
      file: 'content/lessons/en/talk/basics.mdx',
      where: 'frontmatter.module',
      message: 'says "later" but the file is in "talk"',
    });
  });

  test('a course file that does not validate stops the check with its problems', () => {
    const { problems, stats } = check((f) => {
      (f['content/course.yaml'] as Any).modules = [];
    });
    expect(stats).toEqual([]);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'content/course.yaml', where: 'modules' }));
  });
});

describe('the real content', () => {
  test('has no problems other than role-plays still being written', () => {
    const { problems, stats } = checkContent(process.cwd());
    expect(pretty(problems.filter((p) => !/role-play/i.test(p.message)))).toEqual([]);
    expect(stats.length).toBeGreaterThan(0);
  });
});
