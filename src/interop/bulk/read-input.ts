import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { FhirIssue } from '../fhir/inbound/index.ts';

/** Limits that keep one input from exhausting the server (issue 8, bad input: oversize bundles). */
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;
export const MAX_BUNDLE_ENTRIES = 50_000;

export interface InputFile {
  path: string;
  /** The name reports show (never a full path from the server's disk). */
  name: string;
}

/** One resource position in a file: NDJSON line number or Bundle entry number (1-based). */
export interface UnitEntry {
  position: number;
  location: string;
  resource?: unknown;
  fullUrl?: string;
  issue?: FhirIssue;
}

/** A piece of work: a transaction Bundle (all-or-nothing) or a chunk of a batch, collection or NDJSON file. */
export interface Unit {
  atomic: boolean;
  entries: UnitEntry[];
  /** fullUrl → `Type/id` for resolving references inside a Bundle. */
  fullUrls: Map<string, string>;
  /** Entries of the file done once this unit commits (the resume point). */
  end: number;
  /** A problem with the whole file (malformed JSON, oversize, not a Bundle or NDJSON). */
  fileIssue?: FhirIssue;
}

const isGzip = async (path: string): Promise<boolean> => {
  const fh = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await fh.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await fh.close();
  }
};

/** NDJSON by name (`.ndjson`, `.ndjson.gz`); everything else is read as one JSON document. */
export const isNdjson = (name: string): boolean => /\.ndjson(\.gz)?$/i.test(name);

const fileIssue = (message: string, code: FhirIssue['code'] = 'structure'): Unit => ({
  atomic: false,
  entries: [],
  fullUrls: new Map(),
  end: 0,
  fileIssue: { expression: 'file', code, message },
});

/**
 * Reads a file as units, starting after `skip` entries (resuming). NDJSON streams line by line, so a
 * file of any size is read in constant memory; a truncated or malformed line is one bad entry.
 */
export async function* readUnits(file: InputFile, skip: number, chunk: number): AsyncGenerator<Unit> {
  if (isNdjson(file.name)) yield* readNdjson(file, skip, chunk);
  else yield* readJson(file, skip, chunk);
}

async function* readNdjson(file: InputFile, skip: number, chunk: number): AsyncGenerator<Unit> {
  // Look at the file before opening the stream: a missing file is one clear error, not an unhandled one.
  const gzip = await isGzip(file.path);
  const raw = createReadStream(file.path);
  const input = gzip ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  let entries: UnitEntry[] = [];
  try {
    for await (const line of lines) {
      n++;
      if (n <= skip || line.trim() === '') continue;
      entries.push(parseLine(line, n));
      if (entries.length >= chunk) {
        yield { atomic: false, entries, fullUrls: new Map(), end: n };
        entries = [];
      }
    }
  } catch (e) {
    // A damaged gzip stream: what was read is imported, the rest of the file is reported.
    entries.push({
      position: n + 1,
      location: `line ${n + 1}`,
      issue: {
        expression: 'file',
        code: 'structure',
        message: `unreadable from here on (${(e as Error).message})`,
      },
    });
  }
  if (entries.length) yield { atomic: false, entries, fullUrls: new Map(), end: n };
}

function parseLine(line: string, n: number): UnitEntry {
  try {
    return { position: n, location: `line ${n}`, resource: JSON.parse(line) };
  } catch (e) {
    return {
      position: n,
      location: `line ${n}`,
      issue: {
        expression: 'line',
        code: 'structure',
        message: `truncated or malformed JSON (${(e as Error).message})`,
      },
    };
  }
}

async function* readJson(file: InputFile, skip: number, chunk: number): AsyncGenerator<Unit> {
  let buf = await readFile(file.path);
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b)
    buf = gunzipSync(buf, { maxOutputLength: MAX_BUNDLE_BYTES + 1 });
  if (buf.length > MAX_BUNDLE_BYTES)
    return yield fileIssue(
      `larger than ${MAX_BUNDLE_BYTES / 1024 / 1024} MiB; split it or send NDJSON`,
      'too-long',
    );
  let doc: unknown;
  try {
    doc = JSON.parse(buf.toString('utf8'));
  } catch (e) {
    return yield fileIssue(`malformed JSON (${(e as Error).message})`);
  }
  const d = doc as Record<string, unknown>;
  if (d?.resourceType !== 'Bundle') {
    if (skip === 0)
      yield {
        atomic: false,
        entries: [{ position: 1, location: 'resource', resource: doc }],
        fullUrls: new Map(),
        end: 1,
      };
    return;
  }
  yield* bundleUnits(d, skip, chunk);
}

function* bundleUnits(bundle: Record<string, unknown>, skip: number, chunk: number): Generator<Unit> {
  const type = bundle.type;
  if (!['transaction', 'batch', 'collection', 'searchset', 'document'].includes(String(type)))
    return yield fileIssue(
      `Bundle.type '${String(type)}' cannot be imported (send transaction, batch, collection, searchset or document)`,
      'not-supported',
    );
  const raw = Array.isArray(bundle.entry) ? bundle.entry : [];
  if (raw.length > MAX_BUNDLE_ENTRIES)
    return yield fileIssue(
      `${raw.length} entries: more than ${MAX_BUNDLE_ENTRIES} in one Bundle; split it or send NDJSON`,
      'too-long',
    );
  const fullUrls = new Map<string, string>();
  const entries = raw.map((e, i) => bundleEntry(e, i + 1, fullUrls));
  if (type === 'transaction') {
    if (skip === 0) yield { atomic: true, entries, fullUrls, end: entries.length };
    return;
  }
  for (let i = skip; i < entries.length; i += chunk)
    yield {
      atomic: false,
      entries: entries.slice(i, i + chunk),
      fullUrls,
      end: Math.min(i + chunk, entries.length),
    };
}

function bundleEntry(e: unknown, n: number, fullUrls: Map<string, string>): UnitEntry {
  const location = `entry[${n - 1}]`;
  const entry = (e ?? {}) as Record<string, unknown>;
  const resource = entry.resource as Record<string, unknown> | undefined;
  const method = (entry.request as Record<string, unknown> | undefined)?.method;
  if (method === 'DELETE' || method === 'PATCH')
    return {
      position: n,
      location,
      issue: {
        expression: `Bundle.${location}.request.method`,
        code: 'not-supported',
        message: `${method} is not applied by import`,
      },
    };
  if (!resource || typeof resource !== 'object')
    return {
      position: n,
      location,
      issue: {
        expression: `Bundle.${location}.resource`,
        code: 'required',
        message: 'the entry has no resource',
      },
    };
  const fullUrl = typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined;
  if (fullUrl && typeof resource.resourceType === 'string')
    fullUrls.set(
      fullUrl,
      `${resource.resourceType}/${typeof resource.id === 'string' ? resource.id : fullUrl}`,
    );
  return { position: n, location, resource, ...(fullUrl ? { fullUrl } : {}) };
}

/** How many entries a file holds (for the progress bar's total); unreadable files count as zero. */
export async function countEntries(file: InputFile): Promise<number> {
  try {
    if (isNdjson(file.name)) {
      let n = 0;
      for await (const u of readNdjson(file, 0, 10_000)) n += u.entries.length;
      return n;
    }
    let buf = await readFile(file.path);
    if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
    const d = JSON.parse(buf.toString('utf8')) as Record<string, unknown>;
    return d.resourceType === 'Bundle' && Array.isArray(d.entry) ? d.entry.length : 1;
  } catch {
    return 0;
  }
}
