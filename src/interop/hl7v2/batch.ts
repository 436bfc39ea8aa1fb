/**
 * Splits a file into messages: a new message starts at each MSH segment; batch envelopes (FHS, BHS, BTS,
 * FTS; HL7 2.5.1 §2.10.3) and MLLP framing bytes left in a capture are dropped. CR, LF and CRLF
 * separators and a leading byte-order mark are accepted.
 */
export function splitMessages(text: string): string[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replaceAll(String.fromCharCode(0x0b), '\r')
    .replaceAll(String.fromCharCode(0x1c), '\r')
    .split(/\r\n|\r|\n/)
    .filter((l) => l.trim() !== '' && !/^(FHS|BHS|BTS|FTS)\b/.test(l));
  const out: string[][] = [];
  for (const line of lines) {
    if (line.startsWith('MSH') || out.length === 0) out.push([line]);
    else out[out.length - 1]!.push(line);
  }
  return out.map((m) => m.join('\r'));
}
