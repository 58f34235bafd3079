/** The theme choice shared by the inline pre-paint script and the header toggle. */
export const THEME_STORAGE_KEY = 'ghost-goroutines-theme';

export type Theme = 'light' | 'dark';

export function isTheme(value: unknown): value is Theme {
  return value === 'light' || value === 'dark';
}
