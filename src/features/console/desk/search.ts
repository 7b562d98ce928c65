import { normalizeKana, normalizeName, isKatakana } from '../../policies/holder.js';
import { normalizePolicyNumber } from '../../policies/policy-number.js';
import { sealText, unsealText } from '../../../platform/crypto.js';
import { normalizeEmail } from '../../../platform/text.js';

// お客さま検索: what the desk typed, brought to the form the data is stored in. Pure rules.

export const SEARCH_KEYS = ['policy', 'name', 'email', 'phone'] as const;
export type SearchKey = (typeof SEARCH_KEYS)[number];

export const SEARCH_KEY_LABELS: Record<SearchKey, string> = {
  policy: '証券番号',
  name: '氏名（漢字・カナ）',
  email: 'メールアドレス',
  phone: '電話番号',
};

/** The longest search text read (longer is refused, not cut). */
export const QUERY_MAX_LENGTH = 100;
export const PAGE_SIZE = 20;
/** The last page asked for that is read (deeper is refused as bad input). */
export const MAX_PAGE = 1000;

/** A search the repository can run: one key, one normalised value. */
export type Criterion =
  | { key: 'policy'; value: string }
  | { key: 'name'; script: 'kana' | 'kanji'; value: string }
  | { key: 'email'; value: string }
  | { key: 'phone'; value: string };

export type SearchProblem = 'unknown_key' | 'too_long' | 'empty' | 'bad_page' | 'stale';

export type ParsedSearch = { kind: 'form' } | { kind: 'search'; criterion: Criterion; page: number; by: SearchKey; q: string } | { kind: 'problem'; problem: SearchProblem; by: SearchKey; q: string };

const isSearchKey = (value: string): value is SearchKey => (SEARCH_KEYS as readonly string[]).includes(value);

/** Digits only, after NFKC (full-width digits, hyphens and brackets as typed). */
export const phoneDigits = (text: string): string => text.normalize('NFKC').replace(/\D/g, '');

/**
 * The criterion for a key and a text, or null when nothing is left to look for. Names as
 * registration compares them: NFKC without spaces; kana (hiragana, half-width or katakana)
 * become full-width katakana and are looked up in the kana columns, anything else in the names.
 */
export function criterionOf(key: SearchKey, text: string): Criterion | null {
  switch (key) {
    case 'policy': {
      const value = normalizePolicyNumber(text);
      return value ? { key, value } : null;
    }
    case 'name': {
      const kana = normalizeKana(text);
      if (kana && isKatakana(kana)) return { key, script: 'kana', value: kana };
      const value = normalizeName(text);
      return value ? { key, script: 'kanji', value } : null;
    }
    case 'email': {
      const value = normalizeEmail(text);
      return value ? { key, value } : null;
    }
    case 'phone': {
      const value = phoneDigits(text);
      return value ? { key, value } : null;
    }
  }
}

const one = (value: unknown): string | undefined => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined);

/** The search page's query string: no q shows the form; a bad one a problem, never an error. */
export function parseSearch(query: Record<string, unknown>): ParsedSearch {
  const rawBy = one(query.by) ?? 'name';
  const q = one(query.q) ?? '';
  const by: SearchKey = isSearchKey(rawBy) ? rawBy : 'name';
  const shownQ = q.length > QUERY_MAX_LENGTH ? '' : q;
  if (!isSearchKey(rawBy)) return { kind: 'problem', problem: 'unknown_key', by, q: shownQ };
  if (q.trim() === '' && one(query.q) === undefined) return { kind: 'form' };
  if ([...q].length > QUERY_MAX_LENGTH) return { kind: 'problem', problem: 'too_long', by, q: '' };
  const rawPage = one(query.page) ?? '1';
  const page = /^[1-9]\d{0,3}$/.test(rawPage) ? Number(rawPage) : NaN;
  if (!(page >= 1 && page <= MAX_PAGE)) return { kind: 'problem', problem: 'bad_page', by, q };
  const criterion = criterionOf(by, q);
  if (!criterion) return { kind: 'problem', problem: 'empty', by, q };
  return { kind: 'search', criterion, page, by, q };
}

// A name, e-mail address, phone or 証券番号 never stands in a URL, where proxy logs and history
// would keep it (ASVS 14.2.1, decision 0030): the form is posted, and the results' URL carries
// the search sealed under the server secret for the staff member who made it.
const SEALED_FOR = 'desk-search';

export const sealSearch = (secret: string, staffId: string, by: string, q: string): string => sealText(secret, SEALED_FOR, JSON.stringify([by, q]), staffId);

/** The search's `by` and `q`, or null when it was sealed for someone else, under another secret, or altered. */
export function unsealSearch(secret: string, staffId: string, sealed: string): { by: string; q: string } | null {
  const text = sealed.length <= 1000 ? unsealText(secret, SEALED_FOR, sealed, staffId) : null;
  const value: unknown = text === null ? null : JSON.parse(text);
  return Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string' ? { by: value[0], q: value[1] } : null;
}
