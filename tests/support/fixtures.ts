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

export { contentIndex } from '../../src/content-checks/content-index.ts';
