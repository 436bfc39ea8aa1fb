import { describe, expect, it } from 'vitest';
import { collectHooks, type MergeHandler } from './hooks.ts';

const handler = (name: string): MergeHandler => ({
  name,
  move: async () => [],
  restore: async () => undefined,
});

describe('collectHooks', () => {
  it('keeps merge handlers in domain-list order and takes the one coded check', async () => {
    const coded = async () => new Set(['e1']);
    const hooks = collectHooks([
      { name: 'a', mergeHandlers: [handler('a1'), handler('a2')] },
      { name: 'b', mergeHandlers: [handler('b1')], chartStatusChecks: { coded } },
    ]);
    expect(hooks.mergeHandlers.map((h) => h.name)).toEqual(['a1', 'a2', 'b1']);
    expect(await hooks.chartStatus.coded({} as never, ['e1'])).toEqual(new Set(['e1']));
  });

  it('answers "nothing coded" when no domain declares the check', async () => {
    expect(await collectHooks([{ name: 'a' }]).chartStatus.coded({} as never, ['e1'])).toEqual(new Set());
  });

  it('refuses a merge handler declared twice, and two coded checks', () => {
    expect(() =>
      collectHooks([
        { name: 'a', mergeHandlers: [handler('x')] },
        { name: 'b', mergeHandlers: [handler('x')] },
      ]),
    ).toThrow(/declared twice/);
    const coded = async () => new Set<string>();
    expect(() =>
      collectHooks([
        { name: 'a', chartStatusChecks: { coded } },
        { name: 'b', chartStatusChecks: { coded } },
      ]),
    ).toThrow(/Two domains/);
  });
});
