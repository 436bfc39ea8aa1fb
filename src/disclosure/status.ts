import { AppError } from '../kernel/errors.ts';

/** The life of a request, from intake to release or denial (each step recorded with who and when). */
export const STATUSES = [
  'received',
  'verification',
  'authorization-check',
  'retrieval',
  'quality-review',
  'released',
  'denied',
  'cancelled',
] as const;
export type RequestStatus = (typeof STATUSES)[number];

const NEXT: Record<RequestStatus, RequestStatus[]> = {
  received: ['verification', 'denied', 'cancelled'],
  verification: ['authorization-check', 'denied', 'cancelled'],
  'authorization-check': ['retrieval', 'denied', 'cancelled'],
  retrieval: ['quality-review', 'released', 'authorization-check', 'denied', 'cancelled'],
  'quality-review': ['released', 'retrieval', 'authorization-check', 'denied', 'cancelled'],
  released: [],
  denied: [],
  cancelled: [],
};

export const isFinal = (s: RequestStatus) => NEXT[s].length === 0;

export function assertTransition(from: RequestStatus, to: RequestStatus): void {
  if (!NEXT[from].includes(to)) {
    throw new AppError('INVALID_STATUS_CHANGE', `A request that is ${from} cannot move to ${to}.`, 409, {
      from,
      to,
      allowed: NEXT[from],
    });
  }
}
