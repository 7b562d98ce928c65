#!/usr/bin/env node
// The `keizoku` command. `npm ci` builds dist/ (the prepare script).
import './node-version.js';

const { main } = await import('../dist/main.js');

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { console.error(error instanceof Error ? error.message : error); process.exitCode = 1; },
);
