// Streams a CSV (or tab-separated, as NCES also publishes) file record by record, never holding the
// whole file: bytes → text (UTF-8; a file that is not valid UTF-8 is read as Windows-1252/Latin-1
// from the first invalid byte on, which is what spreadsheet programs write) → csv-parse.
// A byte-order mark is dropped; a UTF-16 file is refused with a plain reason.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { ImportFile, ImportProblem } from '@trellis/core';

export type TextEncoding = 'utf-8' | 'windows-1252';

/** How many bytes at the end of `buf` start a UTF-8 sequence that the next chunk completes. */
function incompleteTail(buf: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** Decodes chunk by chunk; switches to Windows-1252 for good at the first byte that is not UTF-8. */
export class TextSniffer {
  encoding: TextEncoding = 'utf-8';
  private pending: Uint8Array = new Uint8Array(0);
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });
  private readonly latin = new TextDecoder('windows-1252');
  private started = false;

  write(chunk: Uint8Array): string {
    let buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = new Uint8Array(0);
    if (!this.started) {
      if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
        throw new Utf16Error();
      }
      if (buf.length < 3 && buf[0] === 0xef) {
        this.pending = buf; // maybe a BOM split across chunks
        return '';
      }
      this.started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    if (this.encoding === 'windows-1252') return this.latin.decode(buf);
    const tail = incompleteTail(buf);
    const whole = buf.subarray(0, buf.length - tail);
    try {
      const text = this.utf8.decode(whole);
      this.pending = buf.subarray(buf.length - tail);
      return text;
    } catch {
      this.encoding = 'windows-1252';
      return this.latin.decode(buf);
    }
  }

  end(): string {
    if (this.pending.length === 0) return '';
    const rest = this.pending;
    this.pending = new Uint8Array(0);
    try {
      return this.utf8.decode(rest);
    } catch {
      this.encoding = 'windows-1252';
      return this.latin.decode(rest);
    }
  }
}

export class Utf16Error extends Error {
  constructor() {
    super('The file is in UTF-16 ("Unicode text"). Save it as "CSV UTF-8" or plain CSV and upload it again.');
  }
}

export interface CsvReadResult {
  encoding: TextEncoding;
  bytes: number;
  /** Records read, the header included. */
  records: number;
  /** Why reading stopped early (a broken quote at the end of a truncated file…), with the line. */
  error: { line: number | null; message: string } | null;
}

/**
 * Calls `onRecord` for every record (the header first) with its line number. Stops at the first
 * record that cannot be parsed and says why in `error`; the records before it were delivered.
 */
export async function readCsv(
  source: AsyncIterable<Uint8Array | string>,
  onRecord: (record: string[], line: number) => void,
  onBytes?: (bytes: number) => void,
): Promise<CsvReadResult> {
  const sniffer = new TextSniffer();
  let bytes = 0;
  let delimiter: string | null = null;
  let firstText = '';
  const iterator = source[Symbol.asyncIterator]();

  // Sniff the delimiter from the header line (tab-separated .txt files are CCD's other format).
  try {
    while (delimiter === null) {
      const next = await iterator.next();
      if (next.done) break;
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      bytes += chunk.length;
      firstText += sniffer.write(chunk);
      const nl = firstText.indexOf('\n');
      if (nl >= 0 || firstText.length > 1_000_000) {
        const head = nl >= 0 ? firstText.slice(0, nl) : firstText;
        delimiter = (head.match(/\t/g)?.length ?? 0) > (head.match(/,/g)?.length ?? 0) ? '\t' : ',';
      }
    }
  } catch (e) {
    if (e instanceof Utf16Error) return { encoding: sniffer.encoding, bytes, records: 0, error: { line: null, message: e.message } };
    throw e;
  }
  onBytes?.(bytes);

  async function* text() {
    yield firstText;
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      bytes += chunk.length;
      onBytes?.(bytes);
      yield sniffer.write(chunk);
    }
    const rest = sniffer.end();
    if (rest) yield rest;
  }

  const input = Readable.from(text(), { objectMode: false });
  const parser = parse({ delimiter: delimiter ?? ',', relax_column_count: true, skip_empty_lines: true, info: true, bom: false });
  // pipe() does not pass errors on: a failing upload (too large, cut connection) must end the parse.
  let inputError: unknown = null;
  input.on('error', (e) => {
    inputError = e;
    parser.destroy(e);
  });
  input.pipe(parser);
  let records = 0;
  let error: CsvReadResult['error'] = null;
  // Flowing mode: each record is handed over as soon as it is parsed, so that the records before a
  // broken line are kept (an async iterator would drop what it buffered when the error comes).
  try {
    await new Promise<void>((resolve, reject) => {
      parser.on('data', ({ record, info }: { record: string[]; info: { lines: number } }) => {
        records++;
        try {
          onRecord(record, info.lines);
        } catch (e) {
          parser.destroy(e as Error);
        }
      });
      parser.on('end', resolve);
      parser.on('error', reject);
      parser.on('close', () => resolve());
    });
  } catch (e) {
    if (inputError !== null) throw inputError;
    const err = e as { code?: string; message?: string; lines?: number };
    const truncated = err.code === 'CSV_QUOTE_NOT_CLOSED';
    error = {
      line: err.lines ?? null,
      message: truncated
        ? 'The file ends inside a quoted value: it looks cut short (truncated). The rows before that line were read.'
        : `The file could not be read as CSV from this line on: ${err.message ?? String(e)}`,
    };
    input.unpipe(parser);
    input.destroy();
  }
  return { encoding: sniffer.encoding, bytes, records, error };
}

/**
 * A row holding a NUL character (\u0000) as a problem of its line: PostgreSQL stores no NUL in
 * text, so such a row is left out by name instead of failing the whole preview with a 500.
 */
export function nulProblem(file: ImportFile, record: readonly string[], line: number): ImportProblem | null {
  const column = record.findIndex((c) => c.includes('\u0000'));
  if (column < 0) return null;
  return { file, line, key: null, name: null, field: null, message: `column ${column + 1} holds a NUL character (\\u0000), which Trellis cannot store; the row is left out` };
}
