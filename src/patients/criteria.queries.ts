import { type ExpressionBuilder, sql } from 'kysely';
import type { Database } from '../database.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { type DateRange, NO_ID, type PageArgs } from '../kernel/paging.ts';

/**
 * Criteria searches over the patient index for the FHIR facade (Patient, Coverage and Provenance
 * searches): the patient domain writes the SQL over its tables; the caller checks access and audits
 * (issue 12). Ids and totals come back here; loading the records stays with the caller.
 */
export interface PatientCriteria {
  ids?: string[];
  /** Any identifier (MRN or external) equal to one of the values, optionally within a system. */
  identifiers?: { mrn: boolean; system?: string; value: string }[];
  name?: string[];
  family?: string[];
  given?: string[];
  birthDate?: DateRange;
  sex?: string[];
  phoneDigits?: string[];
  postalCode?: string[];
}

const prefix = (v: string) => `${v.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const day = (iso: string) => iso.slice(0, 10);

type PatientEb = ExpressionBuilder<Database, 'patient'>;

function identifierMatch(eb: PatientEb, i: NonNullable<PatientCriteria['identifiers']>[number]) {
  const external = eb.exists(
    eb
      .selectFrom('patient_identifier as pi')
      .select('pi.id')
      .whereRef('pi.patient_id', '=', 'patient.id')
      .where('pi.value', '=', i.value)
      .$if(i.system !== undefined, (q) => q.where('pi.system', '=', i.system as string)),
  );
  if (i.mrn) return eb('patient.mrn', '=', i.value);
  return i.system === undefined ? eb.or([eb('patient.mrn', '=', i.value), external]) : external;
}

/** Ids of patients matching every criterion (parameters AND, values of one parameter OR). */
export async function searchPatientIds(db: DbOrTx, c: PatientCriteria, page: PageArgs) {
  let q = db.selectFrom('patient');
  if (c.ids) q = q.where('patient.id', 'in', c.ids.length ? c.ids : [NO_ID]);
  if (c.identifiers) {
    const list = c.identifiers;
    q = q.where((eb) => eb.or(list.map((i) => identifierMatch(eb, i))));
  }
  for (const n of c.name ?? [])
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['patient.family_name']), 'like', prefix(n)),
        eb(eb.fn('lower', ['patient.given_name']), 'like', prefix(n)),
        eb(eb.fn('lower', ['patient.middle_name']), 'like', prefix(n)),
        eb.exists(
          eb
            .selectFrom('patient_other_name as o')
            .select('o.id')
            .whereRef('o.patient_id', '=', 'patient.id')
            .where(sql`lower(o.family_name)`, 'like', prefix(n)),
        ),
      ]),
    );
  for (const f of c.family ?? [])
    q = q.where((eb) => eb(eb.fn('lower', ['patient.family_name']), 'like', prefix(f)));
  for (const g of c.given ?? [])
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['patient.given_name']), 'like', prefix(g)),
        eb(eb.fn('lower', ['patient.middle_name']), 'like', prefix(g)),
      ]),
    );
  if (c.birthDate?.from) q = q.where('patient.birth_date', '>=', day(c.birthDate.from));
  if (c.birthDate?.to) q = q.where('patient.birth_date', '<', day(c.birthDate.to));
  if (c.sex)
    q = q.where('patient.sex_at_birth', 'in', c.sex.length ? (c.sex as ('F' | 'M' | 'U')[]) : ['X' as 'F']);
  if (c.phoneDigits)
    q = q.where((eb) =>
      eb.or(c.phoneDigits!.map((d) => eb(sql.val(d), '=', eb.fn.any('patient.phone_digits')))),
    );
  if (c.postalCode)
    q = q.where((eb) =>
      eb.or(c.postalCode!.map((p) => eb(eb.fn('lower', ['patient.postal_code']), 'like', prefix(p)))),
    );
  const column = page.sort?.column === 'date' ? 'patient.birth_date' : 'patient.updated_at';
  const [rows, count] = await Promise.all([
    q
      .select('patient.id')
      .orderBy(column, page.sort?.desc ? 'desc' : 'asc')
      .orderBy('patient.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { ids: rows.map((r) => r.id), total: Number(count.n) };
}

/** Active coverage rows of patients (Coverage search) or one by id. */
export async function coverageRows(db: DbOrTx, c: { patientIds?: string[]; id?: string }) {
  let q = db.selectFrom('patient_coverage').selectAll().where('status', '=', 'active');
  if (c.patientIds) q = q.where('patient_id', 'in', c.patientIds.length ? c.patientIds : [NO_ID]);
  if (c.id) q = q.where('id', '=', c.id);
  return q.orderBy('patient_id').orderBy('priority').execute();
}

export async function patientVersionRows(db: DbOrTx, patientId: string) {
  return db
    .selectFrom('patient_version')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('version', 'desc')
    .execute();
}
