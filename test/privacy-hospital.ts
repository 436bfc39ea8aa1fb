import { type Kysely, sql } from 'kysely';
import type { Database } from '../src/kernel/db.ts';
import type { RuleCode } from '../src/privacy/rules.ts';

/**
 * A synthetic hospital for privacy monitoring (issue 23), generated in SQL (generate_series) so a million
 * audit events a day take seconds: users in the 8 working roles, patients, clinicians' panels (care
 * relationships), encounters, staff records (employee-restricted), VIPs, the deceased, and `days` days of
 * ordinary work in the audit trail. The last day also carries planted snooping, `planted` cases per rule.
 * Used by bench/privacy-monitoring.bench.ts (full size) and src/privacy/planted.int.test.ts (small).
 *
 * Ordinary work is documented work, exercising every reason on record: clinicians open patients of their
 * own panel (a care relationship); physicians also see clinic patients (their encounter, which grants a care relationship; 1 chart in 5);
 * registration clerks register or update patients (a write, then reads; 3 in 10); back-office roles open
 * patients with an encounter in the last 25 days (their work queues). About one user in seven is off on
 * a given day; daily counts vary ±25% around each user's own rate (±30% around the role's).
 */
export interface HospitalSpec {
  users: number;
  patients: number;
  days: number;
  /** Audit events per day, roughly (reads per opened chart are set to reach it). */
  eventsPerDay: number;
  /** Planted cases per rule on the last day. */
  planted: number;
  /** The first day, YYYY-MM-DD (UTC). */
  firstDay: string;
  seed?: number;
}

/** One planted case: the alert the scan must raise on the last day (patient null: the volume rule). */
export interface PlantedCase {
  rule: RuleCode;
  userId: string;
  patientId: string | null;
}

export interface Hospital {
  days: string[];
  planted: PlantedCase[];
  /** Users who did planted snooping (their alerts are not counted as false). */
  plantedUsers: Set<string>;
  events: number;
}

/** The 8 working roles: share of the workforce and mean charts opened per working day. */
const ROLES: [role: string, share: number, charts: number][] = [
  ['physician', 0.15, 30],
  ['nurse', 0.4, 25],
  ['registration_clerk', 0.08, 45],
  ['him_clerk', 0.09, 60],
  ['coder', 0.1, 50],
  ['biller', 0.08, 55],
  ['roi_specialist', 0.05, 20],
  ['cancer_registrar', 0.05, 15],
];
const PANEL = 120;
const SYLLABLES = ['Ash', 'Bel', 'Cor', 'Dun', 'Eld', 'Far', 'Gil', 'Hart', 'Ives', 'Kem'];
const ENDINGS = ['well', 'ton', 'ford', 'by', 'more', 'ley', 'wick', 'stone', 'field', 'ham'];

