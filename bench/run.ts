// npm run bench [-- name… [--flag value…]]: runs bench/<name>.ts, or every bench in this folder, one
// after another; what follows the first `--flag` is passed to each bench named.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const firstFlag = args.findIndex((arg) => arg.startsWith('--'));
const named = firstFlag < 0 ? args : args.slice(0, firstFlag);
const flags = firstFlag < 0 ? [] : args.slice(firstFlag);
// `scale` fills a database with a million policies: it runs only when named.
const ON_REQUEST = new Set(['run', 'scale']);
const benches = named.length ? named : readdirSync(here).filter((f) => f.endsWith('.ts') && !ON_REQUEST.has(f.slice(0, -3))).map((f) => f.slice(0, -3));
let failed = 0;
for (const name of benches) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', `${here}${name}.ts`, ...flags], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exitCode = failed ? 1 : 0;
