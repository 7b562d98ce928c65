// The `keizoku` command from the TypeScript sources, exactly as bin/keizoku.js runs dist/:
// tests spawn `node --import tsx test/support/keizoku-cli.ts <args>` (see cli.ts).
import { main } from '../../src/main.js';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { console.error(error instanceof Error ? error.message : error); process.exitCode = 1; },
);
