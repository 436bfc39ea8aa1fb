import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The shared reference data (../shared/data beside the checkout; CI lays a copy there). Falls back to
 * /work/shared/data for worktrees kept elsewhere. Tests read these files by path and never copy them.
 * @example sharedData('x12', 'pyx12', '837.txt')
 */
export function sharedData(...parts: string[]): string {
  const beside = path.resolve(process.cwd(), '../shared/data');
  const root = existsSync(beside) ? beside : '/work/shared/data';
  return path.join(root, ...parts);
}
