/**
 * FHIR references as the importer meets them (http://hl7.org/fhir/R4/references.html): `urn:uuid:` full
 * URLs inside a Bundle, relative `Type/id`, and absolute `http(s)://…/Type/id[/_history/n]`.
 */
export interface SourceRef {
  /** Resource type when the reference says it (a bare `urn:uuid:` does not). */
  type?: string;
  id: string;
}

const RELATIVE =
  /^(?:https?:\/\/.+\/)?([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]+)?$/;

/**
 * Resolves a reference to the source type and id it points at.
 * @param fullUrls - the Bundle's fullUrl → `Type/id` map (empty for NDJSON)
 * @returns undefined for forms the importer cannot follow (contained `#id`, conditional `Type?search`)
 */
export function parseReference(ref: string, fullUrls: Map<string, string>): SourceRef | undefined {
  const inBundle = fullUrls.get(ref);
  if (inBundle) return parseReference(inBundle, new Map());
  if (ref.startsWith('urn:uuid:')) return { id: ref.slice('urn:uuid:'.length) };
  const m = RELATIVE.exec(ref);
  return m ? { type: m[1]!, id: m[2]! } : undefined;
}

/** The id a resource is known by at its source: its id, else its Bundle fullUrl. */
export function sourceIdOf(
  resource: Record<string, unknown>,
  fullUrl: string | undefined,
): string | undefined {
  if (typeof resource.id === 'string' && resource.id) return resource.id;
  if (fullUrl?.startsWith('urn:uuid:')) return fullUrl.slice('urn:uuid:'.length);
  return fullUrl;
}
