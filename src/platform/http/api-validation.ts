import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FieldProblem } from './api-context.js';

// ajv-formats is CommonJS: under ESM its function is the module's `default`.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv }).default;

/**
 * The API's schema validator: every error (allErrors), no type coercion, nothing removed or
 * defaulted, so what a client sent is what the rules see and an unknown field is an error.
 */
export function createApiAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, coerceTypes: false, removeAdditional: false, useDefaults: false, strict: false });
  addFormats(ajv);
  return ajv;
}

/** ajv says `must be integer,null`; a client reads `must be integer or null`. */
function messageOf(error: ErrorObject): string {
  const type = (error.params as { type?: unknown }).type;
  if (error.keyword === 'type' && (typeof type === 'string' || Array.isArray(type))) return `must be ${String(type).split(',').join(' or ')}`;
  return error.message ?? 'is not valid';
}

/** ajv's errors as {field, message}, one per field and message, named as the body names them. */
export function fieldProblems(errors: readonly ErrorObject[] | null | undefined, prefix = ''): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const error of errors ?? []) {
    const params = error.params as { missingProperty?: string; additionalProperty?: string };
    const at = error.instancePath.split('/').filter(Boolean).join('.');
    const child = params.missingProperty ?? params.additionalProperty;
    const field = [prefix, at, child].filter((part) => part).join('.') || prefix || 'body';
    const message = params.missingProperty ? 'is required' : params.additionalProperty ? 'is not a known field' : messageOf(error);
    const id = `${field}\u0000${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push({ field, message });
  }
  return problems;
}

/** The top-level field an error concerns ('' for the body itself). */
export const topField = (problem: FieldProblem): string => problem.field.split('.')[0] ?? '';

/**
 * A query string's validator: its values come as text, so integers are coerced (`limit=20` is 20);
 * otherwise as strict as the body's.
 */
export function createQueryAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, coerceTypes: true, removeAdditional: false, useDefaults: false, strict: false });
  addFormats(ajv);
  return ajv;
}
