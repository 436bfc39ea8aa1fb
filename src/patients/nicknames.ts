/**
 * A modest table of English given-name variants, composed for matching (common diminutives; public
 * knowledge, not copied from a licensed list). Each group lists names that a clerk may record for the same
 * person; matching treats any two names of one group as a strong partial agreement.
 */
const GROUPS: string[][] = [
  ['william', 'bill', 'billy', 'will', 'willy', 'liam'],
  ['robert', 'bob', 'bobby', 'rob', 'robbie', 'bert'],
  ['elizabeth', 'liz', 'lizzie', 'beth', 'betty', 'eliza', 'libby', 'betsy'],
  ['margaret', 'maggie', 'meg', 'peggy', 'marge', 'margie'],
  ['richard', 'rick', 'ricky', 'dick', 'rich'],
  ['james', 'jim', 'jimmy', 'jamie'],
  ['john', 'jack', 'johnny', 'jon'],
  ['jonathan', 'jon', 'jonny'],
  ['joseph', 'joe', 'joey'],
  ['thomas', 'tom', 'tommy'],
  ['charles', 'charlie', 'chuck', 'chas'],
  ['michael', 'mike', 'mikey', 'mick'],
  ['christopher', 'chris', 'kit'],
  ['christine', 'chris', 'chrissy', 'tina'],
  ['katherine', 'kate', 'kathy', 'katie', 'kat', 'kay', 'catherine', 'cathy'],
  ['patricia', 'pat', 'patty', 'trish', 'tricia'],
  ['patrick', 'pat', 'paddy'],
  ['jennifer', 'jen', 'jenny'],
  ['rebecca', 'becky', 'becca'],
  ['susan', 'sue', 'susie', 'suzanne'],
  ['deborah', 'debbie', 'deb'],
  ['daniel', 'dan', 'danny'],
  ['david', 'dave', 'davy'],
  ['edward', 'ed', 'eddie', 'ted', 'ned'],
  ['anthony', 'tony'],
  ['andrew', 'andy', 'drew'],
  ['alexander', 'alex', 'sandy', 'al'],
  ['alexandra', 'alex', 'sandra', 'lexi'],
  ['benjamin', 'ben', 'benny'],
  ['samuel', 'sam', 'sammy'],
  ['samantha', 'sam', 'sammy'],
  ['matthew', 'matt'],
  ['nicholas', 'nick', 'nicky'],
  ['steven', 'steve', 'stephen'],
  ['timothy', 'tim', 'timmy'],
  ['gregory', 'greg'],
  ['kenneth', 'ken', 'kenny'],
  ['ronald', 'ron', 'ronnie'],
  ['donald', 'don', 'donnie'],
  ['lawrence', 'larry'],
  ['gerald', 'jerry'],
  ['henry', 'hank', 'harry'],
  ['harold', 'harry', 'hal'],
  ['frances', 'fran', 'frannie'],
  ['francis', 'frank'],
  ['franklin', 'frank'],
  ['victoria', 'vicky', 'tori'],
  ['abigail', 'abby'],
  ['dorothy', 'dot', 'dottie'],
  ['barbara', 'barb', 'babs'],
  ['judith', 'judy'],
  ['theresa', 'terry', 'tess'],
  ['joshua', 'josh'],
  ['zachary', 'zach'],
  ['jacob', 'jake'],
  ['nathaniel', 'nate', 'nathan'],
  ['jessica', 'jess', 'jessie'],
  ['cynthia', 'cindy'],
  ['pamela', 'pam'],
  ['kimberly', 'kim'],
  ['sarah', 'sally', 'sara'],
  ['mary', 'molly', 'polly', 'mae'],
  ['ann', 'anne', 'annie', 'anna', 'nancy'],
  ['josephine', 'jo', 'josie'],
  ['raymond', 'ray'],
  ['walter', 'walt'],
  ['eugene', 'gene'],
  ['leonard', 'leo', 'len', 'lenny'],
  ['douglas', 'doug'],
  ['jeffrey', 'jeff'],
  ['philip', 'phil'],
  ['peter', 'pete'],
  ['vincent', 'vince', 'vinny'],
  ['isabella', 'bella', 'izzy'],
  ['olivia', 'liv', 'livvy'],
  ['emily', 'em', 'emmy'],
  ['madeline', 'maddie'],
  ['jose', 'pepe'],
  ['francisco', 'paco', 'pancho'],
  ['guadalupe', 'lupe'],
];

const index = new Map<string, Set<number>>();
GROUPS.forEach((group, i) => {
  for (const name of group) {
    const set = index.get(name) ?? new Set<number>();
    set.add(i);
    index.set(name, set);
  }
});

/** True when the two given names are variants of one another (e.g. Bill and William). */
export function isNickname(a: string, b: string): boolean {
  const x = index.get(a.toLowerCase());
  const y = index.get(b.toLowerCase());
  if (!x || !y) return false;
  for (const g of x) if (y.has(g)) return true;
  return false;
}

/** Every name in any group with this one (for the registration preview's blocking). */
export function nameVariants(name: string): string[] {
  const out = new Set<string>();
  for (const g of index.get(name.toLowerCase()) ?? []) for (const n of GROUPS[g] ?? []) out.add(n);
  return [...out];
}
