import type { Component } from 'svelte';
import type { WidgetProps } from './registry';

/** Loads a widget's component; called only when its island hydrates, so Pixi never ships early. */
export type WidgetLoader = () => Promise<{ default: Component<WidgetProps> }>;

/**
 * Each widget's component, by id: the one part of the registry (./registry.ts) the browser needs.
 * The island (./WidgetIsland.svelte) imports this map alone, so the titles and summaries, which only
 * the server-rendered placeholder shows, stay out of every widget's JS. Add a widget here and in
 * the registry: the registry's type makes the two lists match.
 */
export const widgetLoaders = {
  gmp: () => import('./gmp/GmpWidget.svelte'),
  'stack-growth': () => import('./stack-growth/StackGrowthWidget.svelte'),
  preemption: () => import('./preemption/PreemptionWidget.svelte'),
  'afterfunc-leak': () => import('./afterfunc-leak/AfterfuncLeakWidget.svelte'),
  'timeout-handler': () => import('./timeout-handler/TimeoutHandlerWidget.svelte'),
  'once-stall': () => import('./once-stall/OnceStallWidget.svelte'),
  observability: () => import('./observability/ObservabilityWidget.svelte'),
} as const satisfies Readonly<Record<string, WidgetLoader>>;

/** The component of widget `id`; rejects, listing the known ids, for an id nobody registered. */
export function loadWidget(id: string): ReturnType<WidgetLoader> {
  if (!Object.hasOwn(widgetLoaders, id)) {
    const known = Object.keys(widgetLoaders).join(', ');
    return Promise.reject(new Error(`Unknown widget id "${id}". Known widgets: ${known}.`));
  }
  return widgetLoaders[id as keyof typeof widgetLoaders]();
}
