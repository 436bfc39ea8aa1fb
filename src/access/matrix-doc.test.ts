import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matrixMarkdown } from './matrix-doc.ts';

describe('docs/access.md', () => {
  it('shows the role → permission matrix exactly as the code defines it', () => {
    expect(readFileSync('docs/access.md', 'utf8')).toContain(matrixMarkdown());
  });
});
