/**
 * A seeded generator of realistic synthetic patients (issue 4): no real person's data. Name lists are
 * composed here with rough US frequency weights; SSNs use the 9xx area, which SSA never issues, so a
 * synthetic SSN can never be a real one. It can emit known duplicates (typos, nicknames, transposed or
 * swapped dates, new surname, moved address) and keeps the truth for matching-quality measurements.
 */
export type Rng = () => number;

/** mulberry32: small, fast, deterministic for a seed. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const weighted = (spec: string) =>
  spec.split(' ').flatMap((w) => {
    const [name, n] = w.split(':');
    return Array<string>(Number(n ?? 1)).fill(name!);
  });

export const SURNAMES = weighted(
  'Smith:10 Johnson:8 Williams:7 Brown:7 Jones:6 Garcia:6 Miller:5 Davis:5 Rodriguez:5 Martinez:5 Hernandez:4 Lopez:4 Gonzalez:4 Wilson:4 Anderson:3 Thomas:3 Taylor:3 Moore:3 Jackson:3 Martin:3 Lee:3 Perez:3 Thompson:3 White:3 Harris:2 Sanchez:2 Clark:2 Ramirez:2 Lewis:2 Robinson:2 Walker:2 Young:2 Allen:2 King:2 Wright:2 Scott:2 Torres:2 Nguyen:2 Hill:2 Flores:2 Green:2 Adams:2 Nelson:2 Baker:2 Hall:2 Rivera:2 Campbell:2 Mitchell:2 Carter:2 Roberts:2 Okafor Lindqvist Kowalski Nakamura Haddad Fitzgerald Castellanos Abernathy Delacroix Yilmaz Petrov Chaudhry Mbeki Sorensen Oyelaran Vasquez Brennan Takahashi Novak Ferreira Kaminski Oduya Halvorsen Bergstrom Quintero Achterberg Moreau Vanderbilt Ishikawa Rosales Whitfield Pemberton',
);
export const FEMALE = weighted(
  'Mary:5 Patricia:4 Jennifer:4 Linda:4 Elizabeth:4 Barbara:3 Susan:3 Jessica:3 Sarah:3 Karen:3 Lisa:3 Nancy:2 Betty:2 Margaret:2 Sandra:2 Ashley:2 Kimberly:2 Emily:2 Donna:2 Michelle:2 Carol:2 Amanda:2 Dorothy:2 Melissa:2 Deborah:2 Rebecca:2 Katherine:2 Samantha:2 Olivia:2 Isabella:2 Sofia Maja Ada Chiamaka Yuki Priya Amara Ingrid Lucia Fatima Mei Zofia Victoria Abigail Christine Josephine Theresa',
);
export const MALE = weighted(
  'James:5 Robert:5 John:5 Michael:5 David:4 William:4 Richard:3 Joseph:3 Thomas:3 Christopher:3 Charles:3 Daniel:3 Matthew:3 Anthony:2 Mark:2 Donald:2 Steven:2 Paul:2 Andrew:2 Joshua:2 Kenneth:2 Kevin:2 Brian:2 George:2 Timothy:2 Ronald:2 Edward:2 Jason:2 Jeffrey:2 Ryan:2 Jacob:2 Nicholas:2 Benjamin:2 Samuel:2 Jose Francisco Tobi Kenji Arjun Emeka Lars Mateo Omar Wei Piotr Alexander Patrick Gregory Lawrence Henry Walter Raymond Eugene',
);
const STREETS =
  'Elm Oak Maple Cedar Pine Birch Walnut Chestnut Willow Spruce Harbor Mill River Church Main Park Washington Lincoln Jefferson Highland Lake Hill Spring Union Water School Forest Meadow Sunset Ridge'.split(
    ' ',
  );
const KINDS = ['Street', 'Avenue', 'Road', 'Lane', 'Drive', 'Court', 'Way', 'Place'];
const CITIES: [string, string, string][] = [
  ['Springfield', 'MA', '011'],
  ['Worcester', 'MA', '016'],
  ['Lowell', 'MA', '018'],
  ['Salem', 'MA', '019'],
  ['Providence', 'RI', '029'],
  ['Hartford', 'CT', '061'],
  ['Albany', 'NY', '122'],
  ['Burlington', 'VT', '054'],
  ['Portland', 'ME', '041'],
  ['Manchester', 'NH', '031'],
];
const PAYERS = [
  'Synthetic Health Plan',
  'Northeast Mutual Care',
  'Medicare Part B (synthetic)',
  'Medicaid (synthetic)',
  'Granite Benefit Co',
];
export const NICK: Record<string, string> = {
  William: 'Bill',
  Robert: 'Bob',
  Elizabeth: 'Liz',
  Margaret: 'Peggy',
  Richard: 'Rick',
  James: 'Jim',
  John: 'Jack',
  Joseph: 'Joe',
  Thomas: 'Tom',
  Charles: 'Charlie',
  Michael: 'Mike',
  Christopher: 'Chris',
  Katherine: 'Kate',
  Patricia: 'Pat',
  Jennifer: 'Jen',
  Rebecca: 'Becky',
  Daniel: 'Dan',
  David: 'Dave',
  Edward: 'Ed',
  Anthony: 'Tony',
  Andrew: 'Andy',
  Alexander: 'Alex',
  Benjamin: 'Ben',
  Samuel: 'Sam',
  Matthew: 'Matt',
  Nicholas: 'Nick',
  Timothy: 'Tim',
  Kenneth: 'Ken',
  Ronald: 'Ron',
  Donald: 'Don',
  Samantha: 'Sam',
  Deborah: 'Debbie',
  Susan: 'Sue',
  Victoria: 'Vicky',
  Abigail: 'Abby',
  Dorothy: 'Dot',
  Barbara: 'Barb',
  Joshua: 'Josh',
  Jacob: 'Jake',
  Kimberly: 'Kim',
  Sarah: 'Sally',
  Mary: 'Molly',
  Lawrence: 'Larry',
  Henry: 'Hank',
  Walter: 'Walt',
  Raymond: 'Ray',
  Eugene: 'Gene',
  Jeffrey: 'Jeff',
  Gregory: 'Greg',
  Patrick: 'Pat',
  Christine: 'Chris',
  Josephine: 'Josie',
  Theresa: 'Tess',
  Isabella: 'Bella',
  Olivia: 'Liv',
  Emily: 'Em',
  Francisco: 'Paco',
};

export interface SyntheticPatient {
  key: number;
  family: string;
  given: string;
  middle: string | null;
  birthDate: string;
  sex: 'F' | 'M';
  ssn: string | null;
  phone: string | null;
  address: { line1: string; city: string; state: string; postalCode: string } | null;
  coverage: { payer: string; memberId: string; groupNumber: string; effectiveFrom: string } | null;
  /** When this record is a planted duplicate: the key of the original and the slips applied. */
  duplicateOf: number | null;
  slips: string[];
}

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const pad = (n: number, w: number) => String(n).padStart(w, '0');

