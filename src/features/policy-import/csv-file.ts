import { createReadStream } from 'node:fs';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { CsvError, parse } from 'csv-parse';

/** The file cannot be imported at all: nothing was written. */
export class CsvFileError extends Error {}

export interface CsvLine {
  /** The physical line the row starts on; the header is line 1. */
  line: number;
  fields: string[];
}

const countLines = (text: string): number => {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
};

/** The last bytes of a valid UTF-8 chunk that begin a character not yet complete (at most 3). */
function incompleteTail(chunk: Buffer): Buffer {
  for (let back = 1; back <= 3 && back <= chunk.length; back += 1) {
    const byte = chunk[chunk.length - back]!;
    if (byte < 0x80) return chunk.subarray(chunk.length, chunk.length);
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return length > back ? Buffer.from(chunk.subarray(chunk.length - back)) : chunk.subarray(chunk.length, chunk.length);
    }
  }
  return chunk.subarray(chunk.length, chunk.length);
}

class NotUtf8Error extends Error {
  constructor(readonly line: number) {
    super('not UTF-8');
  }
}

/**
 * Bytes → text: refuses anything that is not UTF-8 (naming the line), drops a BOM, and turns
 * CR LF and lone CR into LF so csv-parse counts physical lines right.
 */
function utf8Text(): Transform {
  const strict = new TextDecoder('utf-8', { fatal: true });
  const lenient = new TextDecoder('utf-8');
  let lines = 1;
  let heldCR = false;
  // The end of the last chunk that starts a character the next chunk completes (the strict decoder holds it).
  let held: Buffer = Buffer.alloc(0);
  const normalise = (text: string, final: boolean): string => {
    let out = (heldCR ? '\r' : '') + text;
    heldCR = !final && out.endsWith('\r');
    if (heldCR) out = out.slice(0, -1);
    out = out.replace(/\r\n?/g, '\n');
    lines += countLines(out);
    return out;
  };
  return new Transform({
    decodeStrings: true,
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      let text: string;
      try {
        text = strict.decode(chunk, { stream: true });
      } catch {
        // Only now the lenient decoding, to find the bad byte: it starts where the strict one
        // stood, with the bytes of a character the previous chunk began.
        const shown = lenient.decode(Buffer.concat([held, chunk]));
        const bad = shown.indexOf('\uFFFD');
        callback(new NotUtf8Error(lines + countLines(shown.slice(0, bad === -1 ? shown.length : bad))));
        return;
      }
      // A chunk shorter than a character may continue the one held before it.
      held = incompleteTail(held.length && chunk.length < 4 ? Buffer.concat([held, chunk]) : chunk);
      callback(null, normalise(text, false));
    },
    flush(callback: TransformCallback) {
      let rest: string;
      try {
        rest = strict.decode();
      } catch {
        callback(new NotUtf8Error(lines));
        return;
      }
      callback(null, normalise(rest, true));
    },
  });
}

function describe(error: unknown, path: string): CsvFileError {
  if (error instanceof NotUtf8Error) {
    return new CsvFileError(`${path} is not UTF-8 text (first bad byte on line ${error.line}); save it as UTF-8 — Shift_JIS is not accepted`);
  }
  if (error instanceof CsvError) {
    const line = (error as CsvError & { lines?: number }).lines;
    return new CsvFileError(`${path}${line ? ` line ${line}` : ''}: malformed CSV (${error.message.replace(/ at line \d+/, '')})`);
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return new CsvFileError(`${path}: no such file`);
  if (code === 'EISDIR') return new CsvFileError(`${path} is a directory, not a CSV file`);
  if (code === 'EACCES') return new CsvFileError(`${path}: permission denied`);
  return new CsvFileError(`${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
}

/** Streams the rows of a CSV file, header first, with their line numbers. Throws CsvFileError. */
export async function* readCsvFile(path: string): AsyncGenerator<CsvLine> {
  const parser = parse({
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: 64 * 1024,
  });
  pipeline(createReadStream(path), utf8Text(), parser, () => undefined);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // info.lines is where the record ends; quoted line breaks inside it move its start back.
      const inside = record.reduce((sum, field) => sum + countLines(field), 0);
      yield { line: info.lines - inside, fields: record };
    }
  } catch (error) {
    throw describe(error, path);
  } finally {
    parser.destroy();
  }
}
