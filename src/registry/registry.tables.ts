import type { ColumnType, Generated } from 'kysely';

/**
 * One NAACCR data dictionary item (issue 14: "the dictionary … drives field types, lengths, allowed codes and
 * the record layout"). Loaded from the NAACCR base dictionary XML (`registry dictionary load`), one set of
 * rows per version (`250`, `260`).
 */
export interface RegistryDictionaryItemTable {
  version: string;
  naaccr_id: string;
  naaccr_num: number;
  name: string;
  length: number;
  data_type: string;
  /** NaaccrData, Patient or Tumor: where the item sits in NAACCR XML. */
  parent_element: string;
  record_types: string;
}

/**
 * A registry patient: the patient-level NAACCR items (name, birth date, sex, vital status, date of last
 * contact, …) once per person, keyed by Patient ID Number (#20). `patient_id` links the patient index when
 * the person is a Chartkeeper patient (cases found here); imported cases from other registries may have none.
 */
export interface RegistryPatientTable {
  id: Generated<string>;
  patient_id: string | null;
  patient_id_number: string;
  items: Record<string, string>;
  created_at: Date;
  updated_at: Date;
}

/** One primary tumour (abstract): its Tumor-level NAACCR items keyed by XML id. */
export interface RegistryTumourTable {
  id: Generated<string>;
  registry_patient_id: string;
  patient_id: string | null;
  /** Tumor Record Number (#60): the stable key within a patient (sequence numbers get renumbered). */
  tumor_record_number: string;
  dictionary_version: string;
  items: Record<string, string>;
  status: 'abstracting' | 'complete';
  /** Multiple-primary decision (our documented rule) and its reason, overrulable by the registrar. */
  primary_decision: Record<string, unknown> | null;
  source: string;
  version: Generated<number>;
  created_by: string;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
}

/** Every saved state of a tumour (issue 14: "every change is versioned and audited"). */
export interface RegistryTumourVersionTable {
  id: Generated<string>;
  tumour_id: string;
  patient_id: string | null;
  version: number;
  items: Record<string, string>;
  changed_items: string[];
  changed_by: string;
  changed_at: Date;
}

/** A case-finding hit waiting for the registrar; one per source (unique source_kind + source_id). */
export interface RegistrySuspenseTable {
  id: Generated<string>;
  patient_id: string;
  source_kind: 'encounter_code' | 'problem' | 'pathology' | 'hl7_oru';
  source_id: string;
  reason: string;
  code: string | null;
  /** The date of the source (encounter finalized, problem onset, result performed), YYYY-MM-DD. */
  source_date: string | null;
  /** The report sentence that made a text hit (pathology screen). */
  excerpt: string | null;
  found_at: Date;
  status: 'open' | 'accepted' | 'not_reportable' | 'merged';
  tumour_id: string | null;
  resolution_reason: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
}

/** The reportable list as data, versioned by diagnosis year (issue 14 "Reportable list as data"). */
export interface RegistryReportableRuleTable {
  id: Generated<string>;
  code_system: 'icd10cm' | 'icdo3_behavior' | 'icdo3_site';
  code_from: string;
  code_to: string;
  action: 'include' | 'exclude';
  from_year: number;
  to_year: number | null;
  note: string;
}

/** One case-finding run: its watermark and counts (resumable from `cursor`). */
export interface RegistryCasefindRunTable {
  id: Generated<string>;
  started_at: Date;
  finished_at: Date | null;
  since: Date | null;
  cursor: Record<string, string> | null;
  screened: number;
  hits: number;
  new_hits: number;
  trigger: string;
}

/** One contact with a registry patient (issue 14 "Follow-up"); append-only, the latest sets #1750/#1760. */
export interface RegistryFollowupContactTable {
  id: Generated<string>;
  registry_patient_id: string;
  patient_id: string | null;
  /** #1750 Date of Last Contact this contact gives, YYYY-MM-DD. */
  contact_date: string;
  /** #1760 Vital Status: 0 dead, 1 alive. */
  vital_status: '0' | '1';
  /** #1770 Cancer Status: 1 no evidence, 2 evidence, 9 unknown (for every tumour of the patient). */
  cancer_status: '1' | '2' | '9' | null;
  /** #1790 Follow-Up Source. */
  follow_up_source: string;
  /** #1910 Cause of Death (ICD-10, no dot) when dead. */
  cause_of_death: string | null;
  source_kind: 'letter_reply' | 'phone' | 'chart_review' | 'other' | 'encounter' | 'result' | 'death';
  /** The passive source's id (encounter, result, death record); unique with the kind. */
  source_id: string | null;
  letter_id: string | null;
  note: string | null;
  recorded_by: string;
  recorded_at: Date;
}

/** A follow-up letter, one of a mail-merge batch (the batch's PDF is made from these rows). */
export interface RegistryFollowupLetterTable {
  id: Generated<string>;
  batch_id: string;
  registry_patient_id: string;
  patient_id: string | null;
  recipient: 'patient' | 'physician';
  due_date: string;
  created_by: string;
  created_at: Date;
}

/** A reference table the site loaded from a file (the SEER Site Recode ranges), parsed rows as JSON. */
export interface RegistryReferenceTable {
  name: string;
  source_name: string;
  rows: ColumnType<unknown[], string, string>;
  loaded_at: ColumnType<Date, Date | undefined, Date>;
  loaded_by: string;
}

export interface RegistryTables {
  registry_reference: RegistryReferenceTable;
  registry_dictionary_item: RegistryDictionaryItemTable;
  registry_patient: RegistryPatientTable;
  registry_tumour: RegistryTumourTable;
  registry_tumour_version: RegistryTumourVersionTable;
  registry_suspense: RegistrySuspenseTable;
  registry_reportable_rule: RegistryReportableRuleTable;
  registry_casefind_run: RegistryCasefindRunTable;
  registry_followup_contact: RegistryFollowupContactTable;
  registry_followup_letter: RegistryFollowupLetterTable;
}
