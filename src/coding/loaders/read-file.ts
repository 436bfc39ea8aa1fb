import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

/**
 * Reads a code-set file, plain or gzip (detected by the gzip magic bytes, not the name). CMS files are
 * ASCII or Windows-1252 (the HCPCS disclaimer has a 0x92 apostrophe); user files (CPT) are often UTF-8.
 * Valid UTF-8 is decoded as such, anything else as Windows-1252.
 * @returns the text and the SHA-256 of the decompressed bytes (to recognise a re-import)
 */
export async function readCodeFile(file: string): Promise<{ text: string; checksum: string }> {
  return decodeCodeFile(await readFile(file));
}

/** The same for bytes already in memory (an upload from the code-set administration page). */
export function decodeCodeFile(raw: Uint8Array): { text: string; checksum: string } {
  const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
  return {
    text: decode(bytes),
    checksum: createHash('sha256').update(bytes).digest('hex'),
  };
}

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
