// RFC 9162 (Certificate Transparency v2) Merkle tree: leaf hash = SHA-256(0x00 ‖ entry), interior node =
// SHA-256(0x01 ‖ left ‖ right), the root of n leaves splits at the largest power of two below n.
import { hash } from 'node:crypto';

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export const leafHash = (entry: string | Buffer): Buffer =>
  hash(
    'sha256',
    Buffer.concat([LEAF, Buffer.isBuffer(entry) ? entry : Buffer.from(entry, 'utf8')]),
    'buffer',
  );
export const nodeHash = (left: Buffer, right: Buffer): Buffer =>
  hash('sha256', Buffer.concat([NODE, left, right]), 'buffer');
/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = hash('sha256', Buffer.alloc(0), 'buffer');

/** Interior nodes at these levels (multiples of 8: subtrees of 256, 65 536, … leaves) are stored for proofs. */
export const STORED_LEVEL_STEP = 8;

export interface StoredNode {
  level: number;
  index: number;
  hash: Buffer;
}

/**
 * The right edge of the tree: the roots of the perfect subtrees that make up its size, one per set bit,
 * largest first. Appending a leaf merges equal-sized subtrees; the root folds them from the right.
 */
export class Frontier {
  size: number;
  hashes: Buffer[];
  constructor(size = 0, hashes: Buffer[] = []) {
    this.size = size;
    this.hashes = hashes;
  }

  /** Appends one leaf hash; returns the completed interior nodes at stored levels. */
  append(leaf: Buffer, emit?: StoredNode[]): void {
    let h = leaf;
    let level = 0;
    const n = this.size + 1;
    // Each trailing 1-bit of the old size is a subtree of the same size to merge with.
    while ((this.size >> level) & 1) {
      h = nodeHash(this.hashes.pop() as Buffer, h);
      level++;
      if (emit && level % STORED_LEVEL_STEP === 0) emit.push({ level, index: n / 2 ** level - 1, hash: h });
    }
    this.hashes.push(h);
    this.size = n;
  }

  root(): Buffer {
    if (this.hashes.length === 0) return EMPTY_ROOT;
    let r = this.hashes[this.hashes.length - 1] as Buffer;
    for (let i = this.hashes.length - 2; i >= 0; i--) r = nodeHash(this.hashes[i] as Buffer, r);
    return r;
  }
}

/** Largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Where proofs get hashes: a perfect aligned subtree [start, start + 2^level). */
export type SubtreeSource = (start: number, level: number) => Promise<Buffer>;

/** MTH(D[a:b]) from perfect aligned subtrees. */
export async function rangeHash(src: SubtreeSource, a: number, b: number): Promise<Buffer> {
  const n = b - a;
  if ((n & (n - 1)) === 0 && a % n === 0) return src(a, Math.log2(n));
  const k = splitPoint(n);
  return nodeHash(await rangeHash(src, a, a + k), await rangeHash(src, a + k, b));
}

/** RFC 9162 2.1.3.1 PATH(m, D[a:b]): the audit path of leaf m in the tree of leaves [a, b). */
export async function inclusionProof(src: SubtreeSource, m: number, a: number, b: number): Promise<Buffer[]> {
  const n = b - a;
  if (n <= 1) return [];
  const k = splitPoint(n);
  if (m < a + k) return [...(await inclusionProof(src, m, a, a + k)), await rangeHash(src, a + k, b)];
  return [...(await inclusionProof(src, m, a + k, b)), await rangeHash(src, a, a + k)];
}

/** RFC 9162 2.1.4.1 PROOF(m, D[n]). */
export async function consistencyProof(src: SubtreeSource, m: number, n: number): Promise<Buffer[]> {
  if (m <= 0 || m >= n) return [];
  const sub = async (m: number, a: number, b: number, whole: boolean): Promise<Buffer[]> => {
    const size = b - a;
    if (m === size) return whole ? [] : [await rangeHash(src, a, b)];
    const k = splitPoint(size);
    if (m <= k) return [...(await sub(m, a, a + k, whole)), await rangeHash(src, a + k, b)];
    return [...(await sub(m - k, a + k, b, false)), await rangeHash(src, a, a + k)];
  };
  return sub(m, 0, n, true);
}

/** RFC 9162 2.1.3.2: does `proof` lead from the leaf at `index` to `root` in a tree of `size`? */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Buffer,
  proof: Buffer[],
  root: Buffer,
): boolean {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 2.1.4.2: does `proof` show the tree of size `n` (root2) extends the one of size `m` (root1)? */
export function verifyConsistency(
  m: number,
  n: number,
  root1: Buffer,
  root2: Buffer,
  proof: Buffer[],
): boolean {
  if (m > n) return false;
  if (m === n) return proof.length === 0 && root1.equals(root2);
  if (m === 0) return proof.length === 0;
  let path = proof;
  if ((m & (m - 1)) === 0) path = [root1, ...proof];
  if (path.length === 0) return false;
  let fn = m - 1;
  let sn = n - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0] as Buffer;
  let sr = path[0] as Buffer;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(root1) && sr.equals(root2);
}
