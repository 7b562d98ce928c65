import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// ASVS 5.0 V13.4.1: the service is deployed from the package `npm pack` makes (docs/operations.md,
// "Deploying"), which holds what runs and nothing else: no .git, no tests, no sources, no docs, no
// secrets. The package is packed from a copy of the project's shipped folders beside decoys of
// everything that must stay out, and a dist/ as the build leaves it (its compiled tests included).

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'keizoku-pack-'));

function copyProject(): void {
  for (const entry of ['package.json', 'README.md', 'SECURITY.md', 'bin', 'public', 'rates', 'demo', 'src', 'test', 'docs', 'scripts']) {
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  const decoys: Record<string, string> = {
    '.git/config': '[core]',
    '.git/HEAD': 'ref: refs/heads/main',
    '.env': 'SMTP_URL=smtp://user:password@mail.example.jp',
    'data/keizoku.db': 'not a database',
    'secret': 'k'.repeat(44),
    'dist/main.js': 'export {};',
    'dist/config.js': 'export {};',
    'dist/config.test.js': 'export {};',
    'dist/main.js.map': '{}',
    'out/sbom.cdx.json': '{}',
  };
  for (const [path, text] of Object.entries(decoys)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

describe('the deployable package', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('13.4.1: npm pack ships bin, dist, public, rates and the demo data, and no .git, tests, sources, docs, data or secrets', () => {
    copyProject();
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const files = (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path).sort();
    for (const needed of ['package.json', 'bin/keizoku.js', 'dist/main.js', 'dist/config.js', 'public/style.css', 'rates/default.json', 'demo/policies.csv', 'SECURITY.md']) {
      assert.ok(files.includes(needed), `${needed} is shipped:\n${files.join('\n')}`);
    }
    const forbidden = /^(\.git\/|\.env|src\/|test\/|docs\/|scripts\/|data\/|out\/|secret$)|\.test\.|\.map$/;
    assert.deepEqual(files.filter((path) => forbidden.test(path)), []);
    assert.deepEqual([...new Set(files.map((path) => path.split('/')[0]))].sort(), ['README.md', 'SECURITY.md', 'bin', 'demo', 'dist', 'package.json', 'public', 'rates']);
  });
});
