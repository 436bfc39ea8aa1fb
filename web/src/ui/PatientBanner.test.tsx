// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ageOn, type BannerPatient, PatientBanner } from './PatientBanner.tsx';
import { renderUi } from './test-render.tsx';

afterEach(cleanup);
const patient: BannerPatient = {
  family: 'Okafor',
  given: 'Adaeze',
  mrn: 'MRN-00042',
  birthDate: '1980-06-15',
  sexAtBirth: 'F',
  restricted: false,
  restrictions: [],
};
const badges = () => screen.queryAllByTestId('restriction-badge').map((b) => b.textContent);

describe('PatientBanner', () => {
  it('names the patient, MRN, date of birth with age and sex, and no restriction badge when unrestricted', () => {
    renderUi(<PatientBanner patient={patient} today="2026-12-08" />);
    expect(screen.getByTestId('banner-name').textContent).toBe('OKAFOR, Adaeze');
    const text = screen.getByTestId('patient-banner').textContent ?? '';
    expect(text).toContain('MRN-00042');
    expect(text).toContain('1980-06-15 (46 y)');
    expect(text).toContain('Sex at birth F');
    expect(badges()).toEqual([]);
  });

  it('shows the nameable labels, or only "Restricted record" for a category label', () => {
    renderUi(<PatientBanner patient={{ ...patient, restricted: true, restrictions: ['vip'] }} />);
    expect(badges()).toEqual(['VIP']);
    cleanup();
    renderUi(<PatientBanner patient={{ ...patient, restricted: true, restrictions: [] }} />);
    expect(badges()).toEqual(['Restricted record']);
  });

  it('counts age in months under two, and to the date of death', () => {
    expect(ageOn('2026-03-20', '2026-12-08')).toBe('8 mo');
    expect(ageOn('1950-12-09', '2026-12-08')).toBe('75 y');
    renderUi(<PatientBanner patient={{ ...patient, dateOfDeath: '2020-06-14' }} today="2026-12-08" />);
    expect(screen.getByTestId('patient-banner').textContent).toContain('(39 y)');
    expect(screen.getByText('Deceased 2020-06-14')).toBeTruthy();
  });
});
