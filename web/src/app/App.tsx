import { Center, createTheme, Loader, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { onSessionLost } from '../api/client.ts';
import { AccountPage } from '../domains/access/AccountPage.tsx';
import { AuditPage } from '../domains/access/AuditPage.tsx';
import { useMe, useRefreshMe } from '../domains/access/access.api.ts';
import { BreakGlassQueuePage } from '../domains/access/BreakGlassQueuePage.tsx';
import { ForcedPasswordChangePage } from '../domains/access/ForcedPasswordChangePage.tsx';
import { MfaChallengePage } from '../domains/access/MfaChallengePage.tsx';
import { MfaEnrolPage } from '../domains/access/MfaEnrolment.tsx';
import { RolesPage } from '../domains/access/RolesPage.tsx';
import { SetupPage } from '../domains/access/SetupPage.tsx';
import { SignInPage } from '../domains/access/SignInPage.tsx';
import { UsersPage } from '../domains/access/UsersPage.tsx';
import '../domains/chart/ChartFaceSheetTab.tsx';
import { ChartLookupPage } from '../domains/chart/ChartLookupPage.tsx';
import { ChartPage } from '../domains/chart/ChartPage.tsx';
import { EncounterPage } from '../domains/chart/EncounterPage.tsx';
import { CodeSearchPage } from '../domains/coding/CodeSearchPage.tsx';
import { CodeSetsPage } from '../domains/coding/CodeSetsPage.tsx';
import { CodingQueuePage } from '../domains/coding/CodingQueuePage.tsx';
import { CodingScreenPage } from '../domains/coding/CodingScreenPage.tsx';
import { ProductivityPage } from '../domains/coding/ProductivityPage.tsx';
import { AmendmentsPage } from '../domains/completeness/AmendmentsPage.tsx';
import { DeficiencyPage } from '../domains/completeness/DeficiencyPage.tsx';
import { DeficiencyQueuePage } from '../domains/completeness/DeficiencyQueuePage.tsx';
import { DelinquencyReportPage } from '../domains/completeness/DelinquencyReportPage.tsx';
import { InboxPage } from '../domains/completeness/InboxPage.tsx';
import { NoteSignaturesPage } from '../domains/completeness/NoteSignaturesPage.tsx';
import { QueriesPage } from '../domains/completeness/QueriesPage.tsx';
import { RuleSettingsPage } from '../domains/completeness/RuleSettingsPage.tsx';
import { AccountingPage } from '../domains/disclosure/AccountingPage.tsx';
import { ExportPage } from '../domains/interop/ExportPage.tsx';
import { Hl7MessagePage } from '../domains/interop/Hl7MessagePage.tsx';
import { Hl7MonitorPage } from '../domains/interop/Hl7MonitorPage.tsx';
import { ImportPage } from '../domains/interop/ImportPage.tsx';
import '../domains/disclosure/DisclosuresTab.tsx';
import { AgingPage } from '../domains/billing/AgingPage.tsx';
import { BatchesPage } from '../domains/billing/BatchesPage.tsx';
import { ClaimPage } from '../domains/billing/ClaimPage.tsx';
import { ClaimQueuePage } from '../domains/billing/ClaimQueuePage.tsx';
import { DenialsPage } from '../domains/billing/DenialsPage.tsx';
import { EligibilityPage } from '../domains/billing/EligibilityPage.tsx';
import { PriorAuthsPage } from '../domains/billing/PriorAuthsPage.tsx';
import { RemittancePage } from '../domains/billing/RemittancePage.tsx';
import { DownloadPage } from '../domains/disclosure/DownloadPage.tsx';
import { RoiIntakePage } from '../domains/disclosure/RoiIntakePage.tsx';
import { RoiQueuePage } from '../domains/disclosure/RoiQueuePage.tsx';
import { RoiRequestPage } from '../domains/disclosure/RoiRequestPage.tsx';
import { DuplicatesPage } from '../domains/patients/DuplicatesPage.tsx';
import { EditPatientPage } from '../domains/patients/EditPatientPage.tsx';
import { PatientPage } from '../domains/patients/PatientPage.tsx';
import { PatientSearchPage } from '../domains/patients/PatientSearchPage.tsx';
import { RegisterPatientPage } from '../domains/patients/RegisterPatientPage.tsx';
import { AlertPage } from '../domains/privacy/AlertPage.tsx';
import { AlertQueuePage } from '../domains/privacy/AlertQueuePage.tsx';
import { RestrictedPatientsPage } from '../domains/privacy/RestrictedPatientsPage.tsx';
import { UserProfilePage } from '../domains/privacy/UserProfilePage.tsx';
import { FollowupPage } from '../domains/registry/FollowupPage.tsx';
import { RegistryDashboardPage } from '../domains/registry/RegistryDashboardPage.tsx';
import { RegistryExportPage } from '../domains/registry/RegistryExportPage.tsx';
import { SuspensePage } from '../domains/registry/SuspensePage.tsx';
import { TumourPage } from '../domains/registry/TumourPage.tsx';
import { TumoursPage } from '../domains/registry/TumoursPage.tsx';
import { AnalyticsPage } from '../domains/registry-analytics/AnalyticsPage.tsx';
import { JobsPage } from '../domains/system/JobsPage.tsx';
import { SystemPage } from '../domains/system/SystemPage.tsx';
import { MyWorkPage } from '../domains/workspace/MyWorkPage.tsx';
import { Shell } from './Shell.tsx';

const theme = createTheme({ primaryColor: 'teal', defaultRadius: 'sm' });
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});
// A 401 anywhere means the session ended (sign-out elsewhere, idle timeout): re-check and show sign-in.
onSessionLost(() => void queryClient.invalidateQueries({ queryKey: ['me'] }));

