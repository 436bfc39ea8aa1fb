import { type Kysely, sql } from 'kysely';

/**
 * audit_append: one round trip per audit write. Takes the chain's advisory lock (until commit), reads the
 * last hash, and inserts each event with hash = sha256(content_hash | prev_hash) — the same link
 * `linkHash` computes in src/access/audit/audit-chain.ts, which `audit verify` recomputes.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function audit_append(p_events jsonb) returns void language plpgsql as $$
    declare
      prev text;
      e jsonb;
      h text;
    begin
      perform pg_advisory_xact_lock(72011204);
      select hash into prev from audit_event order by seq desc limit 1;
      for e in select value from jsonb_array_elements(p_events) loop
        h := encode(digest((e->>'content_hash') || '|' || coalesce(prev, ''), 'sha256'), 'hex');
        insert into audit_event (id, occurred_at, actor_user_id, actor_username, actor_roles, facility_id, action,
          outcome, patient_ids, resource_type, resource_id, purpose_of_use, break_glass, source_ip, user_agent,
          request_id, channel, details, prev_hash, hash)
        values ((e->>'id')::uuid, (e->>'occurred_at')::timestamptz, (e->>'actor_user_id')::uuid, e->>'actor_username',
          array(select jsonb_array_elements_text(e->'actor_roles')), (e->>'facility_id')::uuid, e->>'action',
          e->>'outcome', array(select jsonb_array_elements_text(e->'patient_ids'))::uuid[], e->>'resource_type',
          e->>'resource_id', e->>'purpose_of_use', (e->>'break_glass')::boolean, e->>'source_ip', e->>'user_agent',
          e->>'request_id', e->>'channel', nullif(e->'details', 'null'::jsonb), prev, h);
        prev := h;
      end loop;
    end $$`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function audit_append(jsonb)`.execute(db);
}
