/** A code with its flag and titles, as compared between two versions. */
export interface DiffCode {
  code: string;
  billable: boolean;
  short_description: string;
  long_description: string;
}

export interface DiffEntry {
  code: string;
  billable: boolean;
  description: string;
  previousDescription?: string;
}

export interface VersionDiff {
  added: DiffEntry[];
  deleted: DiffEntry[];
  revised: DiffEntry[];
  counts: {
    codes: { added: number; deleted: number; revised: number };
    headers: { added: number; deleted: number; revised: number };
  };
}

/**
 * Compares two versions the way the CMS addenda do: an entry is the pair (code, header flag), so a code
 * that becomes a header (FY2026 B88.0) is one deletion of a code and one addition of a header; a
 * revision is the same pair with a changed short or long title.
 */
export function diffCodeSets(from: DiffCode[], to: DiffCode[]): VersionDiff {
  const key = (c: DiffCode) => `${c.code}|${c.billable ? 1 : 0}`;
  const before = new Map(from.map((c) => [key(c), c]));
  const after = new Map(to.map((c) => [key(c), c]));
  const entry = (c: DiffCode, prev?: DiffCode): DiffEntry => ({
    code: c.code,
    billable: c.billable,
    description: c.long_description,
    ...(prev ? { previousDescription: prev.long_description } : {}),
  });
  const added = to.filter((c) => !before.has(key(c))).map((c) => entry(c));
  const deleted = from.filter((c) => !after.has(key(c))).map((c) => entry(c));
  const revised = to
    .filter((c) => {
      const p = before.get(key(c));
      return p && (p.long_description !== c.long_description || p.short_description !== c.short_description);
    })
    .map((c) => entry(c, before.get(key(c))));
  const count = (list: DiffEntry[], billable: boolean) => list.filter((e) => e.billable === billable).length;
  const tally = (billable: boolean) => ({
    added: count(added, billable),
    deleted: count(deleted, billable),
    revised: count(revised, billable),
  });
  const byCode = (a: DiffEntry, b: DiffEntry) => a.code.localeCompare(b.code);
  return {
    added: added.sort(byCode),
    deleted: deleted.sort(byCode),
    revised: revised.sort(byCode),
    counts: { codes: tally(true), headers: tally(false) },
  };
}
