import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertOnlyCodedFailures, mutatedSample } from '../../../test/fuzz.ts';
import { sharedData } from '../../../test/shared-data.ts';
import { splitMessages } from './batch.ts';
import { Hl7Rejection } from './errors.ts';
import { Hl7ParseError, headerOf, normalise, parseMessage } from './message.ts';
import { frame, takeFrames } from './mllp.ts';
import { readResults } from './obx.ts';
import { readPid, registrationIssues } from './pid.ts';
import { readVisit } from './pv1.ts';

const dir = sharedData('hl7v2', 'microsoft-fhir-converter-samples');
const samples = readdirSync(dir)
  .filter((f) => f.endsWith('.hl7'))
  .map((f) => readFileSync(`${dir}/${f}`, 'utf8'));

/** Everything the receiver does to a message before it touches the database. */
function readAll(text: string): void {
  for (const part of splitMessages(text)) {
    const msg = parseMessage(normalise(part));
    const header = headerOf(msg);
    const pid = msg.getSegment('PID');
    if (pid) registrationIssues(readPid(pid, 'CK'));
    readVisit(msg, 'CK', header.trigger);
    readResults(msg, '20260101120000');
  }
}

const coded = (e: unknown) => e instanceof Hl7ParseError || e instanceof Hl7Rejection;

describe('HL7 v2 parsing under random and mutated input (fast-check)', () => {
  it('has real samples to mutate', () => {
    expect(samples.length).toBeGreaterThan(20);
  });

  it('never crashes: every mutated sample is read or refused with a coded error', {
    timeout: 300_000,
  }, () => {
    const seen = assertOnlyCodedFailures(mutatedSample(samples), readAll, coded);
    // Not vacuous: some mutations still parse, some are refused.
    expect(seen.accepted).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });

  it('MLLP framing returns every byte as a frame or the rest, whatever arrives', { timeout: 300_000 }, () => {
    const seen = assertOnlyCodedFailures(
      mutatedSample(samples.map((s) => frame(s).toString('latin1'))),
      (text) => {
        const { frames, rest } = takeFrames(Buffer.from(text, 'latin1'));
        if (frames.reduce((n, f) => n + f.length, 0) + rest.length > text.length)
          throw new Error('bytes invented');
      },
      () => false,
    );
    expect(seen.accepted).toBeGreaterThan(0);
  });
});
