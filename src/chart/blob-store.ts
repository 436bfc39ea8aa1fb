import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, type ReadStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Content-addressed document store under the data directory (DESIGN: documents live in a blob store
 * addressed by SHA-256): `<dataDir>/blobs/ab/cd/<sha256>`. Identical files are stored once; a stored file
 * never changes, so its hash also proves its integrity (HIPAA 164.312(c)(2)).
 */
export const blobPath = (dataDir: string, sha256: string): string =>
  path.join(dataDir, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256);

export async function putBlob(dataDir: string, bytes: Buffer): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = blobPath(dataDir, sha256);
  if (existsSync(file)) return sha256;
  await mkdir(path.dirname(file), { recursive: true });
  // Write aside then rename, so a crash never leaves a half file under the final name.
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, bytes, { mode: 0o600 });
  await rename(tmp, file);
  return sha256;
}

export const openBlob = (dataDir: string, sha256: string): ReadStream =>
  createReadStream(blobPath(dataDir, sha256));

export const ACCEPTED_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AcceptedMediaType = (typeof ACCEPTED_MEDIA_TYPES)[number];

/**
 * The media type a file really is, from its leading magic bytes (PDF 1.7 §7.5.2 header "%PDF-",
 * PNG signature per RFC 2083 §3.1, JPEG SOI marker FF D8 FF); undefined for anything else.
 */
export function sniffMediaType(bytes: Buffer): AcceptedMediaType | undefined {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return undefined;
}
