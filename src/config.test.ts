import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { devMailboxRefusals, loadConfig } from './config.js';

const dir = mkdtempSync(join(tmpdir(), 'keizoku-config-'));
/** A server secret file with the given mode. */
function secretFile(name: string, mode: number, text = 'k'.repeat(44)): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}
const SECRET_FILE = secretFile('secret', 0o600);
/** What production needs besides the variable a test is about. */
const PRODUCTION = { KEIZOKU_ENV: 'production', BASE_URL: 'https://keizoku.example.jp', SMTP_URL: 'smtp://mail.example.jp:587', SECRET_FILE };

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.databaseUrl, './data/keizoku.db');
    assert.equal(config.smtpUrl, null);
    assert.equal(config.baseUrl, 'http://localhost:3000');
    assert.equal(config.verificationTtlMs, 48 * 3_600_000);
    assert.equal(config.reregistrationHoldMs, 72 * 3_600_000);
    assert.deepEqual(config.maintenanceWindows, [{ day: 1, startMinute: 120, endMinute: 240 }]);
    assert.equal(config.trustProxy, false);
    assert.match(config.ratesFile, /[/\\]rates[/\\]default\.json$/);
  });

  it('derives BASE_URL from PORT and reads the contract variables', () => {
    const config = loadConfig({ PORT: '8080', VERIFICATION_TTL: '90m', MAINTENANCE_WINDOWS: 'none', SMTP_URL: 'smtp://127.0.0.1:2525', TRUST_PROXY: '127.0.0.1,10.0.0.0/8' });
    assert.equal(config.baseUrl, 'http://localhost:8080');
    assert.equal(config.verificationTtlMs, 90 * 60_000);
    assert.equal(loadConfig({ REREGISTRATION_HOLD: '24h' }).reregistrationHoldMs, 24 * 3_600_000);
    assert.deepEqual(config.maintenanceWindows, []);
    assert.equal(config.smtpUrl, 'smtp://127.0.0.1:2525');
    assert.equal(config.trustProxy, '127.0.0.1,10.0.0.0/8');
  });

  it('runs the jobs in serve unless JOBS=off, and accepts nothing but on and off', () => {
    assert.equal(loadConfig({}).serveRunsJobs, true);
    assert.equal(loadConfig({ JOBS: 'on' }).serveRunsJobs, true);
    assert.equal(loadConfig({ JOBS: 'off' }).serveRunsJobs, false);
    assert.throws(() => loadConfig({ JOBS: 'false' }), /Invalid configuration:\n {2}JOBS: /);
  });

  it('reads JOB_LEASE (5 minutes unless set) from 5 s to 1 h', () => {
    assert.equal(loadConfig({}).jobLeaseMs, 300_000);
    assert.equal(loadConfig({ JOB_LEASE: '30s' }).jobLeaseMs, 30_000);
    for (const bad of ['4s', '2h', '5', 'soon', '']) assert.throws(() => loadConfig({ JOB_LEASE: bad }), /Invalid configuration:\n {2}JOB_LEASE: expected a duration from 5s to 1h/, bad);
  });

  it('reads RENEWAL_REMINDER_DAYS (largest first, none for none) and AUDIT_RETENTION, refusing what they cannot mean', () => {
    assert.deepEqual(loadConfig({}).renewalReminderDays, [60, 30, 7]);
    assert.deepEqual(loadConfig({ RENEWAL_REMINDER_DAYS: '7, 45' }).renewalReminderDays, [45, 7]);
    assert.deepEqual(loadConfig({ RENEWAL_REMINDER_DAYS: 'none' }).renewalReminderDays, []);
    for (const bad of ['', '60,,7', '0', '60,60', '-7', '7.5', '400', 'sixty', '60;30']) {
      assert.throws(() => loadConfig({ RENEWAL_REMINDER_DAYS: bad }), /Invalid configuration:\n {2}RENEWAL_REMINDER_DAYS: expected whole days/, bad);
    }
    assert.deepEqual(loadConfig({}).auditRetention, { amount: 7, unit: 'years' });
    assert.deepEqual(loadConfig({ AUDIT_RETENTION: '400d' }).auditRetention, { amount: 400, unit: 'days' });
    for (const bad of ['7', '0y', '7 years', '1.5y', '2w', '']) {
      assert.throws(() => loadConfig({ AUDIT_RETENTION: bad }), /Invalid configuration:\n {2}AUDIT_RETENTION: expected a number of days or years/, bad);
    }
  });

  it('reads BRAND_LOGO_FILE (none by default) and refuses a missing file or another kind of file at start', () => {
    assert.equal(loadConfig({}).brand.logo, null);
    const logo = fileURLToPath(new URL('../public/favicon.png', import.meta.url));
    assert.deepEqual(loadConfig({ BRAND_LOGO_FILE: logo }).brand.logo, { file: logo, type: 'image/png' });
    assert.throws(() => loadConfig({ BRAND_LOGO_FILE: '/no/such/logo.svg' }), /BRAND_LOGO_FILE: \/no\/such\/logo\.svg does not exist/);
    assert.throws(() => loadConfig({ BRAND_LOGO_FILE: fileURLToPath(import.meta.url) }), /BRAND_LOGO_FILE: expected a \.png, \.svg, \.webp or \.jpg file/);
  });

  it('refuses bad values, naming each variable', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/);
    assert.throws(() => loadConfig({ VERIFICATION_TTL: '2 days' }), /VERIFICATION_TTL/);
    assert.throws(() => loadConfig({ REREGISTRATION_HOLD: '3 days' }), /REREGISTRATION_HOLD/);
    assert.throws(() => loadConfig({ REREGISTRATION_HOLD: '0h' }), /REREGISTRATION_HOLD/);
    assert.throws(() => loadConfig({ MAINTENANCE_WINDOWS: 'Monday' }), /MAINTENANCE_WINDOWS/);
    assert.throws(() => loadConfig({ SMTP_URL: 'not a url' }), /SMTP_URL/);
    assert.throws(() => loadConfig({ KEIZOKU_ENV: 'production' }), /SMTP_URL is required/);
  });

  it('keeps the dev mailbox on this machine: a reachable HOST needs SMTP_URL', () => {
    assert.throws(() => loadConfig({ HOST: '0.0.0.0' }), /SMTP_URL is required when HOST/);
    assert.equal(loadConfig({ HOST: '0.0.0.0', SMTP_URL: 'smtp://127.0.0.1:25' }).host, '0.0.0.0');
    assert.equal(loadConfig({ HOST: '::1' }).smtpUrl, null);
  });

  it('keeps the dev mailbox off a public BASE_URL: the mail links would lead real people to it', () => {
    assert.throws(() => loadConfig({ BASE_URL: 'https://keizoku.example.jp' }), /SMTP_URL is required when BASE_URL \(https:\/\/keizoku\.example\.jp\) is not a loopback origin/);
    assert.throws(() => loadConfig({ BASE_URL: 'http://10.0.0.5:3000' }), /BASE_URL/);
    // Look-alikes of loopback names are not loopback.
    for (const url of ['http://localhost.example.jp', 'http://127.0.0.1.nip.io', 'http://[::2]:3000', 'http://128.0.0.1']) {
      assert.throws(() => loadConfig({ BASE_URL: url }), /BASE_URL/, url);
    }
    for (const url of ['http://localhost:3000', 'http://127.0.0.1:8080/', 'http://127.10.20.30', 'http://[::1]:3000']) {
      assert.equal(loadConfig({ BASE_URL: url }).smtpUrl, null, url);
    }
    assert.equal(loadConfig({ BASE_URL: 'https://keizoku.example.jp', SMTP_URL: 'smtp://127.0.0.1:25' }).baseUrl, 'https://keizoku.example.jp');
  });

  it('names every reason at once, and production even on loopback', () => {
    assert.deepEqual(devMailboxRefusals('development', '127.0.0.1', 'http://localhost:3000'), []);
    assert.equal(devMailboxRefusals('production', '127.0.0.1', 'http://localhost:3000').length, 1);
    assert.throws(() => loadConfig({ KEIZOKU_ENV: 'production', BASE_URL: 'http://localhost:3000' }), /SMTP_URL is required when KEIZOKU_ENV=production/);
    assert.throws(
      () => loadConfig({ KEIZOKU_ENV: 'production', HOST: '0.0.0.0', BASE_URL: 'https://keizoku.example.jp' }),
      (error: Error) => ['KEIZOKU_ENV=production', 'HOST (0.0.0.0)', 'BASE_URL (https://keizoku.example.jp)'].every((part) => error.message.includes(part)),
    );
    assert.equal(loadConfig({ KEIZOKU_ENV: 'production', HOST: '0.0.0.0', BASE_URL: 'https://keizoku.example.jp', SMTP_URL: 'smtp://mail:25', SECRET_FILE }).env, 'production');
  });

  it('reads WEBHOOK_URL and WEBHOOK_SECRET together, refusing either alone, a bad URL or a secret not in the whsec_ form', () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    assert.equal(loadConfig({}).webhook, null);
    assert.deepEqual(loadConfig({ WEBHOOK_URL: 'https://core.example.jp/hooks', WEBHOOK_SECRET: secret }).webhook, { url: 'https://core.example.jp/hooks', secret });
    const refused = (variables: Record<string, string>, message: RegExp) => assert.throws(() => loadConfig(variables), message);
    refused({ WEBHOOK_URL: 'https://core.example.jp/hooks' }, /WEBHOOK_URL is set without WEBHOOK_SECRET/);
    refused({ WEBHOOK_SECRET: secret }, /WEBHOOK_SECRET is set without WEBHOOK_URL/);
    refused({ WEBHOOK_URL: 'core.example.jp', WEBHOOK_SECRET: secret }, /WEBHOOK_URL: expected an http\(s\) URL/);
    refused({ WEBHOOK_URL: 'ftp://core.example.jp/', WEBHOOK_SECRET: secret }, /WEBHOOK_URL: expected an http\(s\) URL/);
    for (const bad of ['s3cret', 'whsec_', `whsec_${Buffer.alloc(16, 1).toString('base64')}`, `whsec_${Buffer.alloc(65, 1).toString('base64')}`, 'whsec_not base64!']) {
      refused({ WEBHOOK_URL: 'https://core.example.jp/hooks', WEBHOOK_SECRET: bad }, /WEBHOOK_SECRET: expected whsec_ followed by the base64 of 24 to 64 random bytes/);
    }
    const production = { ...PRODUCTION, WEBHOOK_SECRET: secret };
    refused({ ...production, WEBHOOK_URL: 'http://core.example.jp/hooks' }, /WEBHOOK_URL must be https when KEIZOKU_ENV=production/);
    assert.equal(loadConfig({ ...production, WEBHOOK_URL: 'http://127.0.0.1:8080/hooks' }).webhook?.url, 'http://127.0.0.1:8080/hooks');
  });

  it('PASSWORD_POLICY: the seed rule 6–15 by default; asvs 8–64 with the context words, never below 8 or 64', () => {
    const seed = loadConfig({}).passwordPolicy;
    assert.deepEqual([seed.kind, seed.minLength, seed.maxLength], ['seed', 6, 15]);
    const asvs = loadConfig({ PASSWORD_POLICY: 'asvs', BASE_URL: 'https://web.mirai-sonpo.example', SMTP_URL: 'smtp://127.0.0.1:2525' }).passwordPolicy;
    assert.deepEqual([asvs.kind, asvs.minLength, asvs.maxLength], ['asvs', 8, 64]);
    assert.deepEqual(asvs.contextWords, ['keizoku', 'みらい損保', 'みらい損害保険株式会社', 'mirai-sonpo', 'example']);
    assert.equal(loadConfig({ PASSWORD_POLICY: 'asvs', PASSWORD_MIN_LENGTH: '12', PASSWORD_MAX_LENGTH: '128' }).passwordPolicy.minLength, 12);
    assert.throws(() => loadConfig({ PASSWORD_POLICY: 'asvs', PASSWORD_MIN_LENGTH: '6' }), /PASSWORD_POLICY=asvs needs PASSWORD_MIN_LENGTH of at least 8/);
    assert.throws(() => loadConfig({ PASSWORD_POLICY: 'asvs', PASSWORD_MAX_LENGTH: '15' }), /PASSWORD_POLICY=asvs needs/);
    assert.throws(() => loadConfig({ PASSWORD_MIN_LENGTH: '20' }), /PASSWORD_MIN_LENGTH is above PASSWORD_MAX_LENGTH/);
    assert.throws(() => loadConfig({ PASSWORD_POLICY: 'nist' }), /PASSWORD_POLICY/);
  });

  it('12.2.1: KEIZOKU_ENV=production refuses an http BASE_URL, even on loopback; development keeps http', () => {
    for (const url of ['http://keizoku.example.jp', 'http://localhost:3000']) {
      assert.throws(() => loadConfig({ ...PRODUCTION, BASE_URL: url }), /BASE_URL must be https when KEIZOKU_ENV=production/, url);
    }
    assert.equal(loadConfig(PRODUCTION).baseUrl, 'https://keizoku.example.jp');
    assert.equal(loadConfig({ BASE_URL: 'http://localhost:3000' }).baseUrl, 'http://localhost:3000');
  });

  it('12.3.1/12.3.4: SMTP_TLS is require in production (off or opportunistic only to this machine), SMTP_CA_FILE must be readable', () => {
    assert.deepEqual(loadConfig(PRODUCTION).smtpTls, { mode: 'require', caFile: null });
    assert.equal(loadConfig({}).smtpTls.mode, 'opportunistic');
    for (const mode of ['off', 'opportunistic']) {
      assert.throws(() => loadConfig({ ...PRODUCTION, SMTP_TLS: mode }), new RegExp(`SMTP_TLS=${mode} is refused when KEIZOKU_ENV=production`));
      assert.equal(loadConfig({ ...PRODUCTION, SMTP_TLS: mode, SMTP_URL: 'smtp://127.0.0.1:25' }).smtpTls.mode, mode, 'a relay on this machine');
    }
    assert.throws(() => loadConfig({ SMTP_TLS: 'maybe' }), /SMTP_TLS/);
    assert.throws(() => loadConfig({ SMTP_CA_FILE: join(dir, 'missing.pem') }), /SMTP_CA_FILE: cannot read .*missing\.pem \(ENOENT\)/);
    const ca = secretFile('ca.pem', 0o644, '-----BEGIN CERTIFICATE-----');
    assert.equal(loadConfig({ ...PRODUCTION, SMTP_CA_FILE: ca }).smtpTls.caFile, ca);
  });

  it('12.3.1/12.3.3: production PostgreSQL off this machine needs a verifying sslmode; sslrootcert names a private CA', () => {
    const pgAt = (url: string) => loadConfig({ ...PRODUCTION, DATABASE_URL: url }).databaseUrl;
    for (const url of ['postgres://app@db.example.jp/keizoku', 'postgres://app@db.example.jp/keizoku?sslmode=prefer', 'postgresql://app@10.0.0.5/keizoku?sslmode=disable', 'postgres://app@db.example.jp/keizoku?sslmode=no-verify']) {
      assert.throws(() => pgAt(url), /DATABASE_URL needs sslmode=verify-full/, url);
    }
    for (const url of ['postgres://app@db.example.jp/keizoku?sslmode=verify-full&sslrootcert=/etc/keizoku/pg-ca.pem', 'postgres://app@db.example.jp/k?sslmode=require', 'postgres://app@127.0.0.1/keizoku', 'postgres://app@localhost/keizoku', 'postgres:///keizoku?host=/var/run/postgresql']) {
      assert.equal(pgAt(url), url, url);
    }
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://app@db.example.jp/keizoku' }).databaseUrl, 'postgres://app@db.example.jp/keizoku', 'development: the operator’s choice');
  });

  it('13.3.1: SECRET_FILE is required in production and refused when group or others may read it, missing or short', () => {
    const { SECRET_FILE: _omitted, ...withoutSecret } = PRODUCTION;
    assert.throws(() => loadConfig(withoutSecret), /SECRET_FILE is required when KEIZOKU_ENV=production/);
    assert.equal(loadConfig(PRODUCTION).secretFile, SECRET_FILE);
    assert.equal(loadConfig({}).secretFile, null, 'development: the database keeps it');
    for (const mode of [0o640, 0o604, 0o660]) {
      assert.throws(() => loadConfig({ SECRET_FILE: secretFile(`secret-${mode.toString(8)}`, mode) }), new RegExp(`readable or writable by group or others \\(mode ${mode.toString(8)}\\): chmod 600 it`));
    }
    assert.throws(() => loadConfig({ SECRET_FILE: join(dir, 'none') }), /SECRET_FILE: cannot read/);
    assert.throws(() => loadConfig({ SECRET_FILE: secretFile('short', 0o600, 'abc\n') }), /fewer than 32 characters/);
    assert.equal(loadConfig({ SECRET_FILE: secretFile('owner-only', 0o400) }).secretFile, join(dir, 'owner-only'));
  });

  it('13.2.2: MIGRATION_DATABASE_URL is the migration role’s; DATABASE_URL when unset', () => {
    assert.equal(loadConfig({}).migrationDatabaseUrl, './data/keizoku.db');
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://app@127.0.0.1/k', MIGRATION_DATABASE_URL: 'postgres://owner@127.0.0.1/k' }).migrationDatabaseUrl, 'postgres://owner@127.0.0.1/k');
  });
});
