/** Width in px of `text` drawn at `size` px in the stages' font. */
export type MeasureText = (text: string, size: number) => number;

const ELLIPSIS = '…';

/**
 * The first of `forms` (longest first, each a shorter way to say the same) whose width at `size`
 * fits in `room` px; when none does, the last form cut at a character and ended with an ellipsis.
 * Canvas text does not reflow, so a stage says less on a phone instead of drawing past its edge.
 */
export function fitText(
  forms: readonly string[],
  room: number,
  size: number,
  measure: MeasureText,
): string {
  for (const form of forms) if (measure(form, size) <= room) return form;
  const last = forms.at(-1) ?? '';
  // The longest prefix that fits with the ellipsis, by bisection over its length.
  let lo = 0;
  let hi = last.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(last.slice(0, mid).trimEnd() + ELLIPSIS, size) <= room) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : last.slice(0, lo).trimEnd() + ELLIPSIS;
}
