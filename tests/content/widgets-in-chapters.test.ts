/**
 * What the chapters embed must work: every <Widget> and <Predict> names a registered widget, its
 * preset validates against the scenario's schema with no unknown names, and the run really reaches
 * the preset's step (a step past the end would open the widget at its last event instead). Every
 * <Predict> can be answered, and each one's moment shows what its question is about: the state at
 * `step` and at `runTo` is pinned below, so a model change that moves the moment fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { predictionProblems } from '../../src/components/prediction';
import type { Simulation } from '../../src/scenarios/types';
import { isWidgetId } from '../../src/widgets/registry';
import { findElements, type MdxElement } from './mdx-elements';
import { preparePreset, runToStep } from './preset-run';

const chaptersDir = join(import.meta.dirname, '..', '..', 'content', 'chapters');
const chapters = readdirSync(chaptersDir)
  .filter((name) => name.endsWith('.mdx') && !name.startsWith('_'))
  .sort()
  .map((file) => ({ file, text: readFileSync(join(chaptersDir, file), 'utf8') }));

interface Embed {
  readonly where: string;
  readonly widget: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly step: number;
}

function asRecord(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function embedOf(file: string, element: MdxElement): Embed {
  const a = element.attributes;
  const widget = element.name === 'Predict' ? a['widget'] : a['id'];
  return {
    where: `${file}:${element.line} <${element.name}>`,
    widget: typeof widget === 'string' ? widget : '',
    params: asRecord(a['params']),
    seed: typeof a['seed'] === 'number' ? a['seed'] : 1,
    step: typeof a['step'] === 'number' ? a['step'] : 0,
  };
}

const widgetElements = chapters.flatMap(({ file, text }) =>
  findElements(text, 'Widget').map((element) => embedOf(file, element)),
);
const predicts = chapters.flatMap(({ file, text }) =>
  findElements(text, 'Predict').map((element) => ({ file, element })),
);
const embeds = [...widgetElements, ...predicts.map(({ file, element }) => embedOf(file, element))];

/** The newest sampled value of a series: what a dashboard's panel shows as its figure. */
function lastSample(sim: Simulation, name: string): number | undefined {
  return sim.series()[name]?.filter(Number.isFinite).at(-1);
}

/** What the reader must see at the question's moment and after the run, per <Predict name>. */
const moments: Readonly<
  Record<string, { before: (sim: Simulation) => void; after: (sim: Simulation) => void }>
> = {
  'syscall-handoff': {
    before: (sim) => {
      const ps = sim.view().ps;
      expect(ps.filter((p) => p.status === '_Psyscall')).toHaveLength(3);
      expect(sim.counters()['handoffs']).toBe(0);
    },
    after: (sim) => {
      expect(sim.counters()['handoffs']).toBe(3);
      expect(sim.view().ps.every((p) => p.status === '_Prunning')).toBe(true);
      expect(sim.counters()['ms']).toBe(7);
    },
  },
  'stack-eighth-copy': {
    before: (sim) => {
      expect(sim.counters()['stackBytes']).toBe(256 * 1024);
      expect(sim.counters()['copies']).toBe(7);
    },
    after: (sim) => {
      expect(sim.counters()['stackBytes']).toBe(512 * 1024);
      expect(sim.counters()['copies']).toBe(8);
    },
  },
  'sleeper-wakes': {
    before: (sim) => {
      expect(sim.view().byWaitReason['sleep']).toBe(1);
      expect(sim.view().extra['wakeLatenciesMs']).toEqual([]);
    },
    after: (sim) => {
      const latencies = sim.view().extra['wakeLatenciesMs'] as number[];
      expect(latencies).toHaveLength(1);
      // Woken by the preemption at the end of the spinner's 10 ms slice, not after 1 ms.
      expect(latencies[0]).toBeGreaterThan(5);
      expect(latencies[0]).toBeLessThan(20);
    },
  },
  staircase: {
    before: (sim) => {
      expect(sim.counters()['goroutines']).toBe(2399);
      expect(sim.view().byWaitReason['sync.Mutex.Lock']).toBe(1198);
      // 1,199 background reads (one per stuck request) and main's accept.
      expect(sim.view().byWaitReason['IO wait']).toBe(1200);
      // The question quotes the graph's last sample too, which the reader sees on the dashboard.
      expect(lastSample(sim, 'goroutines')).toBe(2319);
    },
    after: (sim) => {
      // Two more goroutines per request (its handler and its background read), none leaving:
      // 20/s for four more minutes.
      expect(sim.counters()['goroutines']).toBe(11999);
      expect(lastSample(sim, 'goroutines')).toBe(11919);
      expect(sim.view().byWaitReason['select (no cases)']).toBe(1);
    },
  },
  // Leak labs: the buggy run (the left side), which the step counts.
  'afterfunc-blocks': {
    before: (sim) => {
      expect(sim.counters()['fired']).toBe(0);
      expect(sim.view().extra['pendingTimers']).toBeGreaterThan(1700);
      expect(sim.view().extra['timerGoroutines']).toBe(0);
    },
    after: (sim) => {
      // One goroutine per fired timer, all still there.
      expect(sim.counters()['fired']).toBe(1849);
      expect(sim.view().extra['timerGoroutines']).toBe(1849);
    },
  },
  'timeout-handler-plateau': {
    before: (sim) => {
      expect(sim.view().extra['innerHandlers']).toBe(49);
      expect(sim.counters()['status503']).toBe(0);
    },
    after: (sim) => {
      expect(sim.view().extra['innerHandlers']).toBe(200);
      expect(sim.counters()['status503']).toBe(199);
    },
  },
  'timeout-handler-drain': {
    before: (sim) => {
      expect(sim.view().extra['innerHandlers']).toBe(200);
    },
    after: (sim) => {
      expect(sim.view().extra['innerHandlers']).toBe(0);
      expect(sim.counters()['errHandlerTimeout']).toBe(300);
    },
  },
  'once-callers-queue': {
    before: (sim) => {
      expect(sim.counters()['calls']).toBe(49);
      expect(sim.view().byWaitReason['sync.Mutex.Lock']).toBe(48);
    },
    after: (sim) => {
      expect(sim.view().byWaitReason['sync.Mutex.Lock']).toBe(298);
      expect(sim.view().byWaitReason['select (no cases)']).toBe(1);
    },
  },
};

