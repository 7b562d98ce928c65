import { LOCALES, type Locale } from './locale.js';

/** A message: fixed text, or text built from its parameters (numbers, names, formatted dates). */
export type Message = string | ((params: never) => string);
export type Messages = Record<string, Message>;

/** The other language's messages: the same keys, each taking the same parameters. */
export type Translation<M extends Messages> = { readonly [K in keyof M]: M[K] extends string ? string : M[K] };

export interface Catalogue<M extends Messages> {
  /** Where the catalogue is, for the test that lists missing keys. */
  readonly name: string;
  readonly messages: Readonly<Record<Locale, Translation<M>>>;
  /** The messages of one language. */
  readonly of: (locale: Locale) => Translation<M>;
}

const catalogues: Array<Catalogue<Messages>> = [];

/**
 * A feature's messages in both languages (no UI text inline in a view). TypeScript refuses an
 * English side with a key missing or extra; `missingMessages` says the same for catalogues at
 * run time, so a test fails on any key missing in either language.
 */
export function defineCatalogue<M extends Messages>(name: string, ja: M, en: Translation<M>): Catalogue<M> {
  const messages = { ja: ja as Translation<M>, en };
  const catalogue: Catalogue<M> = { name, messages, of: (locale) => messages[locale] };
  catalogues.push(catalogue as unknown as Catalogue<Messages>);
  return catalogue;
}

/** Every catalogue defined so far (the modules that define them must have been imported). */
export const definedCatalogues = (): ReadonlyArray<Catalogue<Messages>> => catalogues;

/** `name: locale.key` for each key one language has and another lacks, or whose text is empty. */
export function missingMessages(catalogue: Catalogue<Messages>): string[] {
  const keys = new Set(LOCALES.flatMap((locale) => Object.keys(catalogue.messages[locale])));
  const missing: string[] = [];
  for (const locale of LOCALES) {
    for (const key of keys) {
      const message: unknown = catalogue.messages[locale][key];
      if (message === undefined || message === '' || (typeof message !== 'string' && typeof message !== 'function')) missing.push(`${catalogue.name}: ${locale}.${key}`);
    }
  }
  return missing;
}
