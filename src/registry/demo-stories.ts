/**
 * Synthetic cancer storylines for `demo seed --cancer` (issue 14): a biopsy whose pathology report names a
 * reportable tumour, usually followed by a visit coded with its ICD-10-CM code (all in the shipped code-set
 * sample, src/coding/sample, so coding can make the visit final). Wording is made up, in the style of a
 * surgical pathology diagnosis line; never taken from a real report.
 */
export interface CancerStory {
  site: string;
  /** Sex assigned at birth the story fits ('F' breast, 'M' prostate); any when absent. */
  sex?: 'F' | 'M';
  /** Final ICD-10-CM diagnosis of the treatment visit (reportable: C00–C96, D00–D09, benign CNS D32). */
  code: string;
  report: string;
}

export const CANCER_STORIES: CancerStory[] = [
  {
    site: 'breast',
    sex: 'F',
    code: 'C50.911',
    report: 'Right breast, 10 o’clock, core needle biopsy: Invasive ductal carcinoma, Nottingham grade 2.',
  },
  {
    site: 'prostate',
    sex: 'M',
    code: 'C61',
    report: 'Prostate, needle biopsies: Acinar adenocarcinoma, Gleason score 3+4=7, in 4 of 12 cores.',
  },
  {
    site: 'lung',
    code: 'C34.11',
    report: 'Lung, right upper lobe, wedge resection: Adenocarcinoma, acinar predominant, 1.8 cm.',
  },
  {
    site: 'colon',
    code: 'C18.7',
    report:
      'Sigmoid colon, segmental resection: Adenocarcinoma, moderately differentiated, into the muscularis propria.',
  },
  {
    site: 'skin (melanoma)',
    code: 'C43.59',
    report:
      'Skin, upper back, excision: Malignant melanoma, superficial spreading type, Breslow thickness 0.8 mm.',
  },
  {
    site: 'breast (in situ)',
    sex: 'F',
    code: 'D05.11',
    report: 'Right breast, stereotactic biopsy: Ductal carcinoma in situ, cribriform type, nuclear grade 2.',
  },
  {
    site: 'lymph nodes',
    code: 'C83.38',
    report: 'Lymph node, left cervical, excisional biopsy: Diffuse large B-cell lymphoma.',
  },
  {
    site: 'meninges',
    code: 'D32.9',
    report: 'Brain, parasagittal mass, resection: Meningioma, WHO grade 1.',
  },
];

/**
 * Benign biopsies whose reports mention a case-finding term only behind a negation ("negative for",
 * "no evidence of", "not identified"): the keyword screen must pass them by. Some visits are also coded with
 * a basal cell carcinoma of skin (C44.311), which the reportable list excludes.
 */
export const BENIGN_REPORTS: string[] = [
  'Colon, polypectomy: Tubular adenoma. Negative for high-grade dysplasia and malignancy.',
  'Skin, left forearm, shave biopsy: Seborrheic keratosis. No evidence of malignancy.',
  'Left breast, core needle biopsy: Fibroadenoma. Negative for carcinoma.',
  'Thyroid, fine needle aspiration: Benign follicular nodule. Malignancy: not identified.',
];

/** The excluded skin code the benign storyline's visit is coded with (reportable list: C44 excluded). */
export const EXCLUDED_SKIN_CODE = 'C44.311';
