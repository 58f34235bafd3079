import { describe, expect, it } from 'vitest';
import { fitText, type MeasureText } from '../../src/render/fit-text';

/** A monospace stand-in: each character is 0.6 of the font size wide. */
const mono: MeasureText = (text, size) => text.length * size * 0.6;

describe('fitText', () => {
  const forms = ['idle Ms: M4 M5 M6 M7 M8 · spinning 1', 'idle Ms: 5 · spinning 1', 'idle: 5'];

  it('keeps the full form when it fits', () => {
    expect(fitText(forms, 1000, 10, mono)).toBe(forms[0]);
  });

  it('takes the first shorter form that fits a phone-sized box', () => {
    // 120 px at 10 px: 20 characters.
    expect(fitText(forms, 120, 10, mono)).toBe('idle: 5');
    expect(fitText(forms, 140, 10, mono)).toBe('idle Ms: 5 · spinning 1');
  });

  it('cuts the last form with an ellipsis when nothing fits, never wider than the room', () => {
    const cut = fitText(['a very long sentence indeed'], 60, 10, mono);
    expect(cut).toBe('a very lo…');
    expect(mono(cut, 10)).toBeLessThanOrEqual(60);
    expect(fitText(['abc'], 3, 10, mono)).toBe('');
  });
});
