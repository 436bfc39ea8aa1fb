import type { ComponentType } from 'react';

/**
 * The face sheet's tab slot. The patient index shows demographics, history and merges; the chart domain
 * adds its tabs (history, medications, allergies, encounters, results, notes) by pushing here.
 */
export interface PatientTab {
  value: string;
  label: string;
  Panel: ComponentType<{ patientId: string }>;
  /** Shown only to users holding this permission. */
  permission?: string;
}

export const patientTabs: PatientTab[] = [];

export function registerPatientTab(tab: PatientTab): void {
  if (!patientTabs.some((t) => t.value === tab.value)) patientTabs.push(tab);
}
