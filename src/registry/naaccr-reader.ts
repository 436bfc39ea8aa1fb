import { SaxesParser, type SaxesTagNS } from 'saxes';
import { checkValue, type Dictionary, NAACCR_NS, type ParentElement, versionOfUri } from './dictionary.ts';

/** One Patient element of a NAACCR XML file with its Tumor elements, and what is wrong with it. */
export interface NaaccrPatientRecord {
  /** 1-based position of the Patient element in the file (names the record in errors). */
  index: number;
  line: number;
  items: Record<string, string>;
  tumours: Record<string, string>[];
  errors: string[];
}

export interface NaaccrHeader {
  baseDictionaryUri: string;
  version: string;
  recordType: string;
  specificationVersion: string;
  items: Record<string, string>;
}

export class NaaccrSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

interface ReaderState {
  header?: NaaccrHeader;
  patient?: NaaccrPatientRecord;
  tumour?: Record<string, string>;
  item?: { id: string; text: string; level: ParentElement };
  patients: number;
  /** Depth inside a foreign-namespace extension element (skipped, NAACCR XML allows them). */
  foreignDepth: number;
}

/**
 * A streaming NAACCR XML reader (NAACCR XML specification 1.x, naaccr_data_1.x.xsd): feed it chunks, take
 * finished Patient records as they complete. Items are checked against the dictionary named by the file's
 * baseDictionaryUri: unknown ids, wrong parent level, values too long or of the wrong type are errors of the
 * record (file-level problems throw NaaccrSyntaxError).
 */
export class NaaccrReader {
  private readonly parser = new SaxesParser({ xmlns: true });
  private readonly state: ReaderState = { patients: 0, foreignDepth: 0 };
  private readonly done: NaaccrPatientRecord[] = [];
  private dict?: Dictionary;

  constructor(private readonly dictionaryOf: (version: string) => Dictionary | undefined) {
    this.parser.on('opentag', (t) => this.open(t));
    this.parser.on('closetag', (t) => this.close(t));
    this.parser.on('text', (text) => {
      if (this.state.item) this.state.item.text += text;
    });
    this.parser.on('cdata', (text) => {
      if (this.state.item) this.state.item.text += text;
    });
    this.parser.on('error', (e) => {
      throw new NaaccrSyntaxError(`The file is not well-formed XML: ${e.message}`, this.parser.line);
    });
  }

  get header(): NaaccrHeader | undefined {
    return this.state.header;
  }

  /** Parses a chunk; returns the Patient records finished in it. */
  write(chunk: string): NaaccrPatientRecord[] {
    this.parser.write(chunk);
    return this.done.splice(0);
  }

  /** Ends the document; throws if it is incomplete. */
  end(): NaaccrPatientRecord[] {
    this.parser.close();
    if (!this.state.header)
      throw new NaaccrSyntaxError('The file has no NaaccrData element.', this.parser.line);
    return this.done.splice(0);
  }

  private fail(message: string): never {
    throw new NaaccrSyntaxError(message, this.parser.line);
  }

  private open(t: SaxesTagNS): void {
    const s = this.state;
    if (s.foreignDepth > 0 || (t.uri !== NAACCR_NS && s.header)) {
      s.foreignDepth++;
      return;
    }
    if (t.uri !== NAACCR_NS) this.fail(`The root element must be NaaccrData in namespace ${NAACCR_NS}.`);
    if (!s.header) {
      this.openRoot(t);
      return;
    }
    if (s.item) this.fail(`Element ${t.local} is not allowed inside an Item (line ${this.parser.line}).`);
    if (t.local === 'Patient' && !s.patient) {
      s.patients++;
      s.patient = { index: s.patients, line: this.parser.line, items: {}, tumours: [], errors: [] };
    } else if (t.local === 'Tumor' && s.patient && !s.tumour) {
      s.tumour = {};
    } else if (t.local === 'Item') {
      const id = t.attributes.naaccrId?.value;
      if (!id) this.fail(`An Item without naaccrId (line ${this.parser.line}).`);
      s.item = { id, text: '', level: s.tumour ? 'Tumor' : s.patient ? 'Patient' : 'NaaccrData' };
    } else {
      this.fail(`Unexpected element ${t.local} (line ${this.parser.line}).`);
    }
  }

  private openRoot(t: SaxesTagNS): void {
    if (t.local !== 'NaaccrData') this.fail('The root element must be NaaccrData.');
    const a = (n: string) => t.attributes[n]?.value;
    const uri = a('baseDictionaryUri');
    const recordType = a('recordType');
    const spec = a('specificationVersion');
    if (!uri || !recordType || !spec)
      this.fail('NaaccrData needs baseDictionaryUri, recordType and specificationVersion.');
    if (!['A', 'M', 'C', 'I'].includes(recordType)) this.fail(`Unknown recordType "${recordType}".`);
    const version = versionOfUri(uri) ?? '';
    this.dict = this.dictionaryOf(version);
    if (!this.dict) this.fail(`No NAACCR dictionary is loaded for ${uri}.`);
    this.state.header = {
      baseDictionaryUri: uri,
      version,
      recordType,
      specificationVersion: spec,
      items: {},
    };
  }

  private close(t: SaxesTagNS): void {
    const s = this.state;
    if (s.foreignDepth > 0) {
      s.foreignDepth--;
      return;
    }
    if (t.local === 'Item' && s.item) {
      this.closeItem(s.item);
      return;
    }
    if (t.local === 'Tumor' && s.patient && s.tumour) {
      s.patient.tumours.push(s.tumour);
      s.tumour = undefined;
    } else if (t.local === 'Patient' && s.patient) {
      this.done.push(s.patient);
      s.patient = undefined;
    }
  }

  private closeItem(item: NonNullable<ReaderState['item']>): void {
    const s = this.state;
    s.item = undefined;
    const value = item.text.trim();
    const where = s.patient
      ? `Patient ${s.patient.index}${s.tumour ? `, Tumor ${s.patient.tumours.length + 1}` : ''}`
      : 'NaaccrData';
    const def = this.dict?.items.get(item.id);
    const problem = !def
      ? `unknown item "${item.id}"`
      : def.parent !== item.level
        ? `item ${item.id} belongs in ${def.parent}, not ${item.level}`
        : value === ''
          ? undefined
          : checkValue(def, value);
    if (problem) {
      if (!s.patient) this.fail(`${where}: ${problem}.`);
      s.patient.errors.push(`${where}: ${problem}`);
      return;
    }
    if (value === '') return;
    const target = s.tumour ?? s.patient?.items ?? s.header?.items;
    if (target) target[item.id] = value;
  }
}
