import { readFileSync } from 'node:fs';

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
export function loadImportantMatters(path: string): MattersBlock[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read IMPORTANT_MATTERS_FILE ${path}: ${(error as Error).message}`);
  }
  const blocks = parseImportantMatters(text);
  if (blocks.length === 0) throw new Error(`IMPORTANT_MATTERS_FILE ${path} is empty`);
  return blocks;
}
