import { AppError } from '../../kernel/errors.ts';
import { parseCsv } from '../csv.ts';
import { isTaxonomy, isValidNpi } from '../scrubber/npi.ts';

/** A provider as loaded from a CSV (kind, username, name, npi, taxonomy, tax_id, line1, city, state, postal_code, phone). */
export interface ProviderRow {
  line: number;
  kind: 'billing' | 'rendering';
  /** The rendering clinician's user name (the billing organisation has none). */
  username: string | null;
  name: string;
  npi: string;
  taxonomy: string | null;
  taxId: string | null;
  address: { line1: string; city: string; state: string; postalCode: string; phone?: string } | null;
}

/**
 * Reads a providers CSV; every row is checked first and one bad row rejects the file with its line. The
 * NPI must pass its check digit here already, so a typo never reaches a claim.
 */
export function readProviderFile(text: string): ProviderRow[] {
  const { header, rows } = parseCsv(text);
  for (const h of ['kind', 'name', 'npi'])
    if (!header.includes(h))
      throw new AppError('PROVIDER_FILE_HEADER', `The provider file's header lacks ${h}.`, 400);
  const col = (cells: string[], name: string) => (cells[header.indexOf(name)] ?? '').trim();
  const out = rows.map(({ line, cells }) => {
    const bad = (field: string, message: string) =>
      new AppError('PROVIDER_FILE_INVALID', `Line ${line} (${field}): ${message}. Nothing was loaded.`, 400, {
        line,
        field,
      });
    const kind = col(cells, 'kind');
    if (kind !== 'billing' && kind !== 'rendering') throw bad('kind', 'billing or rendering');
    const line1 = col(cells, 'line1');
    const r: ProviderRow = {
      line,
      kind,
      username: col(cells, 'username') || null,
      name: col(cells, 'name'),
      npi: col(cells, 'npi'),
      taxonomy: col(cells, 'taxonomy').toUpperCase() || null,
      taxId: col(cells, 'tax_id').replace(/-/g, '') || null,
      address: line1
        ? {
            line1,
            city: col(cells, 'city'),
            state: col(cells, 'state').toUpperCase(),
            postalCode: col(cells, 'postal_code'),
            ...(col(cells, 'phone') ? { phone: col(cells, 'phone').replace(/\D/g, '') } : {}),
          }
        : null,
    };
    if (!r.name) throw bad('name', 'the provider needs a name');
    if (!isValidNpi(r.npi)) throw bad('npi', 'not a valid NPI (10 digits with a Luhn check digit)');
    if (r.taxonomy && !isTaxonomy(r.taxonomy))
      throw bad('taxonomy', 'a taxonomy code is 10 characters ending in X');
    if (r.taxId && !/^\d{9}$/.test(r.taxId)) throw bad('tax_id', 'a tax id (EIN) has 9 digits');
    if (kind === 'rendering' && !r.username)
      throw bad('username', "a rendering provider names the clinician's user");
    if (
      r.address &&
      (!r.address.city ||
        !/^[A-Z]{2}$/.test(r.address.state) ||
        !/^\d{5}(\d{4})?$/.test(r.address.postalCode))
    )
      throw bad('address', 'an address has a city, a 2-letter state and a 5 or 9 digit ZIP');
    return r;
  });
  if (out.filter((r) => r.kind === 'billing').length > 1)
    throw new AppError(
      'PROVIDER_FILE_INVALID',
      'The file names more than one billing provider. Nothing was loaded.',
      400,
    );
  return out;
}
