import { issueSetupLink } from './access/setup.service.ts';
import type { AppDeps } from './kernel/context.ts';

/** What `npm start` prints once the server listens: where it is and what to do next. */
export async function afterStartMessages(deps: AppDeps): Promise<string[]> {
  const { config } = deps;
  const setupLink = await issueSetupLink(deps);
  return [
    '',
    `Chartkeeper is running at ${config.publicUrl}`,
    `  database: ${deps.dbMode === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'external (DATABASE_URL)'}`,
    `  health:   ${config.publicUrl}/healthz`,
    `  API:      ${config.publicUrl}/api/openapi.json   FHIR: ${config.publicUrl}/fhir/metadata`,
    '',
    ...(setupLink
      ? [
          'No users yet. Open this one-time link to create the first administrator:',
          `  ${setupLink}`,
          'or from a script (the password is read from standard input):',
          "  printf '%s' 'a long passphrase of your own' | npx chartkeeper users create --username admin --role administrator --password-stdin",
          '',
        ]
      : [`Sign in at ${config.publicUrl}`, '']),
    'Press Ctrl-C to stop.',
  ];
}
