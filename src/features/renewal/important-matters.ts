import { readFileSync } from 'node:fs';
import type { Locale } from '../../platform/ui/i18n/locale.js';

/** One block of the 重要事項 text: a heading (a line starting with ■) or a paragraph. */
export type MattersBlock = { kind: 'heading'; text: string } | { kind: 'paragraph'; text: string };

/** Plain text → blocks: lines starting with ■ are headings, every other non-empty line a paragraph. */
export function parseImportantMatters(text: string): MattersBlock[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => (line.startsWith('■') ? { kind: 'heading', text: line.replace(/^■\s*/, '') } : { kind: 'paragraph', text: line }));
}

/** Reads IMPORTANT_MATTERS_FILE once at start; a missing or empty file stops the start with its path. */
export function loadImportantMatters(path: string, variable = 'IMPORTANT_MATTERS_FILE'): MattersBlock[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${variable} ${path}: ${(error as Error).message}`);
  }
  const blocks = parseImportantMatters(text);
  if (blocks.length === 0) throw new Error(`${variable} ${path} is empty`);
  return blocks;
}

/** The 重要事項 in both languages (IMPORTANT_MATTERS_FILE and IMPORTANT_MATTERS_FILE_EN), read once at start. */
export function loadImportantMattersBoth(files: { ja: string; en: string }): Record<Locale, MattersBlock[]> {
  return { ja: loadImportantMatters(files.ja), en: loadImportantMatters(files.en, 'IMPORTANT_MATTERS_FILE_EN') };
}
