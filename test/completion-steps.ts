import type { TestApp } from './app.ts';
import type { TestUser } from './auth.ts';

/**
 * Shared steps of the completion integration tests: record synthetic encounters and notes through the
 * chart API, as a clinician would.
 */
export function chartSteps(t: TestApp) {
  const send = async (user: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });
  return {
    send,
    async encounter(
      user: TestUser,
      patientId: string,
      providerId: string,
      over: object = {},
    ): Promise<string> {
      const res = await send(user, 'POST', `/api/patients/${patientId}/encounters`, {
        class: 'appointment',
        type: 'follow-up',
        startsAt: '2026-03-01T09:30:00Z',
        providerId,
        location: 'Clinic B',
        reason: 'review',
        ...over,
      });
      if (res.statusCode !== 201) throw new Error(`encounter: ${res.body}`);
      return res.json().id;
    },
    async note(
      user: TestUser,
      patientId: string,
      encounterId: string,
      noteType = 'progress_note',
    ): Promise<string> {
      const res = await send(user, 'POST', `/api/patients/${patientId}/notes`, {
        kind: 'note',
        encounterId,
        data: { noteType, title: 'Synthetic note', text: 'Synthetic text for testing.', status: 'draft' },
      });
      if (res.statusCode !== 201) throw new Error(`note: ${res.body}`);
      return res.json().id;
    },
  };
}
