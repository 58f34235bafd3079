// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import astro from 'eslint-plugin-astro';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The model must stay pure and deterministic (design.md): no UI frameworks, no DOM, no wall clock. */
const modelFiles = ['src/model/**', 'src/scenarios/**'];

export default defineConfig(
  {
    ignores: [
      'dist/',
      'dist-sub-path/',
      '.astro/',
      'node_modules/',
      'coverage/',
      'test-results/',
      'tests/harness/fixtures/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  svelte.configs.recommended,
  astro.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte', '.astro'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Async Pixi init and event handlers returning promises are where lifecycle bugs hide.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser },
    },
  },
  {
    // astro-eslint-parser does not give typescript-eslint a program for .astro files; JS config
    // files are outside the TypeScript project. Both get the untyped rules only.
    files: ['**/*.astro', '**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The CLI prints its results; scripts and tests report progress on the console.
    files: ['src/cli/**', 'scripts/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: modelFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['svelte', 'svelte/*'], message: 'The model must not depend on Svelte.' },
            { group: ['pixi.js', 'pixi.js/*'], message: 'The model must not depend on PixiJS.' },
            {
              group: ['astro', 'astro:*', 'astro/*'],
              message: 'The model must not depend on Astro.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'The model has no DOM.' },
        { name: 'document', message: 'The model has no DOM.' },
        { name: 'performance', message: 'Virtual time only: no wall clock in the model.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'Use the seeded PRNG: the same seed must give the same trace.',
        },
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: 'Virtual time only: no wall clock in the model.',
        },
        {
          selector: "NewExpression[callee.name='Date']",
          message: 'Virtual time only: no wall clock in the model.',
        },
      ],
    },
  },
);
