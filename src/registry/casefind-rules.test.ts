import { describe, expect, it } from 'vitest';
import {
  defaultReportableList,
  inRange,
  isPathologyResult,
  reportableCode,
  screenText,
} from './casefind-rules.ts';

const rules = defaultReportableList();

describe('reportable list', () => {
  it('includes malignant neoplasms and excludes basal and squamous cell carcinoma of skin', () => {
    expect(reportableCode(rules, 'icd10cm', 'C50.911', 2026)).toMatch(/Malignant/);
    expect(reportableCode(rules, 'icd10cm', 'C44.311', 2026)).toBeUndefined();
    expect(reportableCode(rules, 'icd10cm', 'C44.01', 2026)).toBeUndefined();
    expect(reportableCode(rules, 'icd10cm', 'C44.321', 2026)).toBeUndefined();
    expect(reportableCode(rules, 'icd10cm', 'C43.9', 2026)).toMatch(/Malignant/);
    expect(reportableCode(rules, 'icd10cm', 'C4A.9', 2026)).toMatch(/Malignant/);
  });

  it('includes in situ and benign brain/CNS, not CIN III, and nothing outside the year', () => {
    expect(reportableCode(rules, 'icd10cm', 'D05.11', 2026)).toMatch(/in situ/);
    expect(reportableCode(rules, 'icd10cm', 'D06.9', 2026)).toBeUndefined();
    expect(reportableCode(rules, 'icd10cm', 'D33.2', 2026)).toMatch(/brain/);
    expect(reportableCode(rules, 'icd10cm', 'D35.2', 2026)).toMatch(/pituitary/);
    expect(reportableCode(rules, 'icd10cm', 'D36.9', 2026)).toBeUndefined();
    expect(reportableCode(rules, 'icd10cm', 'E11.9', 2026)).toBeUndefined();
    expect(reportableCode(rules, 'icd10cm', 'C50.911', 2010)).toBeUndefined();
    expect(reportableCode(rules, 'icdo3_behavior', '3', 2026)).toBeDefined();
    expect(reportableCode(rules, 'icdo3_behavior', '1', 2026)).toBeUndefined();
  });

  it('matches ranges by prefix', () => {
    expect(inRange('C96.Z', 'C00', 'C96')).toBe(true);
    expect(inRange('D49.6', 'D496', 'D497')).toBe(true);
    expect(inRange('D49.5', 'D496', 'D497')).toBe(false);
  });
});

describe('pathology keyword screen', () => {
  it.each([
    'Invasive ductal carcinoma, grade 2, margins clear.',
    'FINAL DIAGNOSIS: Diffuse large B-cell lymphoma.',
    'Lymph nodes negative for carcinoma; adenocarcinoma present in the colon.',
    'Malignant melanoma, Breslow depth 1.2 mm.',
  ])('finds "%s"', (text) => {
    expect(screenText(text)).toBeDefined();
  });

  it.each([
    'Negative for malignancy.',
    'No evidence of carcinoma.',
    'Benign fibroadenoma. Carcinoma: not identified.',
    'Skin, left arm, shave: seborrheic keratosis. Negative for dysplasia and malignancy.',
    'Rule out lymphoma; reactive lymphoid hyperplasia.',
  ])('does not find "%s"', (text) => {
    expect(screenText(text)).toBeUndefined();
  });

  it('knows a pathology result by LOINC code or name', () => {
    expect(isPathologyResult('22637-3', 'Path report')).toBe(true);
    expect(isPathologyResult('XYZ', 'Surgical pathology report')).toBe(true);
    expect(isPathologyResult('2345-7', 'Glucose')).toBe(false);
  });
});
