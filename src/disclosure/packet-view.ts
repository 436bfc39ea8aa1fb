import type { DbOrTx } from '../kernel/db.ts';
import type { FeeLine } from './fees.ts';
import * as f from './fulfilment.queries.ts';
import type { PacketItem, WithheldItem } from './packet.ts';

type PacketRow = NonNullable<Awaited<ReturnType<typeof f.latestPacket>>>;

/** A packet row as the API shows it (deliveries listed without their secrets). */
export async function packetView(db: DbOrTx, p: PacketRow) {
  const deliveries = await f.deliveriesOf(db, p.request_id);
  const fees = p.fees as { lines: FeeLine[]; total: number };
  return {
    id: p.id,
    buildNo: p.build_no,
    builtAt: p.built_at.toISOString(),
    builtBy: p.built_by,
    pageCount: p.page_count,
    mailTo: p.mail_to,
    redactions: p.redactions,
    manifest: p.manifest as (PacketItem & { firstPage: number })[],
    withheld: p.withheld as WithheldItem[],
    fees,
    qa: { status: p.qa_status, by: p.qa_by, at: p.qa_at?.toISOString() ?? null, note: p.qa_note },
    deliveries: deliveries.map((d) => ({
      id: d.id,
      method: d.method,
      createdAt: d.created_at.toISOString(),
      expiresAt: d.expires_at?.toISOString() ?? null,
      maxDownloads: d.max_downloads,
      downloads: d.downloads,
      oneTimeCode: d.code_hash !== null,
      mailedTo: d.mailed_to,
      mailedOn: d.mailed_on,
    })),
  };
}
export type PacketView = Awaited<ReturnType<typeof packetView>>;
