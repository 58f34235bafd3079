import type { Palette } from './stage';

const FALLBACK: Record<keyof Palette, string> = {
  background: '#ffffff',
  ink: '#1f2430',
  muted: '#6b7280',
  lane: '#e5e9f0',
  accent: '#0b6bcb',
  running: '#1a7f37',
  runnable: '#0b6bcb',
  waiting: '#b35900',
  syscall: '#8250df',
  dead: '#9ca3af',
};

const PALETTE_KEYS = Object.keys(FALLBACK) as (keyof Palette)[];
const FALLBACK_NUMBERS: Record<keyof Palette, number> = {
  background: 0xffffff,
  ink: 0x1f2430,
  muted: 0x6b7280,
  lane: 0xe5e9f0,
  accent: 0x0b6bcb,
  running: 0x1a7f37,
  runnable: 0x0b6bcb,
  waiting: 0xb35900,
  syscall: 0x8250df,
  dead: 0x9ca3af,
};

/** CSS custom property each palette colour comes from, e.g. `--stage-running`. */
function cssName(key: string): string {
  return `--stage-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function toNumber(color: string, fallback: string): number {
  const hex = /^#([0-9a-f]{6})$/i.exec(color.trim()) ?? /^#([0-9a-f]{6})$/i.exec(fallback);
  return Number.parseInt(hex?.[1] ?? '000000', 16);
}

/** Reads the stage colours from `host`'s computed style, so light and dark themes both work. */
export function readPalette(host: HTMLElement): Palette {
  const style = getComputedStyle(host);
  const palette = { ...FALLBACK_NUMBERS };
  for (const key of PALETTE_KEYS) {
    const fallback = FALLBACK[key];
    palette[key] = toNumber(style.getPropertyValue(cssName(key)) || fallback, fallback);
  }
  return palette;
}
