// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/dist/**', 'data/**', 'drizzle/**', 'coverage/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Time is an input: use lib/clock.' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Config is parsed once in src/config/env.ts.' },
      ],
    },
  },
  {
    // The clock and the config module are the only places allowed to read the wall clock and the environment.
    files: ['src/lib/clock.ts', 'src/config/env.ts', 'test/**', 'bench/**', '**/*.test.ts', 'vitest.config.ts', 'drizzle.config.ts', 'web/**'],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    // The pure domain never imports from outside itself.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['../../lib/*', '../../db/*', '../../adapters/*', '../../services/*', '../../http/*', '../../config/*', 'node:fs', 'node:fs/*', 'pg', 'drizzle-orm', 'drizzle-orm/*'] }],
    },
  },
);
