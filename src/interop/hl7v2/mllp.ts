import net from 'node:net';
import { CR, FS, VT } from '@medplum/hl7';
import type { AppDeps } from '../../kernel/context.ts';
import { receiveMessage } from './receive.service.ts';

/**
 * The MLLP listener (HL7 v2 Minimal Lower Layer Protocol: <VT> message <FS><CR>). We frame bytes
 * ourselves rather than use @medplum/hl7's Hl7Server because its connection parses each TCP read that
 * ends in FS CR as one message: two frames in one read become one, and a message its parser refuses is
 * dropped without an answer. Here every frame is answered (AR for what is not HL7), in arrival order,
 * after the message is stored (acknowledge after safe storage, HL7 2.5.1 §2.9.2).
 */
export interface MllpListener {
  port: number;
  close(): Promise<void>;
}

/** A frame larger than this closes the connection (a sender gone wrong must not exhaust memory). */
const MAX_FRAME = 16 * 1_048_576;

export const frame = (text: string): Buffer =>
  Buffer.concat([Buffer.from([VT]), Buffer.from(text, 'utf8'), Buffer.from([FS, CR])]);

/**
 * Splits complete frames off the front of a buffer.
 * @returns the frames' payloads and the bytes left over (an incomplete frame)
 */
export function takeFrames(buf: Buffer): { frames: Buffer[]; rest: Buffer } {
  const frames: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const start = buf.indexOf(VT, pos);
    if (start < 0) return { frames, rest: Buffer.alloc(0) };
    const end = buf.indexOf(Buffer.from([FS, CR]), start + 1);
    if (end < 0) return { frames, rest: buf.subarray(start) };
    frames.push(buf.subarray(start + 1, end));
    pos = end + 2;
  }
}

function serve(deps: AppDeps, socket: net.Socket, inFlight: Set<Promise<unknown>>) {
  let buf: Buffer = Buffer.alloc(0);
  let queue: Promise<unknown> = Promise.resolve();
  socket.on('data', (chunk: Buffer) => {
    const { frames, rest } = takeFrames(Buffer.concat([buf, chunk]));
    buf = rest;
    if (buf.length > MAX_FRAME) {
      socket.destroy();
      return;
    }
    for (const f of frames) {
      queue = queue.then(async () => {
        const r = await receiveMessage(deps, f.toString('utf8'), 'mllp');
        if (!socket.destroyed) socket.write(frame(r.ack));
      });
      const p = queue.catch((e: Error) => deps.log.error({ err: e.name }, 'mllp message failed'));
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
  });
  socket.on('error', () => socket.destroy());
}

/** Starts listening; resolves once bound (port 0 picks a free port, reported on the result). */
export async function startMllpListener(deps: AppDeps, port: number, host: string): Promise<MllpListener> {
  const sockets = new Set<net.Socket>();
  const inFlight = new Set<Promise<unknown>>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(deps, socket, inFlight);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as net.AddressInfo).port;
  deps.log.info({ port: bound }, 'HL7 v2 MLLP listener started');
  return {
    port: bound,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Messages being applied finish and are answered; then the connections close.
      await Promise.allSettled([...inFlight]);
      for (const s of sockets) s.end();
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
