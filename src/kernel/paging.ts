/**
 * Search shapes shared by the domains' criteria queries and their callers (the FHIR facade builds them
 * from search parameters; the owning domain writes the SQL, issue 12).
 */
export interface DateRange {
  /** Inclusive lower bound (ISO), if any. */
  from?: string;
  /** Exclusive upper bound (ISO), if any. */
  to?: string;
}

export interface PageArgs {
  limit: number;
  offset: number;
  sort?: { column: 'date' | 'updated'; desc: boolean };
}

/** A uuid no row has: `in ()` is not valid SQL, so an empty id list becomes a list of this one. */
export const NO_ID = '00000000-0000-0000-0000-000000000000';
