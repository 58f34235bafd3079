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
  const entries = Object.entries(FALLBACK).map(([key, fallback]) => [
    key,
    toNumber(style.getPropertyValue(cssName(key)) || fallback, fallback),
  ]);
  return Object.fromEntries(entries) as unknown as Palette;
}
