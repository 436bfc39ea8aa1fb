/**
 * The line item control number of a claim line (837 REF*6R, echoed in the 835's REF*6R): our line id,
 * a UUID without its dashes (32 characters, inside REF02's 50), in lower case (the 837 writer upper-cases
 * its text; the payer may echo either). The 837 writer and the remittance matcher (on both sides of the
 * comparison) go through this one function, so what we send is what we compare with.
 */
export function lineControlNumber(lineId: string): string {
  return lineId.replace(/-/g, '').toLowerCase();
}
