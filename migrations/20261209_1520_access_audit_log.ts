import { type Kysely, sql } from 'kysely';

/**
 * Issue 18: the audit trail becomes a Merkle log (RFC 9162 shape). Requests insert events with no lock and
 * no hash, and note them in audit_pending in the same statement; one sequencer at a time integrates them
 * into the tree (src/access/audit/sequencer.ts), assigning each its leaf index at integration, and signs
 * checkpoints with a key outside the database. The existing hash chain is migrated by queueing its events
 * in chain (seq) order, so they become leaves 0…n-1; `audit verify` still checks their old links.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_event alter column hash drop not null`.execute(db);
  await sql`create table audit_pending (seq bigint primary key)`.execute(db);
  await sql`create table audit_leaf (
    idx bigint primary key,
    seq bigint not null unique,
    hash bytea not null)`.execute(db);
  await sql`create table audit_tree_node (
    level smallint not null,
    idx bigint not null,
    hash bytea not null,
    primary key (level, idx))`.execute(db);
  await sql`create table audit_tree (
    id boolean primary key default true check (id),
    size bigint not null,
    root bytea not null,
    frontier bytea[] not null,
    updated_at timestamptz not null default now())`.execute(db);
  await sql`create table audit_checkpoint (
    tree_size bigint primary key,
    root bytea not null,
    key_id text not null,
    signature bytea not null,
    note text not null,
    signed_at timestamptz not null)`.execute(db);
  await sql`insert into audit_tree (size, root, frontier)
    values (0, sha256(''::bytea), '{}')`.execute(db);

  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  for (const t of ['audit_leaf', 'audit_tree_node', 'audit_checkpoint']) {
    await sql`create trigger ${sql.raw(`${t}_no_update`)} before update or delete on ${sql.raw(t)}
      for each row execute function audit_log_append_only()`.execute(db);
    await sql`create trigger ${sql.raw(`${t}_no_truncate`)} before truncate on ${sql.raw(t)}
      for each statement execute function audit_log_append_only()`.execute(db);
  }

  // Lock-free: no advisory lock, no hash; the sequencer integrates what has committed.
  await sql`drop function audit_append(jsonb)`.execute(db);
  await sql`
    create function audit_append(p_events jsonb) returns void language sql as $$
      with ins as (
        insert into audit_event (id, occurred_at, actor_user_id, actor_username, actor_roles, facility_id, action,
          outcome, patient_ids, resource_type, resource_id, purpose_of_use, break_glass, source_ip, user_agent,
          request_id, channel, details)
        select (e->>'id')::uuid, (e->>'occurred_at')::timestamptz, (e->>'actor_user_id')::uuid, e->>'actor_username',
          array(select jsonb_array_elements_text(e->'actor_roles')), (e->>'facility_id')::uuid, e->>'action',
          e->>'outcome', array(select jsonb_array_elements_text(e->'patient_ids'))::uuid[], e->>'resource_type',
          e->>'resource_id', e->>'purpose_of_use', (e->>'break_glass')::boolean, e->>'source_ip', e->>'user_agent',
          e->>'request_id', e->>'channel', nullif(e->'details', 'null'::jsonb)
        from jsonb_array_elements(p_events) with ordinality as x(e, n)
        order by n
        returning seq)
      insert into audit_pending (seq) select seq from ins
    $$`.execute(db);
  await sql`insert into audit_pending (seq) select seq from audit_event`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function audit_append(jsonb)`.execute(db);
  for (const t of ['audit_checkpoint', 'audit_tree', 'audit_tree_node', 'audit_leaf', 'audit_pending'])
    await sql`drop table ${sql.raw(t)}`.execute(db);
  await sql`drop function audit_log_append_only()`.execute(db);
}
