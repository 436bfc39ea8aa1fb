import type { DomainModule } from '../kernel/routing.ts';
import { fhirCapabilities } from './fhir/capabilities.ts';
import { fhirBaseRoutes } from './fhir/fhir.routes.ts';

/** Edge adapters (FHIR, HL7 v2) over the domain services. Domains never import interop. */
export const interopDomain: DomainModule = {
  name: 'interop',
  fhir: fhirBaseRoutes,
  fhirResources: fhirCapabilities,
};
