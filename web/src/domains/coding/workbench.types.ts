import type { findingSchema } from '@server/coding/coding.schemas.ts';
import type {
  codingActionSchema,
  codingRecordSchema,
  codingScreenSchema,
  codingStatusSchema,
  diagnosisLineSchema,
  drugLineSchema,
  procedureLineSchema,
  queueItemSchema,
  queueQuerySchema,
} from '@server/coding/workbench/workbench.schemas.ts';
import type { z } from 'zod';

/**
 * Shapes of the encounter coding workbench API, from src/coding/workbench/workbench.schemas.ts
 * (docs/adr/0005, type-only imports). Lines are what the coder sends (`z.input`: defaults may be left out).
 */
export type CodingStatus = z.output<typeof codingStatusSchema>;
export type CodingAction = z.output<typeof codingActionSchema>;
export type DiagnosisLine = z.input<typeof diagnosisLineSchema>;
export type Poa = NonNullable<DiagnosisLine['poa']>;
export type ProcedureLine = z.output<typeof procedureLineSchema>;
export type DrugLine = z.output<typeof drugLineSchema>;
export type Finding = z.output<typeof findingSchema>;
export type CodingRecord = z.output<typeof codingRecordSchema>;
export type CodingScreen = z.output<typeof codingScreenSchema>;
export type QueueItem = z.output<typeof queueItemSchema>;

/** The queue's filter form: the status as the server names it, the other filters as typed. */
export type QueueFilter = { status: z.output<typeof queueQuerySchema>['status'] } & Partial<
  Record<'class' | 'type' | 'facility' | 'payer' | 'minAge' | 'maxAge', string>
>;
