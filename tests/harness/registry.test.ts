import { describe, expect, it } from 'vitest';
import { getWidget, isWidgetId, widgetIds, widgets } from '../../src/widgets/registry';
import { loadWidget, widgetLoaders } from '../../src/widgets/widget-loaders';
import { RUNTIME_WIDGETS } from '../e2e/widgets/specs';

describe('widget registry', () => {
  it('gives every registered widget its browser checks (an entry in tests/e2e/widgets/specs.ts)', () => {
    expect(RUNTIME_WIDGETS.map((spec) => spec.id).sort()).toEqual([...widgetIds].sort());
  });

  it('turns an unknown id into an error that lists the known widgets', () => {
    expect(() => getWidget('gmpp')).toThrow(/Unknown widget id "gmpp"\. Known widgets: .*gmp/);
    expect(isWidgetId('toString')).toBe(false);
  });

  it('gives every widget what its server-rendered placeholder needs', () => {
    for (const id of widgetIds) {
      const entry = getWidget(id);
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(entry.title.trim()).not.toBe('');
      expect(entry.summary.length).toBeGreaterThan(40);
      expect(entry.aspectRatio).toBeGreaterThan(0);
      expect(entry.minHeightPx).toBeGreaterThan(0);
      expect(entry).toBe(widgets[id]);
    }
  });

  it('has the island load each widget with the component its registry entry names', () => {
    expect(Object.keys(widgetLoaders).sort()).toEqual([...widgetIds].sort());
    for (const id of widgetIds) expect(widgets[id].load).toBe(widgetLoaders[id]);
  });

  it('makes the island show the known ids when asked for an unknown widget', async () => {
    await expect(loadWidget('gmpp')).rejects.toThrow(
      /Unknown widget id "gmpp"\. Known widgets: .*gmp/,
    );
    await expect(loadWidget('toString')).rejects.toThrow(/Unknown widget id/);
  });
});
