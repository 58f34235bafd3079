import { describe, expect, it } from 'vitest';
import { CanvasTextMetrics } from '../../node_modules/pixi.js/lib/scene/text/canvas/CanvasTextMetrics';
import { GlobalResourceRegistry } from '../../node_modules/pixi.js/lib/utils/pool/GlobalResourceRegistry';
import '../../src/render/pixi';

interface MeasurementCache {
  set(key: string, value: unknown): void;
  has(key: string): boolean;
  clear(): void;
}

describe("Pixi's text-measurement cache (issue #5)", () => {
  it('is emptied with the global resources the last renderer releases', () => {
    const cache = CanvasTextMetrics['_measurementCache'] as MeasurementCache;
    cache.set('in syscall: 0 Ms-359-2-wordWrap-false', {});
    GlobalResourceRegistry.release();
    expect(cache.has('in syscall: 0 Ms-359-2-wordWrap-false')).toBe(false);
  });
});
