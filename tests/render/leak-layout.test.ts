import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MeasureText } from '../../src/render/fit-text';
import type { Box } from '../../src/render/geometry';
import {
  barBox,
  LABEL_FONT_MIN,
  layoutLeak,
  lineHeight,
  markBox,
  markCapacity,
  rowText,
} from '../../src/render/leak-layout';

/** A monospace stand-in: each character is 0.6 of the font size wide. */
const mono: MeasureText = (text, size) => text.length * size * 0.6;

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.w <= outer.x + outer.w &&
  inner.y + inner.h <= outer.y + outer.h;

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** A stage below 560 px wide stacks the halves (narrow); from there they sit side by side. */
const stage = fc.oneof(
  fc.record({
    width: fc.integer({ min: 320, max: 559 }),
    height: fc.integer({ min: 200, max: 900 }),
  }),
  fc.record({
    width: fc.integer({ min: 560, max: 1600 }),
    height: fc.integer({ min: 200, max: 900 }),
  }),
);

describe('leak layout', () => {
  it('keeps every row inside its half, clear of the other rows, at a legible font', () => {
    fc.assert(
      fc.property(stage, fc.integer({ min: 1, max: 10 }), ({ width, height }, rows) => {
        const layout = layoutLeak(width, height, rows);
        const whole = { x: 0, y: 0, w: width, h: height };
        expect(layout.labelFont).toBeGreaterThanOrEqual(LABEL_FONT_MIN);
        expect(inside(layout.clock, whole)).toBe(true);
        const [a, b] = layout.halves;
        expect(overlap(a.box, b.box)).toBe(false);
        for (const half of layout.halves) {
          expect(inside(half.box, whole)).toBe(true);
          expect(overlap(half.box, layout.clock)).toBe(false);
          expect(half.rows).toHaveLength(rows);
          const head = half.last ? [half.title, half.last] : [half.title];
          for (const box of head) expect(inside(box, half.box)).toBe(true);
          half.rows.forEach((row, i) => {
            for (const box of [row.label, row.marks]) {
              expect(inside(box, half.box)).toBe(true);
              for (const h of head) expect(overlap(box, h)).toBe(false);
              half.rows.forEach((other, j) => {
                if (j === i) return;
                expect(overlap(box, other.label)).toBe(false);
                expect(overlap(box, other.marks)).toBe(false);
              });
            }
            expect(overlap(row.label, row.marks)).toBe(false);
            // The text fits its box's height, and at least a line of marks fits the marks box.
            expect(row.label.h).toBeGreaterThanOrEqual(lineHeight(layout.labelFont));
            expect(markCapacity(row.marks)).toBeGreaterThan(0);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('draws marks and bars inside the row’s marks box', () => {
    fc.assert(
      fc.property(
        stage,
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        ({ width, height }, rows, count, extra) => {
          const layout = layoutLeak(width, height, rows);
          for (const half of layout.halves) {
            for (const { marks } of half.rows) {
              const capacity = markCapacity(marks);
              for (const n of [0, capacity - 1, Math.min(count, capacity - 1)]) {
                expect(inside(markBox(marks, n), marks)).toBe(true);
              }
              if (capacity > 1) expect(overlap(markBox(marks, 0), markBox(marks, 1))).toBe(false);
              expect(inside(barBox(marks, count, count + extra), marks)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives up room in the order a reader accepts', () => {
    // The TimeoutHandler lab at 360 px (a 344 × 400 stage): five rows keep label over marks.
    const five = layoutLeak(344, 400, 5);
    expect([five.sideBySide, five.inline, five.labelFont]).toEqual([false, false, 12]);
    expect(five.halves[0].last).not.toBeNull();
    // A sixth row puts each label beside its marks, at full size.
    const six = layoutLeak(344, 400, 6);
    expect([six.sideBySide, six.inline, six.labelFont]).toEqual([false, true, 12]);
    // Ten rows: the last event's line goes, the labels shrink.
    const ten = layoutLeak(344, 400, 10);
    expect(ten.halves[0].last).toBeNull();
    expect([ten.sideBySide, ten.inline]).toEqual([false, true]);
    // A 200 px embed cannot stack ten rows twice: the halves go side by side.
    expect(layoutLeak(320, 200, 10).sideBySide).toBe(true);
    // A desktop column keeps everything.
    const wide = layoutLeak(1000, 560, 6);
    expect([wide.sideBySide, wide.inline, wide.labelFont]).toEqual([true, false, 12]);
    expect(wide.halves[1].last).not.toBeNull();
  });
});

describe('rowText', () => {
  const label = 'inner handlers still running after their 503';
  const detail = '1,234 · ServeHTTP.func1, answered but still working';

  it('says it all when there is room', () => {
    expect(rowText(label, detail, '1,234', 1000, 10, mono)).toBe(`${label}: ${detail}`);
  });

  it('cuts the detail first, then the label, keeping the count', () => {
    // 330 px at 10 px: 55 characters, 8 of them after the label.
    expect(rowText(label, detail, '1,234', 330, 10, mono)).toBe(`${label}: 1,234 ·…`);
    // 50 characters: too few for the detail to say anything.
    expect(rowText(label, detail, '1,234', 300, 10, mono)).toBe(
      'inner handlers still running after their 5…: 1,234',
    );
    expect(rowText(label, detail, '1,234', 120, 10, mono)).toBe('inner handle…: 1,234');
    expect(rowText(label, detail, '1,234', 30, 10, mono)).toBe('1,234');
    expect(rowText(label, detail, '1,234', 24, 10, mono)).toBe('1,2…');
  });

  it('is never wider than its room', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.nat(99_999),
        fc.integer({ min: 0, max: 600 }),
        (l, d, c, room) => {
          const text = rowText(l, d, c.toLocaleString('en-US'), room, 10, mono);
          expect(mono(text, 10)).toBeLessThanOrEqual(room);
        },
      ),
    );
  });
});
