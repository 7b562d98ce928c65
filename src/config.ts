import { readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseDuration } from './platform/duration.js';
import { parseMaintenanceWindows, type MaintenanceWindow } from './platform/maintenance.js';

/** The insurer's brand and desk: everything a customer sees of who runs the service. */
export interface BrandConfig {
  name: string;
  companyName: string;
  deskName: string;
  deskPhone: string;
  /** Desk hours in Japan time, on working days (weekends, holidays and 12/29–1/3 closed). */
  deskOpen: string;
  deskClose: string;
  mailFrom: string;
  /** BRAND_LOGO_FILE: the image in the page header, served by the site at /brand-logo; null: the name only. */
  logo: BrandLogo | null;
  /** BRAND_NAME_EN, BRAND_COMPANY_NAME_EN, DESK_NAME_EN: the same names on the English pages and mails. */
  en: BrandNames;
}

/** The names a customer reads, in one language. */
export interface BrandNames {
  name: string;
  companyName: string;
  deskName: string;
}

/** The brand as one language shows it: the English names on English pages and mails. */
export const brandIn = (brand: BrandConfig, locale: 'ja' | 'en'): BrandConfig => (locale === 'ja' ? brand : { ...brand, ...brand.en });

export interface BrandLogo {
  file: string;
  type: string;
}

export interface Config {
  env: 'development' | 'production';
  port: number;
  host: string;
  databaseUrl: string;
  smtpUrl: string | null;
  /** SMTP_TLS and SMTP_CA_FILE: how the mail is sent to SMTP_URL (transport security of the outgoing mail). */
  smtpTls: SmtpTls;
  /** MIGRATION_DATABASE_URL: the role `keizoku migrate` uses (DDL rights); run time uses DATABASE_URL (none needed). */
  migrationDatabaseUrl: string;
  /** SECRET_FILE: where the server secret is read from (mode 0600 or stricter); null: kept in the database. */
  secretFile: string | null;
  baseUrl: string;
  verificationTtlMs: number;
  /** How long a 再登録 to another address than the account's waits before it takes effect: REREGISTRATION_HOLD. */
  reregistrationHoldMs: number;
  maintenanceWindows: MaintenanceWindow[];
  maintenanceText: string;
  /** Requests per minute one client IP may make before 429 (a flood guard; logins have their own locks). */
  rateLimitPerMinute: number;
  /** API_RATE_LIMIT_PER_MINUTE: calls per minute one API client may make before 429. */
  apiRateLimitPerMinute: number;
  /** Fastify's trustProxy: which proxies may set X-Forwarded-For (rate limits key on the client IP). */
  trustProxy: boolean | string;
  /** PASSWORD_POLICY and its bounds: the customers' password rule (platform/auth/password-rule.ts). */
  passwordPolicy: CustomerPasswordPolicy;
  brand: BrandConfig;
  /** The rate table (JSON) the renewal quotes from: RATES_FILE. */
  ratesFile: string;
  /** 契約概要・注意喚起情報 shown at the renewal's step 4 (plain text): IMPORTANT_MATTERS_FILE. */
  importantMattersFile: string;
  /** IMPORTANT_MATTERS_FILE_EN: the same 重要事項 in English, for customers who read the site in English. */
  importantMattersFileEn: string;
  /** JOBS: whether `serve` runs the jobs (mail delivery …) in-process; off leaves them to `keizoku worker`. */
  serveRunsJobs: boolean;
  /** METRICS_TOKEN: the bearer token that opens /metrics from other hosts (null: this machine only). */
  metricsToken: string | null;
  /** RENEWAL_REMINDER_DAYS: days before 満期日 for 満期案内 mails, largest first; empty for none. */
  renewalReminderDays: number[];
  /** AUDIT_RETENTION: how long audit events are kept before the purge deletes them. */
  auditRetention: Retention;
  /** JOB_LEASE: how long a worker's claim on a job, or on a mail it is sending, lasts unrenewed (a killed worker's work waits this long). */
  jobLeaseMs: number;
  /** WEBHOOK_URL and WEBHOOK_SECRET: where events are posted and the Standard Webhooks signing secret; null: no webhooks. */
  webhook: WebhookConfig | null;
}

