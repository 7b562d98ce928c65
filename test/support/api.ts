import assert from 'node:assert/strict';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { addApiClient } from '../../src/features/api-clients/service.js';
import type { TestApp } from './app.js';

/** A sample policy as the core system sends it in JSON (numbers for integers and yen, riders an array). */
export function samplePolicy(policyNumber: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    policy_number: policyNumber,
    product: 'auto',
    holder_family_name: '三住',
    holder_given_name: '太郎',
    holder_family_kana: 'ミツスミ',
    holder_given_kana: 'タロウ',
    birth_date: '1975-01-01',
    email: 'abc@example.com',
    agency_code: 'D0001',
    agency_name: 'みらい保険サービス有限会社',
    start_date: '2025-12-27',
    end_date: '2026-12-27',
    vehicle_class: 'private_car',
    grade: 14,
    bodily_injury: 'unlimited',
    personal_injury: 30000000,
    vehicle_coverage: 'general',
    vehicle_amount: 2200000,
    vehicle_deductible: '5-10',
    riders: ['lawyer', 'road_assistance'],
    annual_premium: 58200,
    payment_method: 'bank',
    ...changes,
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export interface Seen {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: unknown;
}

/** Every answer the API tests got, for the contract check against the OpenAPI document. */
export const seen: Seen[] = [];

/** A real HTTP call to the API; the answer is recorded for the contract test. */
export async function call(t: TestApp, method: string, path: string, options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${t.baseUrl}/api${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  const parsed: unknown = /json/.test(contentType) && text ? JSON.parse(text) : text;
  assert.ok(response.status < 500, `${method} ${path} answered ${response.status}: ${text}`);
  seen.push({ method, path: path.split('?')[0]!, status: response.status, contentType, body: parsed });
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export async function newClient(t: TestApp, scopes = 'policies:write,policies:read'): Promise<{ clientId: string; clientSecret: string }> {
  const outcome = await addApiClient(t.deps.db, t.deps.clock.now(), 'core system', scopes);
  assert.ok(outcome.ok);
  return { clientId: outcome.clientId, clientSecret: outcome.clientSecret };
}

/** A token by the form body (RFC 6749 §4.4). */
export async function tokenFor(t: TestApp, client: { clientId: string; clientSecret: string }): Promise<string> {
  const answer = await call(t, 'POST', '/v1/oauth/token', {
    raw: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(answer.status, 200, answer.text);
  return (answer.body as { access_token: string }).access_token;
}

export const problemOf = (answer: Answer) => answer.body as { type: string; title: string; status: number; detail: string; errors?: Array<{ field: string; message: string }> };

interface OpenApiDocument {
  paths: Record<string, Record<string, { tags?: string[]; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
}

/** Which contract test exercises the operations of each tag: a new tag must be added here, and covered there. */
export const CONTRACT_TAGS = { oauth: 'api.test.ts', policies: 'api.test.ts', feeds: 'api-feeds.test.ts' } as const;
export type ContractTag = keyof typeof CONTRACT_TAGS;

// ajv-formats is CommonJS: under ESM its function is the module's `default`.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv2020) => Ajv2020 }).default;

const templateRegex = (template: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);

/**
 * Holds every recorded answer against the document: its operation must declare the status, and
 * the body must match that response's schema; every operation of the given tags must have been
 * seen, and every operation in the document must carry a tag some contract test covers.
 */
export function checkContract(document: OpenApiDocument, answers: readonly Seen[], tags: readonly ContractTag[]): void {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi');
  const exercised = new Set<string>();
  for (const answer of answers) {
    // A literal path (…/batch) before a template that would match it too (…/{policy_number}).
    const templates = Object.keys(document.paths).sort((a, b) => a.split('{').length - b.split('{').length);
    const template = templates.find((p) => templateRegex(p).test(answer.path));
    if (!template) continue; // the not-found answers name no operation
    const method = answer.method.toLowerCase();
    const operation = document.paths[template]![method];
    if (!operation) continue;
    exercised.add(`${method} ${template}`);
    const response = operation.responses[String(answer.status)];
    assert.ok(response, `${answer.method} ${template} answered ${answer.status}, which the document does not declare`);
    const media = Object.keys(response.content ?? {})[0];
    assert.ok(media, `${answer.method} ${template} ${answer.status} has no content in the document`);
    assert.ok(answer.contentType.startsWith(media), `${answer.method} ${template} ${answer.status} answered ${answer.contentType}, the document says ${media}`);
    const pointer = `openapi#/paths/${template.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${answer.status}/content/${media.replace(/\//g, '~1')}/schema`;
    const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
    assert.ok(validate(answer.body), `${answer.method} ${answer.path} ${answer.status}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(answer.body).slice(0, 300)}`);
  }
  const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => ({ name: `${m} ${path}`, tags: op.tags ?? [] })));
  assert.deepEqual(operations.filter((op) => !op.tags.some((tag) => tag in CONTRACT_TAGS)).map((op) => op.name), [], 'every operation has a tag that a contract test covers');
  const mine = operations.filter((op) => op.tags.some((tag) => (tags as readonly string[]).includes(tag)));
  assert.ok(mine.length > 0, `the document has operations tagged ${tags.join(', ')}`);
  assert.deepEqual(mine.filter((op) => !exercised.has(op.name)).map((op) => op.name), [], 'every operation of these tags is exercised');
}
