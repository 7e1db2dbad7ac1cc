import type { Locale } from '../schemas/localized.ts';
import type { Condition, Scenario } from '../schemas/scenario.ts';

/** A role-play in one language: what the player island receives (half the bytes of both). */
export interface ScenarioView {
  id: string;
  title: string;
  setting: string;
  allowStepBack: boolean;
  start: string;
  characters: { id: string; name: string; role: string }[];
  measures: { id: string; label: string; initial: number }[];
  nodes: {
    id: string;
    lines: { speaker: string; text: string }[];
    coaching?: string | undefined;
    ending?: { kind: 'good' | 'mixed' | 'bad'; title: string; text: string } | undefined;
    choices: {
      id: string;
      text: string;
      style: string;
      effects: Record<string, number>;
      sets: string[];
      consequence: string;
      when?: Condition | undefined;
      next: string;
      branches: { when: Condition; next: string }[];
    }[];
  }[];
}

export function scenarioView(s: Scenario, locale: Locale): ScenarioView {
  return {
    id: s.id,
    title: s.title[locale],
    setting: s.setting[locale],
    allowStepBack: s.allowStepBack,
    start: s.start,
    characters: s.characters.map((c) => ({ id: c.id, name: c.name[locale], role: c.role })),
    measures: s.measures.map((m) => ({ id: m.id, label: m.label[locale], initial: m.initial })),
    nodes: s.nodes.map((n) => ({
      id: n.id,
      lines: n.lines.map((l) => ({ speaker: l.speaker, text: l.text[locale] })),
      coaching: n.coaching?.[locale],
      ending: n.ending && { kind: n.ending.kind, title: n.ending.title[locale], text: n.ending.text[locale] },
      choices: n.choices.map((c) => ({
        id: c.id,
        text: c.text[locale],
        style: c.style,
        effects: c.effects,
        sets: c.sets,
        consequence: c.consequence[locale],
        when: c.when,
        next: c.next,
        branches: c.branches,
      })),
    })),
  };
}
