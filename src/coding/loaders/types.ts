/** One code as the loaders produce it: code without the dot, upper case. */
export interface CodeRecord {
  code: string;
  /** true = valid for HIPAA transactions (billable); false = header (category or subcategory). */
  billable: boolean;
  shortDescription: string;
  longDescription: string;
}

/** A rejected input line: its 1-based number and what is wrong with it. */
export interface LineError {
  line: number;
  message: string;
}

export interface ParseResult<T> {
  records: T[];
  errors: LineError[];
}

/** Splits text into lines, accepting CRLF (CMS files) and LF. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Remembers keys and the line each first appeared on, to reject duplicates with a useful message. */
export class DuplicateGuard {
  private readonly seen = new Map<string, number>();
  /** @returns an error message when `key` was seen before, otherwise undefined (and remembers it) */
  check(key: string, line: number): string | undefined {
    const first = this.seen.get(key);
    if (first !== undefined) return `duplicate code ${key} (first on line ${first})`;
    this.seen.set(key, line);
    return undefined;
  }
}
