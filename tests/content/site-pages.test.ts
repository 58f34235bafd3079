/**
 * The pages around the chapters: the home page's incident hook lands on the incidents, the
 * onboarding session is 60 minutes of presets that work, and every glossary term is reachable.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { glossary } from '../../src/data/glossary';
import { INCIDENTS_CHAPTER, incidents } from '../../src/data/incidents';
import { agenda, SESSION_MINUTES } from '../../src/data/onboarding';
import { chapterFiles, headingAnchors } from './chapter-files';
import { preparePreset, runToStep } from './preset-run';

const srcDir = join(import.meta.dirname, '..', '..', 'src');
const readSrc = (path: string) => readFileSync(join(srcDir, path), 'utf8');

function chapter(id: string) {
  const found = chapterFiles.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no chapter ${id}`);
  return found;
}

describe('home page', () => {
  it('opens with the three incidents, each linking to its section of chapter 1', () => {
    expect(incidents.map((i) => i.cause)).toEqual([
      'time.AfterFunc',
      'http.TimeoutHandler',
      'sync.Once',
    ]);
    const anchors = headingAnchors(chapter(INCIDENTS_CHAPTER).text);
    for (const incident of incidents) expect(anchors).toContain(incident.anchor);
    const page = readSrc('pages/index.astro');
    expect(page).toMatch(/incidents\.map\(/);
    expect(page).toMatch(/href=\{`\$\{incidentsChapter\}#\$\{incident\.anchor\}`\}/);
    // The hook comes before the chapter list.
    expect(page.indexOf('incidents.map(')).toBeLessThan(page.indexOf('chapters.map('));
  });
});

describe('onboarding session', () => {
  it(`lasts exactly ${SESSION_MINUTES} minutes, in blocks that each have questions`, () => {
    expect(agenda.reduce((sum, block) => sum + block.minutes, 0)).toBe(SESSION_MINUTES);
    for (const block of agenda) {
      expect(block.minutes).toBeGreaterThan(0);
      expect(block.questions.length).toBeGreaterThan(0);
    }
  });

  it('points at chapters and sections that exist', () => {
    for (const block of agenda) {
      const anchors = headingAnchors(chapter(block.chapter).text);
      if (block.anchor !== undefined) expect(anchors, block.title).toContain(block.anchor);
    }
  });

  it.each(
    agenda.flatMap((block) =>
      block.presets.map(
        (preset) => [`${block.title}: ${preset.widget}@${preset.step}`, preset] as const,
      ),
    ),
  )(
    '%s validates and reaches its step',
    async (_name, preset) => {
      const prepared = await preparePreset(preset);
      expect(prepared.errors.map((e) => e.message)).toEqual([]);
      expect(prepared.unknown).toEqual([]);
      expect(runToStep(prepared.create, preset.step).events).toBe(preset.step);
    },
    60_000,
  );

  it('opens each widget at a moment a chapter also uses', () => {
    const chapterSteps = new Set(
      chapterFiles.flatMap((c) => [...c.text.matchAll(/\bstep=\{(\d+)\}/g)].map((m) => m[1])),
    );
    for (const preset of agenda.flatMap((block) => block.presets)) {
      expect(chapterSteps, `${preset.widget}@${preset.step} is not a chapter's moment`).toContain(
        String(preset.step),
      );
    }
  });
});

describe('glossary', () => {
  it('is linked from the site header', () => {
    expect(readSrc('components/SiteHeader.astro')).toContain("withBase('glossary/')");
  });

  it.each(glossary.map((entry) => [entry.id] as const))(
    '"%s" is linked by a <Term> from a chapter',
    (id) => {
      const linked = chapterFiles.some((c) => c.text.includes(`<Term id="${id}"`));
      expect(linked).toBe(true);
    },
  );
});
