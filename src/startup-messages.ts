import { countUsers } from './access/access.queries.ts';
import type { AppDeps } from './kernel/context.ts';

/** What `npm start` prints once the server listens: where it is and what to do next. */
export async function afterStartMessages(deps: AppDeps): Promise<string[]> {
  const { config } = deps;
  return [
    '',
    `Chartkeeper is running at ${config.publicUrl}`,
    `  database: ${deps.dbMode === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'external (DATABASE_URL)'}`,
    `  health:   ${config.publicUrl}/healthz`,
    `  API:      ${config.publicUrl}/api/openapi.json   FHIR: ${config.publicUrl}/fhir/metadata`,
    '',
    ...((await countUsers(deps.db)) === 0
      ? [
          'No users yet. Create the first administrator (the password is read from standard input):',
          "  printf '%s' 'a long passphrase of your own' | npx chartkeeper users create --username admin --role administrator --password-stdin",
          `then sign in at ${config.publicUrl}`,
          '',
        ]
      : [`Sign in at ${config.publicUrl}`, '']),
    'Press Ctrl-C to stop.',
  ];
}
