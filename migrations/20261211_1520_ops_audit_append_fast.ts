import { type Kysely, sql } from 'kysely';

/**
 * Issue 18: audit_append in PL/pgSQL. The SQL-language version (20261209_1520) is planned afresh on every
 * call — PostgreSQL 17 caches no plans for SQL functions — and every audited request calls it once.
 * PL/pgSQL keeps each statement's plan for the life of the connection. The common case, one event (a
 * single patient read), takes a direct INSERT … VALUES with no set-returning functions; batches keep the
 * one-statement path. Same contract: no lock, no hash, each event noted in audit_pending in the caller's
 * transaction for the sequencer.
 */
const COLUMNS = sql.raw(`id, occurred_at, actor_user_id, actor_username, actor_roles, facility_id, action,
  outcome, patient_ids, resource_type, resource_id, purpose_of_use, break_glass, source_ip, user_agent,
  request_id, channel, details`);
const VALUES = sql.raw(`(e->>'id')::uuid, (e->>'occurred_at')::timestamptz, (e->>'actor_user_id')::uuid,
  e->>'actor_username', array(select jsonb_array_elements_text(e->'actor_roles')), (e->>'facility_id')::uuid,
  e->>'action', e->>'outcome', array(select jsonb_array_elements_text(e->'patient_ids'))::uuid[],
  e->>'resource_type', e->>'resource_id', e->>'purpose_of_use', (e->>'break_glass')::boolean, e->>'source_ip',
  e->>'user_agent', e->>'request_id', e->>'channel', nullif(e->'details', 'null'::jsonb)`);

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function audit_append(p_events jsonb) returns void language plpgsql as $$
    -- In the batch statement "e" is the row of jsonb_array_elements, not the variable of the single path.
    #variable_conflict use_column
    declare
      e jsonb;
      s bigint;
    begin
      if jsonb_array_length(p_events) = 1 then
        e := p_events->0;
        insert into audit_event (${COLUMNS}) values (${VALUES}) returning seq into s;
        insert into audit_pending (seq) values (s);
        return;
      end if;
      with ins as (
        insert into audit_event (${COLUMNS})
        select ${VALUES}
        from jsonb_array_elements(p_events) with ordinality as x(e, n)
        order by n
        returning seq)
      insert into audit_pending (seq) select seq from ins;
    end $$`.execute(db);
}

/** Restores the SQL-language audit_append of 20261209_1520 (lock-free; the sequencer still integrates). */
// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function audit_append(jsonb)`.execute(db);
  await sql`
    create function audit_append(p_events jsonb) returns void language sql as $$
      with ins as (
        insert into audit_event (${COLUMNS})
        select ${VALUES}
        from jsonb_array_elements(p_events) with ordinality as x(e, n)
        order by n
        returning seq)
      insert into audit_pending (seq) select seq from ins
    $$`.execute(db);
}
