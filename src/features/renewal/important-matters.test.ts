import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { DEFAULT_IMPORTANT_MATTERS_FILE } from '../../config.js';
import { loadImportantMatters, parseImportantMatters } from './important-matters.js';

it('reads ■ lines as headings and other lines as paragraphs', () => {
  assert.deepEqual(parseImportantMatters('\uFEFF■ 契約概要\r\n本文1\n\n  本文2  \n■見出し'), [
    { kind: 'heading', text: '契約概要' },
    { kind: 'paragraph', text: '本文1' },
    { kind: 'paragraph', text: '本文2' },
    { kind: 'heading', text: '見出し' },
  ]);
});

it('the shipped text has 契約概要 and 注意喚起情報', () => {
  const headings = loadImportantMatters(DEFAULT_IMPORTANT_MATTERS_FILE).filter((b) => b.kind === 'heading').map((b) => b.text);
  assert.ok(headings.includes('契約概要') && headings.includes('注意喚起情報'), headings.join(','));
});

it('a missing or empty file stops the start with its path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keizoku-matters-'));
  try {
    assert.throws(() => loadImportantMatters(join(dir, 'none.txt')), /Cannot read IMPORTANT_MATTERS_FILE .*none\.txt/);
    writeFileSync(join(dir, 'empty.txt'), '\n \n');
    assert.throws(() => loadImportantMatters(join(dir, 'empty.txt')), /IMPORTANT_MATTERS_FILE .*empty\.txt is empty/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
