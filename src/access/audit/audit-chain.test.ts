import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChainedEvent, ChainVerifier, canonicalJson, hashEvent } from './audit-chain.ts';

function event(i: number, prev: string | null): ChainedEvent & { seq: number; hash: string } {
  const e: ChainedEvent = {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    occurred_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
    actor_user_id: null,
    actor_username: 'cli:test',
    actor_roles: [],
    facility_id: null,
    action: 'patient.read',
    outcome: 'success',
    patient_ids: [],
    resource_type: null,
    resource_id: null,
    purpose_of_use: null,
    break_glass: false,
    source_ip: null,
    user_agent: null,
    request_id: `r${i}`,
    channel: 'cli',
    details: { i },
    prev_hash: prev,
  };
  return { ...e, seq: i, hash: hashEvent(e) };
}

function chain(n: number) {
  const out = [];
  let prev: string | null = null;
  for (let i = 1; i <= n; i++) {
    const e = event(i, prev);
    out.push(e);
    prev = e.hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('canonical JSON ignores key order at every depth', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean())), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson({ a: obj })).toBe(canonicalJson({ a: reversed }));
      }),
    );
  });

  it('accepts an intact chain and names the first altered, removed or reordered event', () => {
    const good = chain(6);
    const v = new ChainVerifier();
    for (const e of good) expect(v.check(e)).toBeUndefined();
    expect(v.count).toBe(6);

    const altered = chain(6).map((e) => (e.seq === 3 ? { ...e, action: 'patient.update' } : e));
    const va = new ChainVerifier();
    expect(altered.map((e) => va.check(e)).find(Boolean)).toMatchObject({ kind: 'altered', seq: 3 });

    const removed = chain(6).filter((e) => e.seq !== 4);
    const vr = new ChainVerifier();
    expect(removed.map((e) => vr.check(e)).find(Boolean)).toMatchObject({ kind: 'broken-link', seq: 5 });

    const c = chain(6);
    const reordered = [c[0]!, c[2]!, c[1]!, ...c.slice(3)];
    const vo = new ChainVerifier();
    expect(reordered.map((e) => vo.check(e)).find(Boolean)).toMatchObject({ kind: 'broken-link', seq: 3 });
  });
});

describe('content hash fast path', () => {
  it('hashes exactly the canonical JSON of the whole event', async () => {
    const { createHash } = await import('node:crypto');
    const { canonicalContent, contentHash } = await import('./audit-chain.ts');
    fc.assert(
      fc.property(
        fc.record({
          actor_username: fc.option(fc.string()),
          patient_ids: fc.array(fc.uuid(), { maxLength: 4 }),
          details: fc.option(
            fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.array(fc.string()))),
          ),
          user_agent: fc.option(fc.string()),
        }),
        (r) => {
          const e = { ...event(1, null), ...r };
          expect(contentHash(e)).toBe(createHash('sha256').update(canonicalContent(e)).digest('hex'));
        },
      ),
    );
  });
});
