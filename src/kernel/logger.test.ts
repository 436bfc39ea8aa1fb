import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions, pathOnly } from './logger.ts';

function capture(): { lines: string[]; log: pino.Logger } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, log: pino(loggerOptions('info'), stream) };
}

describe('logger redaction', () => {
  it('censors credentials and patient fields wherever they appear', () => {
    const { lines, log } = capture();
    log.info(
      { password: 'hunter2hunter2', patient: { ssn: '123-45-6789', family: 'Doe' }, req: { headers: {} } },
      'x',
    );
    const text = lines.join('');
    expect(text).not.toMatch(/hunter2|123-45-6789|Doe/);
    expect(text).toMatch(/\[redacted\]/);
  });

  it('drops query strings from logged URLs', () => {
    expect(pathOnly('/api/patients?family=Doe&birthDate=1970-01-01')).toBe('/api/patients');
    const { lines, log } = capture();
    log.info({ req: { method: 'GET', url: '/api/patients?family=Doe', id: 'r1' } }, 'incoming');
    expect(lines.join('')).not.toMatch(/Doe/);
  });
});
