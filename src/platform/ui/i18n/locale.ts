/** The languages of the customer site: Japanese first (the default), English for residents who need it. */
export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'ja';

/** Remembers the language chosen with the header's English / 日本語 link. */
export const LANG_COOKIE = 'keizoku_lang';

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/**
 * The language of a request: the remembered choice, else the browser's first acceptable one
 * (`Accept-Language`, by q-value, region ignored: en-US and en-GB are English), else Japanese.
 */
export function negotiateLocale(input: { cookie?: string | undefined; acceptLanguage?: string | undefined }): Locale {
  if (isLocale(input.cookie)) return input.cookie;
  return preferredLocale(input.acceptLanguage ?? '') ?? DEFAULT_LOCALE;
}

function preferredLocale(header: string): Locale | null {
  const ranges = header
    .slice(0, 500)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { language: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((range) => range.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) {
    if (isLocale(range.language)) return range.language;
    if (range.language === '*') return DEFAULT_LOCALE;
  }
  return null;
}

/** `/language/en?next=/mypage`: the header link that switches, remembers and goes back. */
export const LANGUAGE_PATH = '/language';

/** One value per language, built once (a form's schema, a list of labels): `perLocale((l) => schema(l))[locale]`. */
export const perLocale = <T>(build: (locale: Locale) => T): Readonly<Record<Locale, T>> =>
  Object.fromEntries(LOCALES.map((locale) => [locale, build(locale)])) as Record<Locale, T>;
