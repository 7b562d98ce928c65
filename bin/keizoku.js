#!/usr/bin/env node
// The `keizoku` command. `npm ci` builds dist/ (the prepare script).
import { main } from '../dist/main.js';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { console.error(error instanceof Error ? error.message : error); process.exitCode = 1; },
);
