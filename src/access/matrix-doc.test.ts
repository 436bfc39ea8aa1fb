import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES, type Role } from './permissions.ts';

/** The role → permission matrix as a Markdown table, as docs/access.md shows it. */
function matrixMarkdown(): string {
  const roles = Object.keys(ROLES) as Role[];
  const head = `| permission | meaning | ${roles.map((r) => ROLES[r]).join(' | ')} |`;
  const rule = `|---|---|${roles.map(() => ':-:').join('|')}|`;
  const rows = Object.entries(PERMISSIONS).map(
    ([p, d]) =>
      `| \`${p}\` | ${d} | ${roles.map((r) => ((ROLE_PERMISSIONS[r] as string[]).includes(p) ? '✓' : '')).join(' | ')} |`,
  );
  return [head, rule, ...rows].join('\n');
}

describe('docs/access.md', () => {
  it('shows the role → permission matrix exactly as the code defines it', () => {
    expect(readFileSync('docs/access.md', 'utf8')).toContain(matrixMarkdown());
  });
});
