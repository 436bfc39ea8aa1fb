import { type Kysely, sql } from 'kysely';

/**
 * Issue 23: staff linked to their own (or a family member's) patient record, and privacy monitoring
 * over the audit trail. `access_user_patient_link` belongs to the access domain; the privacy_* tables to
 * the privacy domain (src/privacy). Alerts are keyed by user, patient and day so a rescan of the same day
 * adds evidence to the open alert instead of raising a second one.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table access_user_patient_link (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references access_user(id),
    patient_id uuid not null,
    kind text not null check (kind in ('self', 'family')),
    reason text not null,
    linked_at timestamptz not null,
    linked_by text not null,
    removed_at timestamptz,
    removed_by text,
    removed_reason text)`.execute(db);
  await sql`create unique index access_user_patient_link_active
    on access_user_patient_link (user_id, patient_id) where removed_at is null`.execute(db);
  await sql`create index access_user_patient_link_patient on access_user_patient_link (patient_id)
    where removed_at is null`.execute(db);

  await sql`create table privacy_alert (
    id uuid primary key default gen_random_uuid(),
    seq bigserial unique,
    day date not null,
    user_id uuid not null,
    username text not null,
    role text,
    patient_id uuid,
    rules text[] not null,
    status text not null default 'new'
      check (status in ('new', 'under_review', 'closed_appropriate', 'closed_violation')),
    evidence jsonb not null,
    event_count integer not null,
    first_at timestamptz not null,
    last_at timestamptz not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version integer not null default 1,
    reviewed_by text,
    reviewed_at timestamptz,
    notes text)`.execute(db);
  // One alert per user, patient (or none, for the volume rule) and day.
  await sql`create unique index privacy_alert_key
    on privacy_alert (user_id, coalesce(patient_id, '00000000-0000-0000-0000-000000000000'::uuid), day)`.execute(
    db,
  );
  await sql`create index privacy_alert_queue on privacy_alert (status, day desc, seq desc)`.execute(db);
  await sql`create table privacy_alert_history (
    id bigserial primary key,
    alert_id uuid not null references privacy_alert(id),
    at timestamptz not null,
    by_name text not null,
    from_status text,
    to_status text not null,
    notes text)`.execute(db);
  await sql`create index privacy_alert_history_alert on privacy_alert_history (alert_id, id)`.execute(db);
  // Append-only like the audit trail it reviews (45 CFR 164.312(b)).
  await sql`create function privacy_history_append_only() returns trigger language plpgsql as $$
    begin raise exception 'privacy_alert_history is append-only'; end $$`.execute(db);
  await sql`create trigger privacy_alert_history_no_change before update or delete on privacy_alert_history
    for each row execute function privacy_history_append_only()`.execute(db);

  /** Charts a user opened per day: the volume rule's history (their own median, their role's spread). */
  await sql`create table privacy_user_day (
    user_id uuid not null,
    day date not null,
    role text,
    charts integer not null,
    primary key (user_id, day))`.execute(db);
  await sql`create index privacy_user_day_day on privacy_user_day (day)`.execute(db);
  await sql`create table privacy_scan (
    id uuid primary key default gen_random_uuid(),
    day date not null,
    started_at timestamptz not null,
    finished_at timestamptz not null,
    started_by text not null,
    events integer not null,
    touches integer not null,
    alerts_new integer not null,
    alerts_updated integer not null)`.execute(db);
  await sql`create index privacy_scan_day on privacy_scan (day, finished_at desc)`.execute(db);
  // Touches are found by time; the existing audit_event_time index serves the day's range scan.
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table privacy_scan, privacy_user_day, privacy_alert_history, privacy_alert`.execute(db);
  await sql`drop function privacy_history_append_only()`.execute(db);
  await sql`drop table access_user_patient_link`.execute(db);
}
