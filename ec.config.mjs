// @ts-check
import { defineEcConfig } from 'astro-expressive-code';

/**
 * Expressive Code's options, in their own file so the `<Code>` component (used by pages such as
 * the dump reader) renders with the same themes as fenced code in MDX.
 */
export default defineEcConfig({
  themes: ['github-dark', 'github-light'],
  // The site's theme toggle sets data-theme="light" | "dark" on <html>; without JS (no attribute)
  // the prefers-color-scheme media query picks the theme.
  themeCssSelector: (theme) => `[data-theme='${theme.type}']`,
  useDarkModeMediaQuery: true,
  defaultProps: { wrap: true },
  styleOverrides: { codeFontSize: '0.875rem', borderRadius: '0.4rem' },
});