describe('widgets embedded in the chapters', () => {
  it('finds embeds, and at least one predict-then-run checkpoint in every chapter', () => {
    expect(embeds.length).toBeGreaterThan(0);
    for (const { file } of chapters) {
      expect(
        predicts.filter((p) => p.file === file),
        `${file} has no <Predict>`,
      ).not.toHaveLength(0);
    }
  });

  it('every embed names a registered widget', () => {
    for (const embed of embeds) {
      expect(isWidgetId(embed.widget), `${embed.where}: unknown widget "${embed.widget}"`).toBe(
        true,
      );
    }
  });

  it.each(embeds.map((embed) => [embed.where, embed] as const))(
    '%s: the preset validates and its step is reached',
    async (_where, embed) => {
      const prepared = await preparePreset(embed);
      expect(prepared.errors.map((e) => e.message)).toEqual([]);
      expect(prepared.unknown).toEqual([]);
      const sim = runToStep(prepared.create, embed.step);
      expect(sim.events).toBe(embed.step);
    },
    60_000,
  );
});

describe('predict-then-run checkpoints', () => {
  const names = predicts.map(({ element }) => String(element.attributes['name']));

  it('have page-unique names', () => {
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(predicts.map(({ file, element }) => [`${file}:${element.line}`, element] as const))(
    '%s: has a question, choices, one answer, a later step to run to, and an explanation',
    (_where, element) => {
      const a = element.attributes;
      expect(typeof a['question']).toBe('string');
      expect(String(a['question']).trim()).not.toBe('');
      const choices = a['choices'];
      expect(Array.isArray(choices)).toBe(true);
      expect(
        predictionProblems({
          name: String(a['name']),
          step: Number(a['step']),
          runTo: Number(a['runTo']),
          choices: (choices as unknown[]).map(String),
          answer: Number(a['answer']),
        }),
      ).toEqual([]);
      // The explanation is the element's content, shown in the <details> with JS off.
      expect(element.children.length).toBeGreaterThan(80);
    },
  );

  it.each(predicts.map(({ file, element }) => [`${file}:${element.line}`, element] as const))(
    '%s: the widget shows the moment asked about, and the run shows the answer',
    async (_where, element) => {
      const name = String(element.attributes['name']);
      const moment = moments[name];
      expect(moment, `no pinned moment for <Predict name="${name}"> in this test`).toBeDefined();
      const prepared = await preparePreset(embedOf('', element));
      if (moment === undefined) return;
      moment.before(runToStep(prepared.create, Number(element.attributes['step'])));
      const after = runToStep(prepared.create, Number(element.attributes['runTo']));
      expect(after.events).toBe(Number(element.attributes['runTo']));
      moment.after(after);
    },
    // Minutes of virtual traffic replayed twice on a busy machine; the assertions are on the model.
    120_000,
  );

  it('rejects a checkpoint that could not be answered', () => {
    const good = { name: 'x', step: 1, runTo: 2, choices: ['a', 'b'], answer: 1 };
    expect(predictionProblems(good)).toEqual([]);
    expect(predictionProblems({ ...good, answer: 2 })).not.toEqual([]);
    expect(predictionProblems({ ...good, choices: ['a'], answer: 0 })).not.toEqual([]);
    expect(predictionProblems({ ...good, runTo: 1 })).not.toEqual([]);
    expect(predictionProblems({ ...good, choices: ['a', 'a'] })).not.toEqual([]);
  });
});
