import type { AccessTables } from './access/access.tables.ts';
import type { BillingTables } from './billing/billing.tables.ts';
import type { DenialTables } from './billing/denials/denials.tables.ts';
import type { EligibilityTables } from './billing/eligibility/eligibility.tables.ts';
import type { BillingHistoryTables } from './billing/history.tables.ts';
import type { PriorAuthTables } from './billing/priorauth/priorauth.tables.ts';
import type { RemitTables } from './billing/remit/remit.tables.ts';
import type { CentralTables } from './central/central.tables.ts';
import type { ChartTables } from './chart/chart.tables.ts';
import type { CodingTables } from './coding/coding.tables.ts';
import type { CompletenessTables } from './completeness/completeness.tables.ts';
import type { DisclosureTables } from './disclosure/disclosure.tables.ts';
import type { InteropTables } from './interop/bulk/bulk.tables.ts';
import type { Hl7v2Tables } from './interop/hl7v2/hl7v2.tables.ts';
import type { PatientsTables } from './patients/patients.tables.ts';
import type { PrivacyTables } from './privacy/privacy.tables.ts';
import type { RegistryTables } from './registry/registry.tables.ts';

/**
 * The whole Database type: every domain's table types, added to the kernel's `Database` (module
 * augmentation), so that src/kernel/db.ts imports no domain. Each domain exports its own `*Tables`
 * interface from `<domain>.tables.ts` and adds it here: one visible list, like the domains in app.ts.
 */
declare module './kernel/db.ts' {
  interface Database
    extends AccessTables,
      PatientsTables,
      ChartTables,
      CodingTables,
      DisclosureTables,
      CompletenessTables,
      Hl7v2Tables,
      InteropTables,
      RegistryTables,
      BillingTables,
      BillingHistoryTables,
      RemitTables,
      DenialTables,
      PriorAuthTables,
      EligibilityTables,
      CentralTables,
      PrivacyTables {}
}

export type { Database } from './kernel/db.ts';
