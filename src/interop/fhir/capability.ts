import type { FhirCapabilityResource } from '../../kernel/routing.ts';
import { VERSION } from '../../version.ts';

/**
 * The R4 CapabilityStatement (http://hl7.org/fhir/R4/capabilitystatement.html). Required: status, date,
 * kind, fhirVersion, format, and rest.mode. It lists exactly the resources domains register, nothing more.
 */
export function capabilityStatement(baseUrl: string, now: Date, resources: FhirCapabilityResource[]) {
  return {
    resourceType: 'CapabilityStatement' as const,
    status: 'active',
    date: now.toISOString(),
    publisher: 'Chartkeeper',
    kind: 'instance',
    software: { name: 'Chartkeeper', version: VERSION },
    implementation: { description: 'Chartkeeper FHIR R4 API', url: `${baseUrl}/fhir` },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: false,
          service: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                  code: 'OAuth',
                  display: 'OAuth',
                },
              ],
              text: 'Bearer API token (chartkeeper tokens create)',
            },
          ],
        },
        resource: resources.map((r) => ({ ...r, versioning: 'versioned' })),
        // FHIR Bulk Data Access (v2) system-level export, served by src/interop/bulk/export.routes.ts.
        operation: [
          { name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export' },
        ],
      },
    ],
  };
}
