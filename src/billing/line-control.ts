/**
 * The line item control number of a claim line (837 REF*6R, echoed in the 835's REF*6R): our line id,
 * a UUID, without its dashes and in lower case (32 characters, inside REF02's 50). The 837 writer and
 * the remittance matcher both go through this one function so what we send is what we compare with.
 */
export function lineControlNumber(lineId: string): string {
  return lineId.replace(/-/g, '').toLowerCase();
}
