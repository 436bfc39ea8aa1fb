import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { copyField, copyRow, readCopyRows } from './copy-text.ts';

describe('COPY text decoding', () => {
  it('reads \\N as NULL and resolves backslash escapes', () => {
    expect(copyField('\\N')).toBeNull();
    expect(copyField('')).toBe('');
    expect(copyField('a\\tb\\nc\\\\d')).toBe('a\tb\nc\\d');
    expect(copyField('\\101\\x42')).toBe('AB');
    expect(copyRow('x\t\\N\t\t1')).toEqual(['x', null, '', '1']);
  });

  it('cuts rows on newlines however the stream is chunked, multi-byte characters included', async () => {
    const text = 'a\tZoë\n\\N\tb\\nc\nlast\tx';
    const bytes = Buffer.from(text, 'utf8');
    // One byte per chunk splits the two-byte 'ë' across chunks.
    const stream = Readable.from([...bytes].map((b) => Buffer.from([b])));
    const rows: (string | null)[][] = [];
    const n = await readCopyRows(stream, (r) => rows.push(r));
    expect(n).toBe(3);
    expect(rows).toEqual([
      ['a', 'Zoë'],
      [null, 'b\nc'],
      ['last', 'x'],
    ]);
  });
});