export interface SmtpTls {
  /** `require`: STARTTLS (or smtps://) with a verified certificate, or no mail; `opportunistic`: STARTTLS when offered; `off`: none. */
  mode: 'require' | 'opportunistic' | 'off';
  /** PEM file of the CA(s) the SMTP server's certificate must chain to; null: the system's. */
  caFile: string | null;
}

export interface CustomerPasswordPolicy {
  /** `seed`: the guide's rule (half-width, letters and digits mixed); `asvs`: any characters, no composition rule, context words refused. */
  kind: 'seed' | 'asvs';
  minLength: number;
  maxLength: number;
  /** Words a password may not contain under `asvs`: the brand, the company, the service's name and host. */
  contextWords: string[];
}

export interface WebhookConfig {
  url: string;
  /** `whsec_<base64>`, as the standardwebhooks library takes it. */
  secret: string;
}

const MIN_JOB_LEASE_MS = 5000;
const MAX_JOB_LEASE_MS = 3_600_000;

/** A retention period in whole days or whole (calendar) years. */
export interface Retention {
  amount: number;
  unit: 'days' | 'years';
}

/** The shipped demo rates, resolved from the package (src/ and dist/ both sit one level below it). */
export const DEFAULT_RATES_FILE = fileURLToPath(new URL('../rates/default.json', import.meta.url));
/** The shipped demo 重要事項 text, resolved like the rates. */
export const DEFAULT_IMPORTANT_MATTERS_FILE = fileURLToPath(new URL('../rates/important-matters.txt', import.meta.url));
export const DEFAULT_IMPORTANT_MATTERS_FILE_EN = fileURLToPath(new URL('../rates/important-matters.en.txt', import.meta.url));

// The demo brand's English names; an insurer that sets its own Japanese names sets these too (else the Japanese ones show).
const DEMO_BRAND_EN: Record<string, string> = { みらい損保: 'Mirai Sonpo', みらい損害保険株式会社: 'Mirai Non-Life Insurance Co., Ltd.', インターネットデスク: 'Internet Desk' };
const inEnglish = (set: string | undefined, japanese: string): string => set ?? DEMO_BRAND_EN[japanese] ?? japanese;

