import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layout of docs/architecture.md, enforced: sites and commands → features → platform.
// - platform imports no feature, site or command (it has no business words);
// - a feature imports no site and no other feature's files, features/policies aside.
// Imports are relative, so a feature file's rule depends on how deep it sits in its folder:
// from src/features/<own>/a/b.ts, `../../<name>/` is src/features/<name>/.
const FEATURES = readdirSync(new URL('./src/features/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const SHARED_FEATURE = 'policies';
const DEPTHS = [0, 1, 2, 3];
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const platformRule = {
  files: ['src/platform/**/*.{ts,tsx}'],
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)(features|sites|commands)/', message: 'platform/ has no business words: it imports no feature, site or command (docs/architecture.md).' }] }],
  },
};

const featureRules = FEATURES.flatMap((own) =>
  DEPTHS.map((depth) => {
    const up = (n) => '\\.\\./'.repeat(n);
    const allowed = [own, SHARED_FEATURE].map(escape).join('|');
    return {
      files: [`src/features/${own}/${'*/'.repeat(depth)}*.{ts,tsx}`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              { regex: `^${up(depth + 1)}(?!(${allowed})/)[a-z0-9-]+/`, message: `A feature imports no other feature's files: move what two features share to features/${SHARED_FEATURE} (domain) or platform/ (no business words), or let the site wire them (docs/architecture.md).` },
              { regex: `^${up(depth + 2)}features/(?!${escape(SHARED_FEATURE)}/)`, message: `A feature imports no other feature's files but features/${SHARED_FEATURE} (docs/architecture.md).` },
              { regex: `^${up(depth + 2)}(sites|commands)/`, message: 'A feature imports no site or command: they import features (docs/architecture.md).' },
            ],
          },
        ],
      },
    };
  }),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // ASVS 5.0 V1.3.2: no code built from text at run time.
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
    // Known to the rules above, so no-implied-eval sees a string handed to them.
    languageOptions: { globals: { setTimeout: 'readonly', setInterval: 'readonly', setImmediate: 'readonly' } },
  },
  { files: ['bin/**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  { files: ['eslint.config.js'], languageOptions: { globals: { URL: 'readonly' } } },
  platformRule,
  ...featureRules,
);