const addDays = (day: string, n: number) =>
  new Date(new Date(`${day}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Generates the hospital into an empty (migrated) database, on one connection so `setseed` makes the
 * random choices repeatable.
 */
export async function generateHospital(db: Kysely<Database>, spec: HospitalSpec): Promise<Hospital> {
  const days = Array.from({ length: spec.days }, (_, i) => addDays(spec.firstDay, i));
  return db.connection().execute(async (c) => {
    await sql`select setseed(${spec.seed ?? 0.23})`.execute(c);
    await seedPeople(c, spec);
    const perDay = await sql<{ n: number }>`
      select coalesce(sum(rate), 0)::float8 * 6 / 7 as n from ph_user`.execute(c);
    const touches = Number(perDay.rows[0]?.n ?? 1);
    const reads = Math.max(1, Math.round(spec.eventsPerDay / touches));
    let events = 0;
    for (const [i, day] of days.entries()) events += await ordinaryDay(c, day, i, reads, spec.patients);
    const planted = await plant(c, spec, days.at(-1) as string);
    await sql`analyze`.execute(c);
    return {
      days,
      planted,
      plantedUsers: new Set(planted.map((p) => p.userId)),
      events: events + planted.length,
    };
  });
}

/** Users, patients, panels, encounters, staff records and labels, and the bench's lookup tables. */
async function seedPeople(c: Kysely<Database>, spec: HospitalSpec): Promise<void> {
  const roles: { n: number; role: string; rate: number }[] = [];
  let n = 0;
  for (const [role, share, charts] of ROLES) {
    const count = Math.max(1, Math.round(share * spec.users));
    for (let k = 0; k < count; k++) roles.push({ n: n++, role, rate: charts });
  }
  const N = spec.patients;
  const first = spec.firstDay;
  await sql`create temp table ph_user as
    select x.n, gen_random_uuid() as id, x.role, 'ph-' || x.role || '-' || x.n as username,
      greatest(3, round(x.rate * (0.7 + 0.6 * random())))::int as rate,
      x.role in ('physician', 'nurse') as clinical,
      (row_number() over (partition by x.role in ('physician', 'nurse') order by x.n) - 1)::int as k
    from jsonb_to_recordset(${JSON.stringify(roles)}::jsonb) as x(n int, role text, rate int)`.execute(c);
  await sql`insert into access_user (id, username, full_name, created_at, updated_at)
    select id, username, 'Synthetic ' || initcap(replace(role, '_', ' ')) || ' ' || n, now(), now()
    from ph_user`.execute(c);
  await sql`insert into access_user_role (user_id, role) select id, role from ph_user`.execute(c);
  // Patients: unique addresses; surnames from 100 syllable pairs. Ranges of n, by design:
  // [0, 0.66N) clinicians' panels · [0, 0.9N) encounters · [0.8N, +staff) staff records ·
  // [0.9N, 0.91N) deceased · [0.91N, N) nobody's work (the planted "no reason" reads).
  await sql`insert into patient (mrn, family_name, given_name, middle_name, suffix, birth_date,
      sex_at_birth, merged_into, created_at, updated_at, family_norm, given_norm, address_line,
      postal_code, date_of_death)
    select 'PH' || lpad(g::text, 8, '0'), f.name, 'Given' || (g % 997), null, null,
      date '1935-01-01' + (g * 7919) % 29000, case when g % 2 = 0 then 'F' else 'M' end, null, now(), now(),
      upper(f.name), 'GIVEN', g || ' Synthetic Way', lpad((10000 + g % 89000)::text, 5, '0'),
      case when g >= ${Math.floor(0.9 * N)} and g < ${Math.floor(0.91 * N)}
        then ${first}::date - 200 + g % 150 end
    from generate_series(0, ${N - 1}) g
    cross join lateral (select (${SYLLABLES}::text[])[g % 10 + 1] || lower((${ENDINGS}::text[])[(g / 10) % 10 + 1]) as name) f`.execute(
    c,
  );
  await sql`create temp table ph_patient as
    select substr(mrn, 3)::int as n, id from patient where mrn like 'PH%'`.execute(c);
  await sql`create unique index on ph_patient (n)`.execute(c);
  const panelSpan = Math.floor(0.66 * N);
  await sql`insert into access_care_relationship (user_id, patient_id, kind, valid_from, valid_until, source)
    select u.id, p.id, case when u.role = 'physician' then 'attending' else 'assigned' end,
      ${first}::date - 60, null, 'synthetic'
    from ph_user u cross join generate_series(0, ${PANEL - 1}) j
    join ph_patient p on p.n = (u.k * ${PANEL} + j) % ${panelSpan}
    where u.clinical`.execute(c);
  // Encounters over the 30 days before the first day and through the last, numbered in day order so a
  // day's window is a range of n.
  const encounters = Math.max(spec.days * 20, Math.floor(0.6 * N));
  const encDays = spec.days + 30;
  await sql`create temp table ph_enc as
    select row_number() over (order by d, g)::int as n, d, pn from (
      select g, (g % ${encDays}) - 30 as d, floor(random() * ${Math.floor(0.9 * N)})::int as pn
      from generate_series(0, ${encounters - 1}) g) x`.execute(c);
  await sql`create unique index on ph_enc (n)`.execute(c);
  await sql`create temp table ph_enc_day as select d, min(n) as lo, max(n) as hi from ph_enc group by d`.execute(
    c,
  );
  await sql`insert into chart_encounter (patient_id, class, status, data, provider_id, starts_at,
      created_by, created_at, updated_by, updated_at)
    select p.id, 'appointment', 'completed', '{}'::jsonb, d.id,
      ${first}::date + e.d + interval '9 hours', d.id, now(), d.id, now()
    from ph_enc e join ph_patient p on p.n = e.pn
    join (select id, (row_number() over (order by n) - 1)::int as i from ph_user where role = 'physician') d
      on d.i = e.n % (select count(*) from ph_user where role = 'physician')::int`.execute(c);
  // As src/chart/encounters.service.ts does: the encounter's provider gets an attending care relationship.
  await sql`insert into access_care_relationship (user_id, patient_id, kind, valid_from, valid_until, source)
    select provider_id, patient_id, 'attending', starts_at - interval '1 day', null, 'encounter:' || id
    from chart_encounter`.execute(c);
  // Staff records: one user in three is also a patient here (a self link, employee-restricted).
  await sql`create temp table ph_staff as
    select u.id as user_id, p.id as patient_id, u.n from ph_user u
    join ph_patient p on p.n = ${Math.floor(0.8 * N)} + u.n / 3 where u.n % 3 = 0`.execute(c);
  await sql`create index on ph_staff (user_id)`.execute(c);
  await sql`insert into access_user_patient_link (user_id, patient_id, kind, reason, linked_at, linked_by)
    select user_id, patient_id, 'self', 'Member of staff (synthetic)', ${first}::date - 60, 'synthetic'
    from ph_staff`.execute(c);
  await sql`insert into access_patient_label (patient_id, label, note, created_at, created_by)
    select patient_id, 'employee', 'synthetic', ${first}::date - 60, null::uuid from ph_staff
    union all
    select p.id, 'vip', 'synthetic', ${first}::date - 60, null::uuid from ph_patient p
    where p.n % 600 = 0 and p.n < ${panelSpan}`.execute(c);
}

/** One day of ordinary work: each user not off that day opens about `rate` charts, `reads` events each. */
async function ordinaryDay(
  c: Kysely<Database>,
  day: string,
  index: number,
  reads: number,
  N: number,
): Promise<number> {
  const panelSpan = Math.floor(0.66 * N);
  const regFrom = Math.floor(0.92 * N);
  // How each opened chart is chosen: a clinician's own panel; a physician's clinic patient (their
  // encounter, no care relationship); a clerk's registration (a write, then the reads); else the queue.
  const { numAffectedRows } = await sql`
    insert into audit_event (id, occurred_at, actor_user_id, actor_username, actor_roles, action, outcome,
      patient_ids, resource_type, channel)
    select gen_random_uuid(), t.at + (r.k * interval '45 seconds'), t.user_id, t.username, array[t.role],
      case when t.mode = 'register' and r.k = 1 then 'patient.update'
        else (array['patient.read', 'chart.read', 'chart.entry.read', 'chart.document.read'])[1 + (r.k % 4)]
        end,
      'success', array[p.id], 'Patient', 'api'
    from (
      select u.id as user_id, u.username, u.role, x.mode,
        case when x.mode = 'panel' then (u.k * ${PANEL} + floor(random() * ${PANEL})::int) % ${panelSpan}
          when x.mode = 'register' then ${regFrom} + floor(random() * ${N - regFrom})::int end as direct_n,
        case when x.mode = 'queue' then w.lo + floor(random() * (w.hi - w.lo + 1))::int
          when x.mode = 'clinic' then x.base + w.phys * floor(random() * ((w.hi - x.base) / w.phys + 1))::int
          end as enc_n,
        ${day}::date + interval '7 hours' + random() * interval '10 hours' as at,
        1 + floor(random() * (2 * ${reads} - 1))::int as reads
      from ph_user u
      cross join lateral generate_series(1, round(u.rate * (0.75 + 0.5 * random()))::int) j
      cross join (select min(lo) as lo, max(hi) as hi,
          (select count(*) from ph_user where role = 'physician')::int as phys
        from ph_enc_day where d between ${index} - 25 and ${index}) w
      cross join lateral (select
          case when u.role = 'physician' and random() + 0 * j < 0.2 then 'clinic'
            when u.clinical then 'panel'
            when u.role = 'registration_clerk' and random() + 0 * j < 0.3 then 'register'
            else 'queue' end as mode,
          w.lo + ((u.k - w.lo) % w.phys + w.phys) % w.phys as base) x
      where (u.n + ${index}) % 7 <> 0) t
    left join ph_enc e on e.n = t.enc_n
    join ph_patient p on p.n = coalesce(t.direct_n, e.pn)
    cross join lateral generate_series(1, t.reads) r(k)
    -- Policy keeps staff off their own chart at work (opening it is rule 2's case, planted below).
    where not exists (select 1 from ph_staff s where s.user_id = t.user_id and s.patient_id = p.id)`.execute(
    c,
  );
  return Number(numAffectedRows ?? 0);
}

/** Reads on the last day that each rule must find (distinct users per case). */
async function plant(c: Kysely<Database>, spec: HospitalSpec, day: string): Promise<PlantedCase[]> {
  const N = spec.patients;
  const k = spec.planted;
  const out: PlantedCase[] = [];
  const used = new Set<string>();
  const pick = async (where: ReturnType<typeof sql>, count: number) => {
    const { rows } = await sql<{ id: string; n: number; k: number; rate: number }>`
      select id, n, k, rate from ph_user where ${where} order by n`.execute(c);
    const chosen = rows.filter((r) => !used.has(r.id)).slice(0, count);
    for (const r of chosen) used.add(r.id);
    return chosen;
  };
  const read = async (userId: string, patientId: string, opts: { breakGlass?: boolean; n?: number } = {}) => {
    await sql`insert into audit_event (id, occurred_at, actor_user_id, actor_username, actor_roles, action,
        outcome, patient_ids, resource_type, channel, break_glass)
      select gen_random_uuid(), ${day}::date + interval '20 hours' + g * interval '1 minute', u.id, u.username,
        array[u.role], 'chart.read', 'success', array[${patientId}::uuid], 'Patient', 'api', ${opts.breakGlass ?? false}
      from ph_user u cross join generate_series(1, ${opts.n ?? 3}) g where u.id = ${userId}`.execute(c);
  };
  const patient = async (n: number) =>
    (await sql<{ id: string }>`select id from ph_patient where n = ${n}`.execute(c)).rows[0]?.id as string;

  // Rule 1: a nurse breaks the glass on a VIP outside her panel.
  for (const [i, u] of (await pick(sql`role = 'nurse'`, k)).entries()) {
    const { rows } = await sql<{ id: string }>`select l.patient_id as id from access_patient_label l
      join ph_patient p on p.id = l.patient_id
      where l.label = 'vip' and not exists (select 1 from access_care_relationship r
        where r.user_id = ${u.id} and r.patient_id = l.patient_id)
      order by p.n offset ${i} limit 1`.execute(c);
    const vip = rows[0]?.id as string;
    await read(u.id, vip, { breakGlass: true });
    out.push({ rule: 'restricted_no_relationship', userId: u.id, patientId: vip });
  }
  // Rule 2: own record, a linked family member's, and one sharing the user's surname and address.
  const staff = await pick(sql`n % 3 = 0 and not clinical`, k);
  for (const [i, u] of staff.entries()) {
    const own = await patient(Math.floor(0.8 * N) + u.n / 3);
    let target = own;
    if (i % 3 === 1) {
      target = await patient(Math.floor(0.91 * N) + i);
      await sql`insert into access_user_patient_link (user_id, patient_id, kind, reason, linked_at, linked_by)
        values (${u.id}, ${target}, 'family', 'Spouse (synthetic)', ${day}::date - 90, 'synthetic')`.execute(
        c,
      );
    } else if (i % 3 === 2) {
      const { rows } = await sql<{
        id: string;
      }>`insert into patient (mrn, family_name, given_name, birth_date,
          sex_at_birth, created_at, updated_at, family_norm, given_norm, address_line, postal_code)
        select 'PX' || lpad(${i}::text, 8, '0'), family_name, 'Housemate', date '1990-01-01', 'U', now(), now(),
          family_norm, 'HOUSEMATE', address_line, postal_code from patient where id = ${own}
        returning id`.execute(c);
      target = rows[0]?.id as string;
    }
    await read(u.id, target);
    out.push({ rule: 'self_or_family', userId: u.id, patientId: target });
  }
  // Rule 3: a physician opens a colleague's record (no relationship, not their encounter).
  const colleagues = (
    await sql<{ patient_id: string }>`select patient_id from ph_staff order by n`.execute(c)
  ).rows;
  for (const [i, u] of (await pick(sql`role = 'physician'`, k)).entries()) {
    const { rows } = await sql<{ patient_id: string }>`select s.patient_id from ph_staff s
      where s.user_id <> ${u.id} and not exists (select 1 from chart_encounter e
        where e.patient_id = s.patient_id and e.provider_id = ${u.id})
      order by s.n offset ${i} limit 1`.execute(c);
    const target = rows[0]?.patient_id ?? (colleagues[i] as { patient_id: string }).patient_id;
    await read(u.id, target);
    out.push({ rule: 'coworker_record', userId: u.id, patientId: target });
  }
  // Rule 4: a coder opens four times their usual load on top of it (from the work queue: reasons on record).
  const lastIndex = spec.days - 1;
  for (const u of await pick(sql`role = 'coder' and (n + ${lastIndex}) % 7 <> 0`, k)) {
    await sql`insert into audit_event (id, occurred_at, actor_user_id, actor_username, actor_roles, action,
        outcome, patient_ids, resource_type, channel)
      select gen_random_uuid(), ${day}::date + interval '18 hours' + g * interval '5 seconds', u.id,
        u.username, array[u.role], 'chart.read', 'success', array[p.id], 'Patient', 'api'
      from ph_user u cross join generate_series(1, ${4} * u.rate) g
      cross join lateral (select pn from ph_enc e, (select min(lo) lo, max(hi) hi from ph_enc_day
        where d between ${lastIndex} - 25 and ${lastIndex}) w where e.n = w.lo + (g * 7919 + u.n) % (w.hi - w.lo + 1)) x
      join ph_patient p on p.n = x.pn
      where u.id = ${u.id}`.execute(c);
    out.push({ rule: 'volume', userId: u.id, patientId: null });
  }
  // Rule 5: a clinician opens a deceased patient's record; a biller one nobody has worked on.
  for (const [i, u] of (await pick(sql`role = 'physician'`, k)).entries()) {
    const target = await patient(Math.floor(0.9 * N) + i);
    await read(u.id, target);
    out.push({ rule: 'deceased', userId: u.id, patientId: target });
  }
  for (const [i, u] of (await pick(sql`role = 'biller'`, k)).entries()) {
    const target = await patient(Math.floor(0.95 * N) + i);
    await read(u.id, target);
    out.push({ rule: 'no_reason', userId: u.id, patientId: target });
  }
  return out;
}

/** Per rule: how many planted cases the last day's alerts found (an alert for the user and patient). */
export async function plantedRecall(db: Kysely<Database>, h: Hospital) {
  const day = h.days.at(-1) as string;
  const alerts = await db
    .selectFrom('privacy_alert')
    .select(['user_id', 'patient_id', 'rules'])
    .where('day', '=', day)
    .execute();
  const fired = new Set(alerts.flatMap((a) => a.rules.map((r) => `${a.user_id}|${a.patient_id}|${r}`)));
  const rules = [...new Set(h.planted.map((p) => p.rule))];
  return rules.map((rule) => {
    const cases = h.planted.filter((p) => p.rule === rule);
    const found = cases.filter((p) => fired.has(`${p.userId}|${p.patientId}|${rule}`)).length;
    return { rule, planted: cases.length, found, recall: found / cases.length };
  });
}
