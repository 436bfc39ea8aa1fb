import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitMessages } from './batch.ts';
import { frame, takeFrames } from './mllp.ts';

describe('MLLP framing', () => {
  it('takes complete frames and keeps a partial one for the next read', () => {
    const bytes = Buffer.concat([Buffer.from('noise'), frame('A'), frame('BB'), frame('CCC').subarray(0, 3)]);
    const { frames, rest } = takeFrames(bytes);
    expect(frames.map((f) => f.toString())).toEqual(['A', 'BB']);
    expect(takeFrames(Buffer.concat([rest, frame('CCC').subarray(3)])).frames.map(String)).toEqual(['CCC']);
  });

  it('recovers any sequence of messages however the bytes are cut', () => {
    const text = fc.string({ minLength: 1 }).filter((s) => !s.includes('\u000b') && !s.includes('\u001c'));
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 50 }),
        (msgs, cut) => {
          const all = Buffer.concat(msgs.map(frame));
          let rest: Buffer = Buffer.alloc(0);
          const got: string[] = [];
          for (let i = 0; i < all.length; i += cut) {
            const r = takeFrames(Buffer.concat([rest, all.subarray(i, i + cut)]));
            got.push(...r.frames.map((f) => f.toString('utf8')));
            rest = r.rest;
          }
          expect(got).toEqual(msgs.map((m) => Buffer.from(m, 'utf8').toString('utf8')));
        },
      ),
    );
  });
});

describe('message files', () => {
  it('splits a batch file at each MSH and drops batch envelopes', () => {
    const file = '\uFEFFFHS|^~\\&\nBHS|^~\\&\nMSH|^~\\&|A|1\nPID|1\r\nMSH|^~\\&|A|2\rPID|2\nBTS|2\nFTS|1\n';
    expect(splitMessages(file)).toEqual(['MSH|^~\\&|A|1\rPID|1', 'MSH|^~\\&|A|2\rPID|2']);
  });
});
