#!/usr/bin/env node
// The `keizoku` command. `npm ci` builds dist/ (the prepare script).
import './node-version.js';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// import-policies streams a whole file through V8's heap, which V8 otherwise lets grow with the
// run (a 128 MB young generation, an old one collected late): smaller limits keep the import's
// memory bounded whatever the file size (docs/decisions/0024). The command re-runs itself once
// with the flags; the others run as they are. --retire-missing holds every policy number of the
// file, so it keeps V8's own old-generation limit.
const retires = process.argv.includes('--retire-missing');
const HEAP_FLAGS = ['--max-semi-space-size=16', ...(retires ? [] : ['--max-old-space-size=256'])];
const needsSmallHeap = process.argv[2] === 'import-policies' && !process.execArgv.some((a) => a.startsWith('--max-semi-space-size'));

if (needsSmallHeap) {
  const child = spawn(process.execPath, [...HEAP_FLAGS, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  // Ctrl-C reaches both through the terminal's process group; the child decides the exit code.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.once('close', (code, signal) => { process.exitCode = code ?? (signal ? 1 : 0); });
} else {
  const { main } = await import('../dist/main.js');
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (error) => { console.error(error instanceof Error ? error.message : error); process.exitCode = 1; },
  );
}
