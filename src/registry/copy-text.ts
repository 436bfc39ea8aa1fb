import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/**
 * Decodes PostgreSQL's COPY … TO STDOUT text format (PostgreSQL docs, COPY "Text Format"): one row per
 * line, columns separated by a tab, `\N` for NULL, and backslash escapes for backslash, tab, newline,
 * carriage return and the other control characters. A raw newline only ever ends a row (one inside a value
 * is sent as `\n`), so rows can be cut on newline bytes however the stream chunks them.
 */
const ESCAPES: Record<string, string> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** One COPY text field: `\N` is NULL; escapes resolved (octal `\ddd` and hex `\xhh` too). */
export function copyField(raw: string): string | null {
  if (raw === '\\N') return null;
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e[0] === 'x' && e.length > 1) return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(Number.parseInt(e, 8));
    return ESCAPES[e] ?? e;
  });
}

/** One COPY text line as its fields. */
export const copyRow = (line: string): (string | null)[] => line.split('\t').map(copyField);

/**
 * Calls `onRow` for every row of a COPY text stream.
 * @param stream - `client.query(copyTo('copy (…) to stdout'))`
 * @param onRow - the row's fields, NULL as null
 */
export async function readCopyRows(
  stream: Readable,
  onRow: (fields: (string | null)[]) => void,
): Promise<number> {
  // A chunk may end inside a multi-byte UTF-8 character: the decoder holds it for the next chunk.
  const utf8 = new StringDecoder('utf8');
  let rest = '';
  let n = 0;
  for await (const chunk of stream) {
    const text = rest + utf8.write(chunk as Buffer);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      onRow(copyRow(text.slice(start, nl)));
      n++;
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  rest += utf8.end();
  if (rest) {
    onRow(copyRow(rest));
    n++;
  }
  return n;
}
