import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  EMPTY_ROOT,
  Frontier,
  inclusionProof,
  leafHash,
  nodeHash,
  type StoredNode,
  type SubtreeSource,
  splitPoint,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(`event ${i}`));

/** MTH straight from RFC 9162 2.1.1, for comparison. */
function mth(d: Buffer[]): Buffer {
  if (d.length === 0) return EMPTY_ROOT;
  if (d.length === 1) return d[0] as Buffer;
  const k = splitPoint(d.length);
  return nodeHash(mth(d.slice(0, k)), mth(d.slice(k)));
}
const source =
  (d: Buffer[]): SubtreeSource =>
  async (start, level) =>
    mth(d.slice(start, start + 2 ** level));

describe('RFC 9162 Merkle tree', () => {
  it('the frontier root equals MTH for every size, and stored nodes are the perfect subtrees', () => {
    const d = leaves(600);
    const f = new Frontier();
    const emitted: StoredNode[] = [];
    for (let i = 0; i < d.length; i++) {
      f.append(d[i] as Buffer, emitted);
      expect(f.root().equals(mth(d.slice(0, i + 1)))).toBe(true);
    }
    expect(emitted.map((e) => [e.level, e.index])).toEqual([
      [8, 0],
      [8, 1],
    ]);
    expect(emitted[1]?.hash.equals(mth(d.slice(256, 512)))).toBe(true);
    expect(new Frontier().root().equals(EMPTY_ROOT)).toBe(true);
  });

  it('inclusion proofs verify, and fail for another leaf or root', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 70 }), fc.nat(), async (n, r) => {
        const d = leaves(n);
        const m = r % n;
        const root = mth(d);
        const proof = await inclusionProof(source(d), m, 0, n);
        expect(verifyInclusion(m, n, d[m] as Buffer, proof, root)).toBe(true);
        expect(verifyInclusion(m, n, leafHash('other'), proof, root)).toBe(false);
      }),
    );
  });

  it('consistency proofs verify between every pair of sizes, and fail for a rewritten prefix', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 }), async (a, b) => {
        const [m, n] = a <= b ? [a, b] : [b, a];
        const d = leaves(n);
        const proof = await consistencyProof(source(d), m, n);
        expect(verifyConsistency(m, n, mth(d.slice(0, m)), mth(d), proof)).toBe(true);
        if (m < n) {
          const forged = [...d];
          forged[0] = leafHash('forged');
          expect(verifyConsistency(m, n, mth(d.slice(0, m)), mth(forged), proof)).toBe(false);
        }
      }),
    );
  });
});
