import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../kernel/context.ts';
import type { DomainModule } from '../../kernel/routing.ts';
import { hl7v2Cli } from './hl7v2.cli.ts';
import { hl7v2Routes } from './hl7v2.routes.ts';
import { type MllpListener, startMllpListener } from './mllp.ts';

export { type MllpListener, startMllpListener } from './mllp.ts';
/** Public surface of the HL7 v2 interface (an edge adapter: domains never import it). */
export { type Receipt, receiveMessage } from './receive.service.ts';

/**
 * The monitor API, and the MLLP listener when HL7_MLLP_PORT is set: it starts once the HTTP server
 * listens and stops when the server closes, so `serve` and Ctrl-C handle both.
 */
const api: FastifyPluginAsync<AppDeps> = async (app, deps) => {
  await hl7v2Routes(app, deps);
  const port = deps.config.HL7_MLLP_PORT;
  if (port === undefined) return;
  let listener: MllpListener | undefined;
  app.addHook('onListen', async () => {
    listener = await startMllpListener(deps, port, deps.config.HL7_MLLP_HOST ?? deps.config.HOST);
  });
  app.addHook('onClose', async () => {
    await listener?.close();
  });
};

export const hl7v2Domain: DomainModule = { name: 'hl7v2', api, cli: hl7v2Cli };
