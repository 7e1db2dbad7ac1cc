import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The seeded test organisation: who exists, in which team, and what each journey may change. */
export const TEAMS = { east: 'East', west: 'West' } as const;

export interface Fixture {
  email: string;
  name: string;
  role: 'rep' | 'manager' | 'hr';
  team: keyof typeof TEAMS | null;
  manages?: (keyof typeof TEAMS)[];
  mustChangePassword?: boolean;
  /** Seed a finished course (every lesson, quiz and role-play). */
  complete?: boolean;
  /** Seed some progress in the first modules. */
  someProgress?: boolean;
}

export const PEOPLE = {
  hr: { email: 'hr@fairplay.test', name: 'Helen HR', role: 'hr', team: null },
  managerEast: { email: 'mgr.east@fairplay.test', name: 'Ma East', role: 'manager', team: 'east', manages: ['east'] },
  managerWest: { email: 'mgr.west@fairplay.test', name: 'Mo West', role: 'manager', team: 'west', manages: ['west'] },
  repProgress: { email: 'rep.progress@fairplay.test', name: '赵进度', role: 'rep', team: 'east' },
  repQuiz: { email: 'rep.quiz@fairplay.test', name: 'Quinn Quiz', role: 'rep', team: 'east' },
  repScenario: { email: 'rep.scenario@fairplay.test', name: 'Sam Scenario', role: 'rep', team: 'east' },
  repAssess: { email: 'rep.assess@fairplay.test', name: 'Ada Assess', role: 'rep', team: 'east' },
  repCert: { email: 'rep.cert@fairplay.test', name: '钱完成', role: 'rep', team: 'east', complete: true },
  repNewPassword: { email: 'rep.newpw@fairplay.test', name: 'Nina New', role: 'rep', team: 'east', mustChangePassword: true },
  repThrottle: { email: 'rep.throttle@fairplay.test', name: 'Theo Throttle', role: 'rep', team: 'east' },
  repEast: { email: 'rep.east@fairplay.test', name: 'Eve East', role: 'rep', team: 'east', someProgress: true },
  repWest: { email: 'rep.west@fairplay.test', name: 'Wu West', role: 'rep', team: 'west', someProgress: true },
  repGuard: { email: 'rep.guard@fairplay.test', name: 'Gus Guard', role: 'rep', team: 'west' },
} as const satisfies Record<string, Fixture>;

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
  const quizzes = readYaml('quizzes') as { id: string; module: string; items: { id: string }[] }[];
  const scenarios = readYaml('scenarios') as { id: string; module: string; nodes: { id: string; ending?: { kind: string } }[] }[];
  return { lessons, quizzes, scenarios };
}
