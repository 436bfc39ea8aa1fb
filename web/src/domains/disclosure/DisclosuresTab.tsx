import { registerPatientTab } from '../patients/patient-tabs.ts';
import { AccountingPanel } from './AccountingPage.tsx';

// The face sheet shows the accounting of disclosures and the access report to ROI staff and privacy officers.
registerPatientTab({
  value: 'disclosures',
  label: 'Disclosures',
  Panel: AccountingPanel,
  permission: 'disclosure:read',
});