const env = z.object({
  KEIZOKU_ENV: z.enum(['development', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).default('./data/keizoku.db'),
  SMTP_URL: z.string().url().optional(),
  SMTP_TLS: z.enum(['require', 'opportunistic', 'off']).optional(),
  SMTP_CA_FILE: z.string().min(1).optional(),
  MIGRATION_DATABASE_URL: z.string().min(1).optional(),
  SECRET_FILE: z.string().min(1).optional(),
  BASE_URL: z.string().url().optional(),
  VERIFICATION_TTL: z.string().default('48h'),
  REREGISTRATION_HOLD: z.string().default('72h'),
  MAINTENANCE_WINDOWS: z.string().default('Mon 02:00-04:00'),
  TRUST_PROXY: z.string().default('false'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(10).max(1_000_000).default(600),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  PASSWORD_POLICY: z.enum(['seed', 'asvs']).default('seed'),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(6).max(64).optional(),
  PASSWORD_MAX_LENGTH: z.coerce.number().int().min(6).max(128).optional(),
  BRAND_NAME: z.string().min(1).default('みらい損保'),
  BRAND_COMPANY_NAME: z.string().min(1).default('みらい損害保険株式会社'),
  DESK_NAME: z.string().min(1).default('インターネットデスク'),
  DESK_PHONE: z.string().min(1).default('0120-000-000'),
  BRAND_NAME_EN: z.string().min(1).optional(),
  BRAND_COMPANY_NAME_EN: z.string().min(1).optional(),
  DESK_NAME_EN: z.string().min(1).optional(),
  DESK_HOURS: z.string().regex(/^\d\d:\d\d-\d\d:\d\d$/, 'HH:MM-HH:MM').default('09:00-17:30'),
  MAIL_FROM: z.string().min(3).default('no-reply@keizoku.example'),
  BRAND_LOGO_FILE: z.string().min(1).optional(),
  RATES_FILE: z.string().min(1).default(DEFAULT_RATES_FILE),
  IMPORTANT_MATTERS_FILE: z.string().min(1).default(DEFAULT_IMPORTANT_MATTERS_FILE),
  IMPORTANT_MATTERS_FILE_EN: z.string().min(1).default(DEFAULT_IMPORTANT_MATTERS_FILE_EN),
  JOBS: z.enum(['on', 'off']).default('on'),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  RENEWAL_REMINDER_DAYS: z.string().default('60,30,7'),
  AUDIT_RETENTION: z.string().default('7y'),
  JOB_LEASE: z.string().default('5m'),
  WEBHOOK_URL: z.string().optional(),
  WEBHOOK_SECRET: z.string().optional(),
});

const MAX_REMINDER_DAYS = 365;

/** `60,30,7` (any order, no repeats) or `none`; null when malformed. Largest first. */
export function parseReminderDays(text: string): number[] | null {
  const value = text.trim();
  if (value === 'none') return [];
  const parts = value.split(',').map((part) => part.trim());
  if (!parts.every((part) => /^\d{1,3}$/.test(part))) return null;
  const days = parts.map(Number);
  if (days.some((d) => d < 1 || d > MAX_REMINDER_DAYS) || new Set(days).size !== days.length) return null;
  return days.sort((a, b) => b - a);
}

/** `30d` or `7y` (a whole number, at least 1); null when malformed. */
export function parseRetention(text: string): Retention | null {
  const match = /^\s*(\d{1,5})\s*([dy])\s*$/.exec(text);
  if (!match) return null;
  const amount = Number(match[1]);
  if (amount < 1 || (match[2] === 'y' && amount > 100)) return null;
  return { amount, unit: match[2] === 'y' ? 'years' : 'days' };
}

/** Reads and validates the environment; throws one message listing every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = env.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const ttl = parseDuration(e.VERIFICATION_TTL);
  if (ttl === null) throw new Error(`Invalid configuration:\n  VERIFICATION_TTL: expected e.g. 48h, 90m or 2s`);
  const hold = parseDuration(e.REREGISTRATION_HOLD);
  if (hold === null) throw new Error(`Invalid configuration:\n  REREGISTRATION_HOLD: expected e.g. 72h, 90m or 2s`);
  const reminderDays = parseReminderDays(e.RENEWAL_REMINDER_DAYS);
  if (reminderDays === null) {
    throw new Error(`Invalid configuration:\n  RENEWAL_REMINDER_DAYS: expected whole days before 満期日 from 1 to ${MAX_REMINDER_DAYS}, comma-separated without repeats (e.g. 60,30,7), or none`);
  }
  const auditRetention = parseRetention(e.AUDIT_RETENTION);
  if (auditRetention === null) throw new Error('Invalid configuration:\n  AUDIT_RETENTION: expected a number of days or years, e.g. 400d or 7y');
  const jobLease = parseDuration(e.JOB_LEASE);
  if (jobLease === null || jobLease < MIN_JOB_LEASE_MS || jobLease > MAX_JOB_LEASE_MS) throw new Error('Invalid configuration:\n  JOB_LEASE: expected a duration from 5s to 1h, e.g. 5m or 30s');
  const webhook = parseWebhook(e.KEIZOKU_ENV, e.WEBHOOK_URL, e.WEBHOOK_SECRET);
  if (typeof webhook === 'string') throw new Error(`Invalid configuration:\n  ${webhook}`);
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const passwordPolicy = parsePasswordPolicy(e.PASSWORD_POLICY, e.PASSWORD_MIN_LENGTH, e.PASSWORD_MAX_LENGTH, [e.BRAND_NAME, e.BRAND_COMPANY_NAME, baseUrl]);
  if (typeof passwordPolicy === 'string') throw new Error(`Invalid configuration:\n  ${passwordPolicy}`);
  const smtpTls: SmtpTls = { mode: e.SMTP_TLS ?? (e.KEIZOKU_ENV === 'production' ? 'require' : 'opportunistic'), caFile: e.SMTP_CA_FILE ? resolve(e.SMTP_CA_FILE) : null };
  const transport = transportRefusals({ environment: e.KEIZOKU_ENV, baseUrl, smtpUrl: e.SMTP_URL, smtpTls, databaseUrl: e.DATABASE_URL, secretFile: e.SECRET_FILE });
  // Without SMTP the mail (links and all) is readable at /dev/mailbox: only ever for this machine.
  const reasons = [...transport, ...(e.SMTP_URL ? [] : devMailboxRefusals(e.KEIZOKU_ENV, e.HOST, baseUrl))];
  if (reasons.length > 0) throw new Error(`Invalid configuration:\n  ${reasons.join('\n  ')}`);
  const [deskOpen, deskClose] = e.DESK_HOURS.split('-') as [string, string];
  const logo = e.BRAND_LOGO_FILE === undefined ? null : parseBrandLogo(e.BRAND_LOGO_FILE);
  if (typeof logo === 'string') throw new Error(`Invalid configuration:\n  ${logo}`);
  return {
    env: e.KEIZOKU_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL ?? null,
    smtpTls,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL ?? e.DATABASE_URL,
    secretFile: e.SECRET_FILE ? resolve(e.SECRET_FILE) : null,
    baseUrl,
    verificationTtlMs: ttl,
    reregistrationHoldMs: hold,
    maintenanceWindows: parseMaintenanceWindows(e.MAINTENANCE_WINDOWS),
    maintenanceText: e.MAINTENANCE_WINDOWS,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    apiRateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE,
    passwordPolicy,
    brand: {
      name: e.BRAND_NAME,
      companyName: e.BRAND_COMPANY_NAME,
      deskName: e.DESK_NAME,
      deskPhone: e.DESK_PHONE,
      deskOpen,
      deskClose,
      mailFrom: e.MAIL_FROM,
      logo,
      en: { name: inEnglish(e.BRAND_NAME_EN, e.BRAND_NAME), companyName: inEnglish(e.BRAND_COMPANY_NAME_EN, e.BRAND_COMPANY_NAME), deskName: inEnglish(e.DESK_NAME_EN, e.DESK_NAME) },
    },
    ratesFile: resolve(e.RATES_FILE),
    importantMattersFile: resolve(e.IMPORTANT_MATTERS_FILE),
    importantMattersFileEn: resolve(e.IMPORTANT_MATTERS_FILE_EN),
    serveRunsJobs: e.JOBS === 'on',
    metricsToken: e.METRICS_TOKEN ?? null,
    renewalReminderDays: reminderDays,
    auditRetention,
    jobLeaseMs: jobLease,
    webhook,
  };
}

/**
 * The customers' password rule: `seed` 6–15 unless set; `asvs` 8–64 unless set, and never below
 * ASVS 6.2.1's 8 or 6.2.9's 64. The context words come from the brand and the service's host name.
 */
const LOGO_TYPES: Record<string, string> = { '.png': 'image/png', '.svg': 'image/svg+xml', '.webp': 'image/webp', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' };
const MAX_LOGO_BYTES = 512 * 1024;

/** BRAND_LOGO_FILE: an existing PNG, SVG, WebP or JPEG file of at most 512 KiB; else why not. */
export function parseBrandLogo(path: string): BrandLogo | string {
  const type = LOGO_TYPES[extname(path).toLowerCase()];
  if (!type) return `BRAND_LOGO_FILE: expected a .png, .svg, .webp or .jpg file, got ${path}`;
  const file = resolve(path);
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return `BRAND_LOGO_FILE: ${file} is not a file`;
    size = stat.size;
  } catch {
    return `BRAND_LOGO_FILE: ${file} does not exist or cannot be read`;
  }
  if (size > MAX_LOGO_BYTES) return `BRAND_LOGO_FILE: ${file} is larger than 512 KiB`;
  return { file, type };
}

export function parsePasswordPolicy(kind: 'seed' | 'asvs', min: number | undefined, max: number | undefined, context: string[]): CustomerPasswordPolicy | string {
  const minLength = min ?? (kind === 'asvs' ? 8 : 6);
  const maxLength = max ?? (kind === 'asvs' ? 64 : 15);
  if (minLength > maxLength) return 'PASSWORD_MIN_LENGTH is above PASSWORD_MAX_LENGTH';
  if (kind === 'asvs' && (minLength < 8 || maxLength < 64)) return 'PASSWORD_POLICY=asvs needs PASSWORD_MIN_LENGTH of at least 8 and PASSWORD_MAX_LENGTH of at least 64';
  const [brand, company, baseUrl] = context as [string, string, string];
  const hostWords = new URL(baseUrl).hostname.split('.').filter((label) => label.length >= 4 && label !== 'localhost' && !/^\d+$/.test(label));
  return { kind, minLength, maxLength, contextWords: [...new Set(['keizoku', brand, company, ...hostWords])] };
}

/** Standard Webhooks: `whsec_` and the base64 of 24 to 64 random bytes. */
const WEBHOOK_SECRET_FORM = /^whsec_([A-Za-z0-9+/]+={0,2})$/;

/** Both set, or neither; the URL http(s) (https in production unless on this machine); the secret in the `whsec_` form. A message when not. */
export function parseWebhook(environment: Config['env'], url: string | undefined, secret: string | undefined): WebhookConfig | null | string {
  const given = (text: string | undefined) => (text ?? '').trim();
  if (given(url) === '' && given(secret) === '') return null;
  if (given(secret) === '') return 'WEBHOOK_URL is set without WEBHOOK_SECRET: every webhook is signed, so set both (see README, "Webhooks")';
  if (given(url) === '') return 'WEBHOOK_SECRET is set without WEBHOOK_URL: set both, or neither for no webhooks';
  let parsed: URL;
  try {
    parsed = new URL(given(url));
  } catch {
    return 'WEBHOOK_URL: expected an http(s) URL, e.g. https://core.example.jp/keizoku/webhooks';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'WEBHOOK_URL: expected an http(s) URL, e.g. https://core.example.jp/keizoku/webhooks';
  if (environment === 'production' && parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    return 'WEBHOOK_URL must be https when KEIZOKU_ENV=production (the events carry customer and policy identifiers)';
  }
  const body = WEBHOOK_SECRET_FORM.exec(given(secret))?.[1];
  const bytes = body && body.length % 4 === 0 ? Buffer.from(body, 'base64').length : 0;
  if (bytes < 24 || bytes > 64) return 'WEBHOOK_SECRET: expected whsec_ followed by the base64 of 24 to 64 random bytes (e.g. whsec_$(openssl rand -base64 32))';
  return { url: parsed.toString(), secret: given(secret) };
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

interface TransportSettings {
  environment: Config['env'];
  baseUrl: string;
  smtpUrl: string | undefined;
  smtpTls: SmtpTls;
  databaseUrl: string;
  secretFile: string | undefined;
}

/**
 * What production refuses (ASVS 12.2.1, 12.3.1, 12.3.3, 13.3.1): an http BASE_URL, mail or a
 * PostgreSQL connection leaving this machine without verified TLS, the server secret in the
 * database; and, everywhere, an unreadable SMTP_CA_FILE or SECRET_FILE. Empty when all is well.
 */
export function transportRefusals(settings: TransportSettings): string[] {
  const reasons: string[] = [];
  if (settings.smtpTls.caFile !== null) {
    const problem = unreadableFile(settings.smtpTls.caFile);
    if (problem) reasons.push(`SMTP_CA_FILE: ${problem}`);
  }
  if (settings.secretFile !== undefined) {
    const problem = secretFileProblem(resolve(settings.secretFile));
    if (problem) reasons.push(`SECRET_FILE: ${problem}`);
  }
  if (settings.environment !== 'production') return reasons;
  if (!settings.baseUrl.startsWith('https://')) {
    reasons.push(`BASE_URL must be https when KEIZOKU_ENV=production (${settings.baseUrl}): TLS ends at the reverse proxy (docs/operations.md, "Reverse proxy and TLS")`);
  }
  if (settings.smtpUrl && settings.smtpTls.mode !== 'require' && !isLoopbackHost(hostOf(settings.smtpUrl))) {
    reasons.push(`SMTP_TLS=${settings.smtpTls.mode} is refused when KEIZOKU_ENV=production and SMTP_URL's host is not this machine: the mail carries one-time links (use SMTP_TLS=require, the production default)`);
  }
  const pgProblem = postgresTlsProblem(settings.databaseUrl);
  if (pgProblem) reasons.push(pgProblem);
  if (settings.secretFile === undefined) {
    reasons.push('SECRET_FILE is required when KEIZOKU_ENV=production: the server secret is kept apart from the database (docs/operations.md, "The server secret")');
  }
  return reasons;
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
};

/** PostgreSQL off this machine needs `sslmode=require`, `verify-ca` or `verify-full` (pg verifies the certificate for all three); a message when not. */
export function postgresTlsProblem(databaseUrl: string): string | null {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) return null;
  let parsed: URL;
  try {
    parsed = new URL(databaseUrl);
  } catch {
    return 'DATABASE_URL: not a URL';
  }
  const host = parsed.searchParams.get('host') ?? parsed.hostname;
  if (host === '' || host.startsWith('/') || isLoopbackHost(host)) return null;
  const mode = parsed.searchParams.get('sslmode');
  if (mode === 'require' || mode === 'verify-ca' || mode === 'verify-full') return null;
  return `DATABASE_URL needs sslmode=verify-full (or require, verify-ca) when KEIZOKU_ENV=production and the database is not on this machine${mode ? ` (sslmode=${mode} is refused)` : ''}; a private CA: add sslrootcert=/path/ca.pem`;
}

function unreadableFile(path: string): string | null {
  try {
    readFileSync(path);
    return null;
  } catch (error) {
    return `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
}

/** The server secret's file: readable, owner-only (no group or other bits), at least 32 characters. */
export function secretFileProblem(path: string): string | null {
  const unreadable = unreadableFile(path);
  if (unreadable) return unreadable;
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) return `${path} is readable or writable by group or others (mode ${mode.toString(8).padStart(3, '0')}): chmod 600 it`;
  if (readFileSync(path, 'utf8').trim().length < 32) return `${path} holds fewer than 32 characters: make one with  umask 077; openssl rand -base64 32 > ${path}`;
  return null;
}

/** Why the dev mailbox (SMTP_URL unset) may not run here; empty when it may. */
export function devMailboxRefusals(environment: Config['env'], host: string, baseUrl: string): string[] {
  const reasons: string[] = [];
  if (environment === 'production') reasons.push('SMTP_URL is required when KEIZOKU_ENV=production: the dev mailbox is for development only');
  if (!isLoopbackHost(host)) reasons.push(`SMTP_URL is required when HOST (${host}) is not a loopback address: the dev mailbox is for this machine only`);
  // The mail links carry BASE_URL: a public one means real people would be sent to a mailbox anyone can read.
  if (!isLoopbackHost(new URL(baseUrl).hostname)) {
    reasons.push(`SMTP_URL is required when BASE_URL (${baseUrl}) is not a loopback origin (localhost, 127.0.0.0/8, [::1]): the dev mailbox is for this machine only`);
  }
  return reasons;
}

/** `false`, `true`, or the proxies' addresses and CIDRs (`127.0.0.1,10.0.0.0/8`). */
function parseTrustProxy(text: string): boolean | string {
  const value = text.trim();
  if (value === 'false' || value === '') return false;
  return value === 'true' ? true : value;
}

/** Whether the built-in dev mailbox is the transport (and its page is served). */
export function usesDevMailbox(config: Config): boolean {
  return config.smtpUrl === null;
}
