/**
 * What a pasted article's own text says about it when it has no front matter: which lead line is
 * the headline rather than a section label, the date its time stamp gives, and the publisher its
 * wire dateline, copyright line or page furniture names. Nothing is guessed: a date needs its year,
 * and a publisher must be named where pages name their publisher.
 */

/** A date read from a time stamp, and whether the stamp gave it as an update. */
export interface PublicationDate {
  date: string;
  updated: boolean;
}

const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
/** "June 3, 2026", "Jun. 1, 2026", "19 MAY 2026", "Tue 2 Jun 2026". */
const WRITTEN_DATE = new RegExp(
  String.raw`\b(?:${MONTH}\s+(\d{1,2}),?\s+(\d{4})|(\d{1,2})\s+${MONTH},?\s+(\d{4}))\b`,
  'giu',
);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** What a time stamp holds besides its dates: times, zones, weekdays and the words around them. */
const STAMP_WORDS = new RegExp(
  [
    String.raw`\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?`,
    String.raw`\b\d{1,2}\s*[ap]\.?m\.?`,
    String.raw`\b(?:published|updated|posted|first|last|modified|on|at|ago|just|now|hours?|hrs?|minutes?|mins?|days?|weeks?|read|min)\b`,
    String.raw`\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b\.?`,
    String.raw`\d+`,
    String.raw`[^\p{L}]+`,
  ].join('|'),
  'giu',
);
/** Time zones: "EDT", "IST", "BST", "ET". */
const TIME_ZONE = /\b[A-Z]{2,4}\b/gu;

/** The dates of a line, in order, each marked as an update when "Updated" or "modified" precedes it. */
export function datesIn(line: string): PublicationDate[] {
  const out: PublicationDate[] = [];
  let from = 0;
  for (const m of line.matchAll(WRITTEN_DATE)) {
    const [month, day, year] = m[1] ? [m[1], m[2]!, m[3]!] : [m[5]!, m[4]!, m[6]!];
    const monthNumber = MONTHS.indexOf(month.toLowerCase().slice(0, 3)) + 1;
    const dayNumber = Number(day);
    if (monthNumber < 1 || dayNumber < 1 || dayNumber > 31) continue;
    const date = `${year}-${String(monthNumber).padStart(2, '0')}-${String(dayNumber).padStart(2, '0')}`;
    out.push({ date, updated: /\b(updated|modified)\b/i.test(line.slice(from, m.index)) });
    from = m.index + m[0].length;
  }
  return out;
}

/**
 * The dates of a time-stamp line ("June 3, 2026 4:12 PM EDT Updated 2 hours ago", "Bengaluru |
 * Updated: June 9, 2026 21:14 IST"), or null when the line is anything else: a stamp holds dates,
 * times and their labels, and at most one other word (the place a stamp may name).
 */
export function stampDates(line: string): PublicationDate[] | null {
  if (line.length > 100) return null;
  const dates = datesIn(line);
  if (dates.length === 0) return null;
  const rest = line.replace(WRITTEN_DATE, ' ').replace(STAMP_WORDS, ' ').replace(TIME_ZONE, ' ').trim();
  return rest.split(/\s+/).filter(Boolean).length <= 1 ? dates : null;
}

/** The publication date: the first stamp date not given as an update, else the first update. */
export function publicationDate(stamps: readonly PublicationDate[]): string | null {
  return (stamps.find((s) => !s.updated) ?? stamps[0])?.date ?? null;
}