export function App(): ReactElement {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Gate />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}

/** Shows sign-in until there is a session, then the app. */
function Gate(): ReactElement {
  const { data: me, isLoading } = useMe();
  const refreshMe = useRefreshMe();
  if (isLoading) {
    return (
      <Center mih="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  // A records recipient opening a secure link is not a user: the download page stands alone.
  if (window.location.pathname === '/records/download') return <DownloadPage />;
  if (!me) return window.location.pathname === '/setup' ? <SetupPage /> : <SignInPage />;
  if (!me.mfaPassed) return <MfaChallengePage />;
  if (me.mustChangePassword) return <ForcedPasswordChangePage username={me.user.username} />;
  if (me.mfaRequired && !me.mfaEnabled) return <MfaEnrolPage onDone={() => void refreshMe()} />;
  return (
    <Routes>
      <Route element={<Shell me={me} />}>
        <Route index element={<Navigate to={home(me.permissions)} replace />} />
        <Route path="my-work" element={<MyWorkPage />} />
        <Route path="system" element={<SystemPage />} />
        <Route path="patients" element={<PatientSearchPage />} />
        <Route path="patients/new" element={<RegisterPatientPage />} />
        <Route path="patients/duplicates" element={<DuplicatesPage />} />
        <Route path="privacy/alerts" element={<AlertQueuePage />} />
        <Route path="privacy/alerts/:id" element={<AlertPage />} />
        <Route path="privacy/users/:id" element={<UserProfilePage />} />
        <Route path="privacy/restricted" element={<RestrictedPatientsPage />} />
        <Route path="patients/:id" element={<PatientPage />} />
        <Route path="patients/:id/edit" element={<EditPatientPage />} />
        <Route path="chart" element={<ChartLookupPage />} />
        <Route path="patients/:patientId/chart" element={<ChartPage />} />
        <Route path="patients/:patientId/chart/encounters/:encounterId" element={<EncounterPage />} />
        <Route path="patients/:patientId/chart/:tab" element={<ChartPage />} />
        <Route path="completion/inbox" element={<InboxPage />} />
        <Route path="completion/queue" element={<DeficiencyQueuePage />} />
        <Route path="completion/deficiencies/:id" element={<DeficiencyPage />} />
        <Route path="completion/queries" element={<QueriesPage />} />
        <Route path="completion/amendments" element={<AmendmentsPage />} />
        <Route path="completion/notes/:id" element={<NoteSignaturesPage />} />
        <Route path="completion/report" element={<DelinquencyReportPage />} />
        <Route path="completion/settings" element={<RuleSettingsPage />} />
        <Route path="roi" element={<RoiQueuePage />} />
        <Route path="roi/new" element={<RoiIntakePage />} />
        <Route path="roi/requests/:id" element={<RoiRequestPage />} />
        <Route path="roi/patients/:patientId/accounting" element={<AccountingPage />} />
        <Route path="codes" element={<CodeSearchPage />} />
        <Route path="code-sets" element={<CodeSetsPage />} />
        <Route path="coding" element={<CodingQueuePage />} />
        <Route path="coding/encounters/:encounterId" element={<CodingScreenPage />} />
        <Route path="coding/productivity" element={<ProductivityPage />} />
        <Route path="account" element={<AccountPage me={me} />} />
        <Route path="admin/users" element={<UsersPage />} />
        <Route path="admin/roles" element={<RolesPage />} />
        <Route path="admin/jobs" element={<JobsPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="audit/break-glass" element={<BreakGlassQueuePage />} />
        <Route path="interface/hl7" element={<Hl7MonitorPage />} />
        <Route path="interface/hl7/:id" element={<Hl7MessagePage />} />
        <Route path="interop/import" element={<ImportPage />} />
        <Route path="interop/export" element={<ExportPage />} />
        <Route path="billing/claims" element={<ClaimQueuePage />} />
        <Route path="billing/claims/:id" element={<ClaimPage />} />
        <Route path="billing/batches" element={<BatchesPage />} />
        <Route path="billing/remittance" element={<RemittancePage />} />
        <Route path="billing/denials" element={<DenialsPage />} />
        <Route path="billing/prior-auths" element={<PriorAuthsPage />} />
        <Route path="billing/eligibility" element={<EligibilityPage />} />
        <Route path="billing/aging" element={<AgingPage />} />
        <Route path="registry/analytics" element={<AnalyticsPage />} />
        <Route path="registry/suspense" element={<SuspensePage />} />
        <Route path="registry/tumours" element={<TumoursPage />} />
        <Route path="registry/tumours/:id" element={<TumourPage />} />
        <Route path="registry/followup" element={<FollowupPage />} />
        <Route path="registry/export" element={<RegistryExportPage />} />
        <Route path="registry/dashboard" element={<RegistryDashboardPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

function NotFoundPage(): ReactElement {
  return <p>This page does not exist. Use the navigation on the left.</p>;
}

/** Where each user lands after sign-in: "My work", every queue of every duty they hold (issue 20). */
function home(permissions: string[]): string {
  if (permissions.includes('self:manage')) return '/my-work';
  // Coders start at their work queue.
  if (permissions.includes('coding:write')) return '/coding';
  // Billers (no chart access) start at the claim queue.
  if (permissions.includes('billing:write') && !permissions.includes('chart:read')) return '/billing/claims';
  if (permissions.includes('patient:read')) return '/patients';
  if (permissions.includes('code:read')) return '/codes';
  if (permissions.includes('system:read')) return '/system';
  if (permissions.includes('audit:read')) return '/audit';
  return '/account';
}
