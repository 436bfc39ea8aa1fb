import { interchangeSegments } from '../x12/envelope.ts';
import { elementValue, parseX12, seg, serialize, type X12Segment } from '../x12/segment.ts';

/**
 * A simulated payer for demos and tests: answers a 270 we wrote with a 271 (005010X279A1). Each person
 * asked about gets active coverage (EB*1) with the given plan, an in-network co-pay (EB*B), coinsurance
 * (EB*A) and deductible remaining (EB*C … 29); members `reject` names get AAA*Y**75 (subscriber not
 * found) and members `inactive` names get EB*6. Every HL, TRN and NM1 of the 270 is echoed, as payers do.
 */
export interface EligibilityAnswer {
  plan?: string;
  copay?: number;
  coinsurance?: number;
  deductibleRemaining?: number;
  reject?: (memberId: string) => boolean;
  inactive?: (memberId: string) => boolean;
  date: Date;
  controlNumber: number;
}

export function payer271(text270: string, a: EligibilityAnswer): string {
  const { segments } = parseX12(text270);
  const isa = segments[0] as X12Segment;
  const gs = segments.find((s) => s.id === 'GS') as X12Segment;
  const transactions: { controlNumber: string; body: X12Segment[] }[] = [];
  let body: X12Segment[] = [];
  let member = '';
  let pending: X12Segment[] = [];
  // Benefits go after the person's NM1/DMG (2100C/D) and before the next HL or SE.
  const flush = () => {
    if (pending.length === 0) return;
    body.push(...pending);
    pending = [];
  };
  for (const s of segments) {
    if (s.id === 'ST') {
      body = [];
      continue;
    }
    if (s.id === 'SE') {
      flush();
      transactions.push({ controlNumber: elementValue(s, 2), body });
      continue;
    }
    if (['ISA', 'GS', 'GE', 'IEA'].includes(s.id)) continue;
    if (s.id === 'HL') flush();
    if (s.id === 'BHT') {
      // BHT02 11 = response.
      body.push(seg('BHT', '0022', '11', elementValue(s, 3), elementValue(s, 4), elementValue(s, 5)));
      continue;
    }
    if (s.id === 'TRN') {
      // TRN*1 (ours) comes back as TRN*2 (the payer's echo of the requester's trace).
      body.push(seg('TRN', 2, elementValue(s, 2), elementValue(s, 3)));
      continue;
    }
    if (s.id === 'NM1' && elementValue(s, 1) === 'IL') member = elementValue(s, 9);
    if (s.id === 'EQ') {
      if (a.reject?.(member)) pending = [seg('AAA', 'Y', '', 75, 'C')];
      else if (a.inactive?.(member)) pending = [seg('EB', 6, 'IND', 30)];
      else
        pending = [
          seg('EB', 1, 'IND', 30, 'PR', a.plan ?? 'SYNTHETIC PPO'),
          seg('EB', 'B', 'IND', 98, '', '', 27, a.copay ?? 25, '', '', '', '', 'Y'),
          seg('EB', 'A', 'IND', 30, '', '', 27, '', a.coinsurance ?? 0.2, '', '', '', 'Y'),
          seg('EB', 'C', 'IND', 30, '', '', 29, a.deductibleRemaining ?? 350, '', '', '', '', 'Y'),
        ];
      continue;
    }
    if (s.id === 'DTP' && elementValue(s, 1) === '291') {
      body.push(seg('DTP', 291, 'D8', elementValue(s, 3)));
      continue;
    }
    body.push(s);
  }
  return serialize(
    interchangeSegments(
      {
        senderQualifier: elementValue(isa, 7).trim(),
        senderId: elementValue(isa, 8).trim(),
        receiverQualifier: elementValue(isa, 5).trim(),
        receiverId: elementValue(isa, 6).trim(),
        controlNumber: a.controlNumber,
        date: a.date,
        usage: 'T',
      },
      [
        {
          functionalId: 'HB',
          applicationSender: elementValue(gs, 3),
          applicationReceiver: elementValue(gs, 2),
          controlNumber: a.controlNumber,
          version: '005010X279A1',
          transactions: transactions.map((t) => ({
            id: '271',
            controlNumber: t.controlNumber,
            version: '005010X279A1',
            body: t.body,
          })),
        },
      ],
    ),
  );
}