function birthDate(r: Rng): string {
  // Ages 0–99, weighted toward adults, as in a general hospital's index.
  const age = Math.floor(Math.min(99, Math.abs(r() + r() + r() - 1.5) * 45 + r() * 40));
  const d = new Date(Date.UTC(2026 - age, 0, 1) - Math.floor(r() * 365) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export function address(r: Rng): SyntheticPatient['address'] {
  const [city, state, zip3] = pick(r, CITIES);
  return {
    line1: `${1 + Math.floor(r() * 998)} ${pick(r, STREETS)} ${pick(r, KINDS)}`,
    city,
    state,
    postalCode: `${zip3}${pad(Math.floor(r() * 100), 2)}`,
  };
}

export const phone = (r: Rng) =>
  `555${pad(200 + Math.floor(r() * 700), 3)}${pad(Math.floor(r() * 10_000), 4)}`;

export function newPatient(r: Rng, key: number): SyntheticPatient {
  const sex = r() < 0.52 ? 'F' : 'M';
  const dob = birthDate(r);
  return {
    key,
    family: pick(r, SURNAMES),
    given: pick(r, sex === 'F' ? FEMALE : MALE),
    middle: r() < 0.4 ? pick(r, sex === 'F' ? FEMALE : MALE) : null,
    birthDate: dob,
    sex,
    ssn:
      r() < 0.7
        ? `9${pad(Math.floor(r() * 100), 2)}${pad(1 + Math.floor(r() * 99), 2)}${pad(1 + Math.floor(r() * 9999), 4)}`
        : null,
    phone: r() < 0.9 ? phone(r) : null,
    address: r() < 0.95 ? address(r) : null,
    coverage:
      r() < 0.85
        ? {
            payer: pick(r, PAYERS),
            memberId: `M${pad(Math.floor(r() * 1e9), 9)}`,
            groupNumber: `G${pad(Math.floor(r() * 1e4), 4)}`,
            effectiveFrom: '2025-01-01',
          }
        : null,
    duplicateOf: null,
    slips: [],
  };
}

export function typo(r: Rng, s: string): string {
  const i = 1 + Math.floor(r() * Math.max(1, s.length - 2));
  const k = r();
  if (k < 0.33 && i + 1 < s.length) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  if (k < 0.66) return s.slice(0, i) + s.slice(i + 1);
  return s.slice(0, i) + 'aeiou'[Math.floor(r() * 5)] + s.slice(i + 1);
}

/** Applies one to three registration slips to a copy of `p` (the truth is kept on the copy). */
function duplicateOf(r: Rng, p: SyntheticPatient, key: number): SyntheticPatient {
  const d: SyntheticPatient = { ...p, key, duplicateOf: p.key, slips: [] };
  const slips = [
    'typo-family',
    'typo-given',
    'nickname',
    'transposed-date',
    'swapped-date',
    'new-surname',
    'moved',
    'no-ssn',
  ];
  const n = 1 + Math.floor(r() * 3);
  for (let tries = 0; d.slips.length < n && tries < 20; tries++) {
    const s = pick(r, slips);
    if (d.slips.includes(s)) continue;
    if (s === 'typo-family') d.family = typo(r, d.family);
    else if (s === 'typo-given') d.given = typo(r, d.given);
    else if (s === 'nickname' && NICK[d.given]) d.given = NICK[d.given]!;
    else if (s === 'transposed-date') {
      const [y, m, day] = d.birthDate.split('-');
      if (day![0] !== day![1] && Number(`${day![1]}${day![0]}`) <= 28)
        d.birthDate = `${y}-${m}-${day![1]}${day![0]}`;
      else continue;
    } else if (s === 'swapped-date') {
      const [y, m, day] = d.birthDate.split('-');
      if (Number(day) <= 12 && day !== m) d.birthDate = `${y}-${day}-${m}`;
      else continue;
    } else if (s === 'new-surname') d.family = pick(r, SURNAMES);
    else if (s === 'moved') {
      d.address = address(r);
      d.phone = r() < 0.5 ? phone(r) : d.phone;
    } else if (s === 'no-ssn') d.ssn = null;
    else continue;
    d.slips.push(s);
  }
  return d;
}

/**
 * Yields `count` synthetic patients; about `duplicateRate` of them are planted duplicates of an earlier one.
 * @example for (const p of generatePatients(42, 1000, 0.05)) …
 */
export function* generatePatients(
  seed: number,
  count: number,
  duplicateRate = 0,
): Generator<SyntheticPatient> {
  const r = rng(seed);
  const recent: SyntheticPatient[] = [];
  for (let key = 0; key < count; key++) {
    const dup = recent.length > 0 && r() < duplicateRate;
    const p = dup ? duplicateOf(r, pick(r, recent), key) : newPatient(r, key);
    if (!dup) {
      if (recent.length < 5000) recent.push(p);
      else recent[Math.floor(r() * recent.length)] = p;
    }
    yield p;
  }
}
