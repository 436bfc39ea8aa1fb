import type { RequestContext } from '../kernel/context.ts';
import { AppError } from '../kernel/errors.ts';
import { CodingErrors } from './errors.ts';
import { getCode } from './search.service.ts';
import { type CodeSystem, FHIR_SYSTEM_URLS, SYSTEM_NAMES } from './systems.ts';

interface OpInput {
  system: string;
  code: string;
  version?: string | undefined;
  date?: string | undefined;
  display?: string | undefined;
}
type Param = { name: string; valueString?: string; valueBoolean?: boolean; valueCode?: string };

function systemFromUrl(url: string): CodeSystem {
  const found = Object.entries(FHIR_SYSTEM_URLS).find(([, u]) => u === url)?.[0] as CodeSystem | undefined;
  if (!found)
    throw new AppError(
      'UNKNOWN_CODE_SYSTEM',
      `The code system ${url} is not served here. Use ${Object.values(FHIR_SYSTEM_URLS).join(', ')}.`,
      400,
    );
  return found;
}

/**
 * The code system of CodeSystem/$validate-code: R4 names it `url`; `system` (ValueSet/$validate-code's
 * name) is kept as an alias. Both given and different is a contradiction, not a choice to make silently.
 */
export function validateCodeSystem(url: string | undefined, system: string | undefined): string {
  if (url && system && url !== system)
    throw new AppError(
      'CODE_SYSTEM_CONFLICT',
      `url (${url}) and system (${system}) name different code systems. Give the code system once, as url.`,
      400,
    );
  const chosen = url ?? system;
  if (!chosen)
    throw new AppError(
      'CODE_SYSTEM_REQUIRED',
      'Give the code system as url, e.g. url=http://hl7.org/fhir/sid/icd-10-cm.',
      400,
    );
  return chosen;
}

const opts = (i: OpInput) => ({
  ...(i.version ? { version: i.version } : {}),
  ...(i.date ? { date: i.date.slice(0, 10) } : {}),
});

/** CodeSystem/$lookup: name, version, display and the billable property; unknown code → 404 OperationOutcome. */
export async function lookupCode(ctx: RequestContext, i: OpInput) {
  const system = systemFromUrl(i.system);
  const found = await getCode(ctx, system, i.code, opts(i));
  if (!found) throw CodingErrors.codeNotFound(SYSTEM_NAMES[system], i.code);
  const parameter: unknown[] = [
    { name: 'name', valueString: SYSTEM_NAMES[system] },
    { name: 'version', valueString: found.version },
    { name: 'display', valueString: found.description },
    {
      name: 'designation',
      part: [
        {
          name: 'use',
          valueCoding: { system: 'http://terminology.hl7.org/CodeSystem/designation-usage', code: 'short' },
        },
        { name: 'value', valueString: found.shortDescription },
      ],
    },
    {
      name: 'property',
      part: [
        { name: 'code', valueCode: 'billable' },
        { name: 'value', valueBoolean: found.billable },
      ],
    },
  ];
  return { resourceType: 'Parameters' as const, parameter };
}

/**
 * CodeSystem/$validate-code: result true/false, with a message saying why not, and the display. With
 * the R4 `date` parameter the code must also be in a version in force on that date.
 */
export async function validateCode(
  ctx: RequestContext,
  q: Omit<OpInput, 'system'> & { url?: string | undefined; system?: string | undefined },
) {
  const i: OpInput = { ...q, system: validateCodeSystem(q.url, q.system) };
  const system = systemFromUrl(i.system);
  const found = await getCode(ctx, system, i.code, opts(i));
  const parameter: Param[] = [];
  if (found && i.date && !found.validOnDate) {
    parameter.push(
      { name: 'result', valueBoolean: false },
      {
        name: 'message',
        valueString: `${found.display} is in ${SYSTEM_NAMES[system]} ${found.version}, which is not in force on ${i.date.slice(0, 10)}.`,
      },
    );
  } else if (!found) {
    parameter.push(
      { name: 'result', valueBoolean: false },
      {
        name: 'message',
        valueString: `${i.code} is not a valid ${SYSTEM_NAMES[system]} code in the version in force.`,
      },
    );
  } else if (
    i.display &&
    i.display.trim().toLowerCase() !== found.description.toLowerCase() &&
    i.display.trim().toLowerCase() !== found.shortDescription.toLowerCase()
  ) {
    parameter.push(
      { name: 'result', valueBoolean: false },
      {
        name: 'message',
        valueString: `The display "${i.display}" does not match ${found.display}: "${found.description}".`,
      },
      { name: 'display', valueString: found.description },
    );
  } else {
    parameter.push(
      { name: 'result', valueBoolean: true },
      { name: 'display', valueString: found.description },
    );
    if (!found.billable)
      parameter.push({
        name: 'message',
        valueString: `${found.display} is a header code: valid in the classification but not billable.`,
      });
  }
  return { resourceType: 'Parameters' as const, parameter };
}
