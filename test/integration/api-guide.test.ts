import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { newClient } from '../support/api.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/db.js';

const GUIDE = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
const blocks = (language: string) => [...GUIDE.matchAll(new RegExp('```' + language + '\\n(.*?)```', 'gs'))].map((m) => m[1]!);
const SEPARATOR = '----- next block -----';

for (const kind of databaseKinds()) {
  describe(`docs/api.md's curl examples on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp({ db: kind });
    });
    after(() => t.close());

    it('run as written with real curl: token, PUT, batch (the answer shown), GET', async () => {
      const shell = blocks('sh');
      assert.equal(shell.length, 4, 'token, PUT, batch, GET');
      assert.ok(shell.every((block) => block.includes('curl ')));
      const { clientId, clientSecret } = await newClient(t);
      const script = ['set -euo pipefail', ...shell.map((block) => `${block}\necho\necho '${SEPARATOR}'`)].join('\n');
      const run = await bash(script, { KEIZOKU: t.baseUrl, CLIENT_ID: clientId, CLIENT_SECRET: clientSecret });
      assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
      const [token, put, batch, get] = run.stdout.split(`${SEPARATOR}\n`).map((out) => out.trim());
      assert.equal(token, '', 'the token goes to $TOKEN');
      assert.equal(JSON.parse(put!).policy_number, 'C123456789');
      const shown = blocks('json');
      assert.deepEqual(JSON.parse(batch!), JSON.parse(shown[1]!), 'the batch answers what the guide shows');
      const policy = JSON.parse(get!) as Record<string, unknown>;
      assert.deepEqual([policy.policy_number, policy.status, policy.has_web_account, policy.riders], ['C123456789', 'in_force', false, ['lawyer', 'road_assistance']]);
      const invalid = JSON.parse(shown[0]!) as { status: number; errors: unknown[] };
      assert.equal(invalid.status, 422);
    });
  });
}

/** Runs a script in a clean bash (no rc files), with only PATH and `env` set. */
function bash(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-c', script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
