import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CsvFileError, readCsvFile, type CsvLine } from './csv-file.js';

const dir = mkdtempSync(join(tmpdir(), 'keizoku-csv-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

async function read(content: string | Buffer): Promise<CsvLine[]> {
  const path = join(dir, `${(files += 1)}.csv`);
  writeFileSync(path, content);
  const rows: CsvLine[] = [];
  for await (const row of readCsvFile(path)) rows.push(row);
  return rows;
}

async function refused(content: string | Buffer, message: RegExp): Promise<void> {
  await assert.rejects(read(content), (error: unknown) => error instanceof CsvFileError && message.test(error.message));
}

describe('reading a CSV file', () => {
  it('gives each row with the physical line it starts on, skipping blank lines', async () => {
    const rows = await read('a,b\n1,2\n\n"x\ny",3\n4,5\n');
    assert.deepEqual(rows, [
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['x\ny', '3'] },
      { line: 6, fields: ['4', '5'] },
    ]);
  });

  it('counts CR LF and lone CR line ends as one line each, across chunk boundaries too', async () => {
    assert.deepEqual(await read('a,b\r\n1,2\r\n\r\n"x\r\ny",3\r\n4,5'), [
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['x\ny', '3'] },
      { line: 6, fields: ['4', '5'] },
    ]);
    assert.deepEqual((await read('a\r1\r2\r')).map((r) => r.line), [1, 2, 3]);
    const long = `h\r\n${'x'.repeat(65535)}\r\n1\r\n`; // the CR of line 2 ends the first 64 KiB chunk
    assert.deepEqual((await read(long)).map((r) => r.line), [1, 2, 3]);
  });

  it('strips a UTF-8 BOM', async () => {
    const rows = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('policy_number\nC1\n')]));
    assert.deepEqual(rows[0]?.fields, ['policy_number']);
  });

  it('keeps Japanese split across chunks intact', async () => {
    // 2 + 60001 bytes, then a row of 3-byte characters that the 64 KiB chunk boundary cuts into.
    const rows = await read(`h\n${'あ'.repeat(20000)}\n${'い'.repeat(20000)}\n`);
    assert.equal(rows[2]?.fields[0], 'い'.repeat(20000));
    assert.equal(rows[2]?.line, 3);
  });

  it('refuses a file that is not UTF-8, naming the line of the first bad byte', async () => {
    const shiftJis = Buffer.concat([Buffer.from('h\nok\n'), Buffer.from([0x8e, 0x4f, 0x8f, 0x5a]), Buffer.from('\n')]); // 三住 in Shift_JIS
    await refused(shiftJis, /is not UTF-8 text \(first bad byte on line 3\); save it as UTF-8 — Shift_JIS is not accepted/);
    await refused(Buffer.concat([Buffer.from('h\n'), Buffer.from([0xe4, 0xb8])]), /is not UTF-8 text \(first bad byte on line 2\)/);
  });

  it('refuses malformed CSV with the line, and keeps stray quotes inside a field as text', async () => {
    await refused('a,b\n1,2\n3,"4\n', /line 3: malformed CSV \(Quote Not Closed/);
    await refused(`a\n${'x'.repeat(70000)}\n`, /line 2: malformed CSV \(Max Record Size/);
    assert.deepEqual((await read('a,b\n1,"2"x\n3,4"\n')).slice(1), [
      { line: 2, fields: ['1', '"2"x'] },
      { line: 3, fields: ['3', '4"'] },
    ]);
  });

  it('says so when the file is missing or a directory', async () => {
    await assert.rejects(async () => {
      for await (const _ of readCsvFile(join(dir, 'missing.csv'))) void _;
    }, /missing\.csv: no such file/);
    await assert.rejects(async () => {
      for await (const _ of readCsvFile(dir)) void _;
    }, /is a directory/);
  });
});
