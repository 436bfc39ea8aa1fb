import { AppError } from '../../kernel/errors.ts';

/** Coded errors of bulk import and export (CONVENTIONS 5). Messages say what to do; no PHI. */
export const bulkErrors = {
  jobNotFound: () => new AppError('IMPORT_JOB_NOT_FOUND', 'No such import job; start a new import.', 404),
  exportNotFound: () => new AppError('EXPORT_JOB_NOT_FOUND', 'No such export; start a new $export.', 404),
  noFiles: () =>
    new AppError('IMPORT_NO_FILES', 'Choose at least one FHIR file (.json, .ndjson, optionally .gz).', 400),
  notAFile: (name: string) =>
    new AppError('IMPORT_NOT_FOUND', `${name} does not exist or cannot be read; check the path.`, 400),
  unknownType: (types: string[]) =>
    new AppError(
      'EXPORT_UNKNOWN_TYPE',
      `_type lists types this server does not export: ${types.join(', ')}.`,
      400,
      {
        issues: types.map((t) => ({ field: '_type', message: `${t} is not exported` })),
      },
    ),
  badSince: () =>
    new AppError('EXPORT_BAD_SINCE', '_since must be a FHIR instant such as 2026-01-01T00:00:00Z.', 400, {
      issues: [{ field: '_since', message: 'must be an instant with a time zone' }],
    }),
  badFormat: () =>
    new AppError('EXPORT_BAD_FORMAT', '_outputFormat must be application/fhir+ndjson (or ndjson).', 400, {
      issues: [{ field: '_outputFormat', message: 'only NDJSON is produced' }],
    }),
  notReady: () => new AppError('EXPORT_NOT_READY', 'The export is still running; poll its status URL.', 409),
};
