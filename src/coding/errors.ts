import { AppError } from '../kernel/errors.ts';

/** Coded errors of the coding domain. */
export const CodingErrors = {
  importRejected: (file: string, issues: { line: number; message: string }[]) =>
    new AppError(
      'CODE_IMPORT_REJECTED',
      `${file} was not loaded: ${issues.length} bad line(s), first on line ${issues[0]?.line}: ${issues[0]?.message}. Nothing was changed; fix the file and import it again.`,
      400,
      { issues: issues.slice(0, 100) },
    ),
  unknownSystem: (system: string) =>
    new AppError('UNKNOWN_CODE_SYSTEM', `"${system}" is not a code system Chartkeeper knows.`, 400),
  versionRequired: (system: string) =>
    new AppError(
      'CODE_VERSION_REQUIRED',
      `Say which version of ${system} this file is, e.g. --version FY2026 (ICD-10) or --version 2026 (HCPCS, CPT).`,
      400,
    ),
  versionNotFound: (system: string, version: string) =>
    new AppError('CODE_VERSION_NOT_FOUND', `${system} version ${version} is not loaded.`, 404),
  codeNotFound: (system: string, code: string) =>
    new AppError('CODE_NOT_FOUND', `${code} is not a ${system} code in the loaded versions.`, 404),
  noCodeSetLoaded: (system: string) =>
    new AppError(
      'NO_CODE_SET_LOADED',
      `No ${system} version is loaded. An administrator loads one with "chartkeeper codes import".`,
      404,
    ),
} as const;