/** "HOUSTON, June 3 (Meridian Wire) -", "CLEVELAND, Ohio (WCLQ) -": the agency in brackets. */
const WIRE_DATELINE = /^\p{Lu}[\p{Lu}\p{M} .'’-]+(?:,\s*[\p{L}\p{N}. ]{1,30}){0,2}\s*\(([^()]{2,40})\)\s*[-–—]/u;
/** "© 2026 Meridian Wire. All rights reserved.", "Copyright 2026 WCLQ.", "© The Indus Post Pvt Ltd". */
const COPYRIGHT =
  /^(?:copyright\s*)?(?:©|\(c\))?\s*(?:copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?(.+?)(?:\.\s.*|\.|\s*,?\s+all rights reserved.*|\s+\|.*)?$/iu;
/** Page furniture that names the page's own publication: sign-ups, "More from", app plugs. */
const OWN_NAME: RegExp[] = [
  /^more from (.+)$/iu,
  /^sign up (?:to|for) (?:the |our )?(.+?) newsletters?\b/iu,
  /^click here to join (.+?) on \w+/iu,
  /^(?:download|get) the (.+?) app\b/iu,
];
/** Company endings a publisher's name is cited without. */
const COMPANY_SUFFIX = /[\s,]+(pvt\.?\s+ltd|ltd|limited|inc|llc|plc|pty\s+ltd|co)\.?$/i;

/** A name as a publisher: capitalised, a few words, no sentence. */
function publisherName(raw: string): string | null {
  const name = raw.replace(COMPANY_SUFFIX, '').replace(/[\s.,;:]+$/, '').trim();
  const words = name.split(/\s+/);
  return /^\p{Lu}/u.test(name) && words.length <= 6 && name.length <= 60 ? name : null;
}

/**
 * The publisher the page names: the agency of a wire dateline, else the holder of a copyright line,
 * else a name two pieces of the page's own furniture agree on ("More from X", "Sign up to the X
 * newsletter"). Photo credits alone name agencies and photographers, never the publisher.
 */
export function publisherNamed(lines: readonly string[]): string | null {
  for (const line of lines) {
    const wire = WIRE_DATELINE.exec(line);
    const name = wire ? publisherName(wire[1]!) : null;
    if (name) return name;
  }
  for (const line of lines) {
    if (!/^(©|\(c\)|copyright\b)/i.test(line)) continue;
    const holder = COPYRIGHT.exec(line);
    const name = holder ? publisherName(holder[1]!) : null;
    if (name) return name;
  }
  const named = new Map<string, number>();
  for (const line of lines) {
    for (const re of OWN_NAME) {
      const m = re.exec(line);
      const name = m ? publisherName(m[1]!) : null;
      if (!name) continue;
      const count = (named.get(name) ?? 0) + 1;
      if (count >= 2) return name;
      named.set(name, count);
    }
  }
  return null;
}

/** A breadcrumb or label trail: "NEWS > HEALTH", "World | Middle East", "Home / Cities / Pune". */
const TRAIL = /\s[>|/»›·•]\s|^[>|/»›·•←→]|[>|/»›·•←→]$/u;

/**
 * Whether a heading-like lead line is a section label or kicker rather than a headline: a trail
 * of labels, a line in capitals (a masthead or a kicker), or a row of capitalised menu words.
 */
export function isSectionLabel(line: string): boolean {
  if (TRAIL.test(line)) return true;
  const letters = line.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase()) return true;
  const words = line.split(/\s+/);
  return words.length >= 4 && words.every((w) => /^[\p{Lu}&]/u.test(w)) && !/[.,:;!?'"‘’“”]/.test(line);
}

/** How many words a headline has at least, when a lead offers a longer line after a short one. */
const HEADLINE_MIN_WORDS = 4;

/**
 * Of the heading-like lines of a lead (in order; `level` 1 for a Markdown `#` heading), the index of
 * the headline: the `#` heading; else the first line that is no section label and, when a longer
 * line follows, not a one-to-three-word kicker ("Energy", "Brisbane 2032"); else the first line.
 */
export function pickHeadline(lead: readonly { text: string; level: number }[]): number {
  const h1 = lead.findIndex((l) => l.level === 1);
  if (h1 >= 0) return h1;
  const wordsOf = (t: string) => t.split(/\s+/).length;
  const labels = lead.map((l) => isSectionLabel(l.text));
  const full = lead.map((l, k) => !labels[k] && wordsOf(l.text) >= HEADLINE_MIN_WORDS);
  const pick = lead.findIndex((_, k) => !labels[k] && (full[k] || !full.slice(k + 1).some(Boolean)));
  return lead.length === 0 ? -1 : Math.max(pick, 0);
}
