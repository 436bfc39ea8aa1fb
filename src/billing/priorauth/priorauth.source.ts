import type { PriorAuthRequest, PriorAuthSource } from '../scrubber/prior-auth.ts';
import { approvedAuthsFor } from './priorauth.queries.ts';

/**
 * The tracker as the scrubber's authorization source: for each claim needing an authorization, the
 * approved (or partially approved) authorization of the same patient and payer that covers every code
 * needing one and the claim's whole service period, with units left. The one ending last wins.
 */
export const priorAuthTracker: PriorAuthSource = {
  name: 'prior-auth-tracker',
  async find(_ctx, trx, requests: PriorAuthRequest[]) {
    const out = new Map<string, string>();
    const auths = await approvedAuthsFor(
      trx,
      [...new Set(requests.map((r) => r.patientId))],
      [...new Set(requests.map((r) => r.payerRef))],
    );
    for (const r of requests) {
      const a = auths.find(
        (x) =>
          x.patient_id === r.patientId &&
          x.payer_ref === r.payerRef &&
          x.valid_from <= r.serviceFrom &&
          x.valid_to >= r.serviceTo &&
          r.codes.every((c) => x.codes.includes(c.toUpperCase())),
      );
      if (a?.auth_number) out.set(r.claimId, a.auth_number);
    }
    return out;
  },
};
