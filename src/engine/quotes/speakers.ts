/**
 * Who said a quotation: the small grammar of attribution in English news copy.
 *
 * Works on narrative text where every quotation has been replaced by a placeholder
 * ({@link quotePlaceholder}), so that names inside quotations never count as speakers or as
 * the "last person named". Knows speech verbs, titles, name particles and organisation words;
 * knows no entity of any particular article.
 */

import { STOP_WORDS } from '../text/analysis.ts';

/** A speaker as the article names it. */
export interface Speaker {
  /** Canonical name: a person's full name as first given, an organisation without "the". */
  name: string;
  /** The role the article gives ("White House Press Secretary"), or null. */
  role: string | null;
  kind: 'person' | 'organisation' | 'description';
}

/** Where a mention stands in the article: block index, then offset in the block's masked text. */
export interface Position {
  block: number;
  offset: number;
}

/** A token of masked narrative text. */
export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  kind: 'word' | 'punct' | 'quote';
  /** For a quote placeholder, the number it carries. */
  quote?: number;
}

const PLACEHOLDER_OPEN = '\uE000';
const PLACEHOLDER_CLOSE = '\uE001';

/** The stand-in for quotation `n` in masked text: private-use characters no article contains. */
export function quotePlaceholder(n: number): string {
  return `${PLACEHOLDER_OPEN}${n}${PLACEHOLDER_CLOSE}`;
}

const TOKEN =
  /\uE000(\d+)\uE001|\p{L}[\p{L}\p{M}\p{N}]*(?:[’'‑-]\p{L}[\p{L}\p{M}\p{N}]*)*(?:[’']s?(?![\p{L}]))?|\p{N}[\p{N},.]*|[^\s\p{L}\p{N}]/gu;

/** Splits masked text into words, punctuation and quotation placeholders. */
export function tokenizeMasked(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1] !== undefined) {
      out.push({ text: m[0], lower: '', start, end, kind: 'quote', quote: Number(m[1]) });
    } else {
      const kind = /^[\p{L}\p{N}]/u.test(m[0]) ? 'word' : 'punct';
      out.push({ text: m[0], lower: m[0].toLowerCase().replace(/’/g, "'"), start, end, kind });
    }
  }
  return out;
}

const words = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

/**
 * Verbs that introduce speech, in every form news copy uses them. "call", "describe" and
 * "dub" are here for "called it 'a disgrace'"; "ask" for questions put by a speaker.
 */
export const SPEECH_VERBS: ReadonlySet<string> = words(`
  say says said saying tell tells told telling add adds added adding state states stated stating
  explain explains explained explaining note notes noted noting insist insists insisted insisting
  argue argues argued arguing claim claims claimed claiming declare declares declared declaring
  announce announces announced announcing write writes wrote writing tweet tweets tweeted tweeting
  post posts posted posting warn warns warned warning reply replies replied replying respond responds
  responded responding ask asks asked asking answer answers answered answering acknowledge acknowledges
  acknowledged acknowledging admit admits admitted admitting confirm confirms confirmed confirming
  deny denies denied denying recall recalls recalled recalling remark remarks remarked remarking
  observe observes observed observing conclude concludes
  concluded concluding suggest suggests suggested suggesting urge urges urged urging caution cautions
  cautioned cautioning predict predicts predicted predicting promise promises promised promising vow
  vows vowed vowing pledge pledges pledged pledging boast boasts boasted boasting complain complains
  complained complaining concede concedes conceded conceding contend contends contended contending
  counter counters countered countering describe describes described describing call calls called
  calling quip quips quipped quipping joke jokes joked joking shout shouts shouted shouting whisper
  whispers whispered whispering testify testifies testified testifying maintain maintains maintained
  maintaining assert asserts asserted asserting emphasise emphasises emphasised emphasising emphasize
  emphasizes emphasized emphasizing stress stresses stressed stressing recount recounts recounted
  recounting reflect reflects reflected reflecting agree agrees agreed agreeing comment comments
  commented commenting exclaim exclaims exclaimed exclaiming lament laments lamented lamenting plead
  pleads pleaded pleading reiterate reiterates reiterated reiterating describe tell welcome welcomed
  welcomes welcoming dub dubs dubbed dubbing brand brands branded branding label labels labelled
  labeled labelling labeling term termed write wrote`);

/** Words that can stand between a speaker and the verb ("The ministry later said"). */
const VERB_MODIFIERS = words(`
  has have had would will also later earlier then again once previously separately simply merely
  publicly privately repeatedly reportedly recently initially afterwards subsequently further quickly
  only just still already even often never not did does do is was`);

/** Pronouns a speaker may be referred by, and which antecedent each takes. */
const PRONOUNS: Readonly<Record<string, 'person' | 'organisation' | null>> = {
  he: 'person',
  she: 'person',
  it: 'organisation',
  they: null,
  we: null,
  i: null,
  you: null,
};

/**
 * Titles and role words that precede a name ("Prime Minister", "Press Secretary", "envoy").
 * The name is what follows the last of them.
 */
export const TITLE_WORDS: ReadonlySet<string> = words(`
  president vice prime minister secretary press spokesman spokeswoman spokesperson general consul
  ambassador senator sen rep representative congressman congresswoman governor gov mayor chancellor
  king queen prince princess pope sheikh emir sultan chairman chairwoman chair director chief officer
  executive ceo cfo coo commissioner judge justice attorney lawyer prosecutor professor prof dr doctor
  mr mrs ms miss mx sir dame lord lady rabbi imam father rev reverend bishop archbishop cardinal
  captain capt colonel col lieutenant lt sergeant sgt major maj commander cmdr admiral adm general gen
  envoy official coach manager leader speaker deputy acting former foreign defense defence interior
  finance health state treasury labor labour education justice chair adviser advisor aide analyst
  economist negotiator diplomat lawmaker legislator candidate founder owner researcher scientist host
  correspondent editor reporter author head organiser organizer campaigner activist superintendent inspector detective constable sheriff
  officer spokesperson director-general secretary-general commissioner-general premier councillor
  councilman councilwoman alderman member mp mep trustee principal president-elect nurse teacher
  engineer pilot firefighter paramedic surgeon physician architect economist historian`);

/** Lower-case words that may open a role ("senior union official", "former hostage"). */
const ROLE_MODIFIERS = words(`
  senior former deputy acting top chief then longtime veteran assistant associate interim outgoing
  incoming elected hostage opposition government military police party campaign union team
  spokesperson`);

/** Honorifics: a single capitalised word after one of these is a person's surname. */
const HONORIFICS = words('mr mrs ms miss mx dr prof sir dame lord lady rev');

/** Abbreviated titles written with a full stop ("Sen. Ted Cruz", "Dr. Jane Roe"). */
const ABBREVIATED_TITLES = words(
  'mr mrs ms mx dr prof rev sen rep gov gen lt col maj capt sgt adm cmdr st jr sr',
);

/** Particles inside personal names ("Ahmed Abu Salem", "Ursula von der Leyen"). */
const NAME_PARTICLES = words('abu bin ibn al el van von der den de del della da di du le la ter ben bint');

/** Words that join the parts of a name or a title ("Consul General in New York"). */
const CONNECTORS = words('of in for at on de del della da di du van von der den bin ibn al el la le');

/** Capitalised words that make a phrase an organisation or a place, not a person. */
const ORGANISATION_WORDS = words(`
  house office ministry department council party agency army forces force police government committee
  court commission union bank authority service services news times post journal inc corp ltd llc plc
  group university college school institute foundation organization organisation association board
  senate congress parliament assembly cabinet administration company network church hospital center
  centre fund federation league club team cross crescent nations states kingdom republic strip city
  street arena square airport station bridge river sea ocean island islands east west north south
  valley county province region reuters associated press bbc cnn nbc abc cbs fox afp ap guard guards
  coalition alliance movement front brigades brigade corps navy air command embassy palace kremlin
  pentagon downing whitehall secretariat bureau directorate tribunal court council`);

/** First words of place names ("New York", "San Diego"). */
const PLACE_PREFIXES = words('new san santa los las fort port mount saint lake cape el la');

/** Lower-case heads of organisations and descriptions that speak ("the ministry", "a spokesman"). */
const DESCRIPTION_HEADS = words(`
  office ministry government campaign administration department agency team family lawyer lawyers
  attorney attorneys company firm police army military embassy palace court council committee party
  union group organisation organization organiser organizer spokesman spokeswoman spokesperson official officials source
  sources witness witnesses resident residents analyst analysts expert experts critics protesters
  lawmakers diplomats diplomat negotiators aide aides adviser advisers advisor advisors investigators
  prosecutors prosecutor authorities minister ministers senator spokespeople statement`);

/** Heads that are documents, not speakers: "the statement said" names no one. */
const DOCUMENT_HEADS = words('statement report letter filing release memo post tweet document');

/** Capitalised words that open sentences and are never names. */
const SENTENCE_WORDS = words(`
  the a an in on at after before asked while when during following since as despite although though
  meanwhile however earlier later last this that these those there here it its his her their our
  but and yet so for if then once both each every some many most no not one two three under over
  with without from by about into through instead also still even only just what who why how where
  which according speaking writing describing`);

/** A word starting with a capital letter (or a digit-free all-caps acronym). */
function isCapitalised(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'word' && /^\p{Lu}/u.test(t.text);
}

const baseOf = (t: Token): string => t.lower.replace(/['’]s?$/, '');
const isPossessive = (t: Token): boolean => t.kind === 'word' && /['’]s?$/.test(t.text) && t.text.length > 2;

/** A plain lower-case word that may qualify a title before it ("transit" in "city transit director"). */
function isQualifier(t: Token | undefined): boolean {
  return (
    t !== undefined &&
    t.kind === 'word' &&
    /^\p{Ll}[\p{Ll}-]+(['’]s?)?$/u.test(t.text) &&
    !STOP_WORDS.has(t.lower) &&
    !SPEECH_VERBS.has(t.lower)
  );
}

/** A lower-case title or head noun ("director", "spokesman"), which qualifiers may precede. */
function isLowerHead(t: Token | undefined): boolean {
  return (
    t !== undefined &&
    t.kind === 'word' &&
    /^\p{Ll}/u.test(t.text) &&
    (TITLE_WORDS.has(t.lower) || DESCRIPTION_HEADS.has(t.lower))
  );
}

/** A word that can belong to a speaker's noun phrase. */
function inPhrase(t: Token | undefined): boolean {
  if (!t || t.kind !== 'word') return false;
  const base = baseOf(t);
  return isCapitalised(t) || ROLE_MODIFIERS.has(base) || TITLE_WORDS.has(base) || DESCRIPTION_HEADS.has(base);
}

/** The noun phrase ending just before `end` (exclusive), walking back; null if there is none. */
export function phraseBefore(tokens: Token[], end: number): [number, number] | null {
  let j = end - 1;
  const last = tokens[j];
  if (last && last.kind === 'word' && last.lower in PRONOUNS) return [j, end];
  let start = end;
  while (j >= 0) {
    const t = tokens[j]!;
    if (t.kind === 'word' && /^(the|a|an|one)$/.test(t.lower)) {
      if (start < end) start = j;
      // "a spokesperson for the Forest Service": the description goes on before "for the".
      const connector = tokens[j - 1];
      if (
        start === j &&
        connector &&
        /^(for|of|at|from)$/.test(connector.lower) &&
        isLowerHead(tokens[j - 2])
      ) {
        j -= 2;
        start = j + 1;
        continue;
      }
      break;
    }
    // "However", "In", "But" open sentences; they never begin a name.
    if (isCapitalised(t) && SENTENCE_WORDS.has(t.lower)) break;
    if (inPhrase(t)) {
      start = j--;
      continue;
    }
    // An occupation right before a name: "engineer Omar Haddad".
    if (
      isQualifier(t) &&
      !isPossessive(t) &&
      start < end &&
      isCapitalised(tokens[start]) &&
      j === start - 1
    ) {
      start = j--;
      continue;
    }
    // Up to three qualifiers before a lower-case title: "city transit director Maria Feld".
    if (isQualifier(t) && start < end) {
      let k = j + 1;
      while (k < end && k <= j + 3 && isQualifier(tokens[k]) && !isLowerHead(tokens[k])) k++;
      if (k < end && k <= j + 3 && isLowerHead(tokens[k])) {
        start = j--;
        continue;
      }
    }
    // "Sen." and "John F. Kennedy": a full stop after an abbreviated title or an initial.
    if (t.text === '.' && tokens[j - 1] && /^(\p{Lu}|[\p{L}]+)$/u.test(tokens[j - 1]!.text)) {
      const prev = tokens[j - 1]!;
      if (ABBREVIATED_TITLES.has(prev.lower) || /^\p{Lu}$/u.test(prev.text)) {
        start = j--;
        continue;
      }
    }
    if (t.kind === 'word' && CONNECTORS.has(t.lower) && start < end && inPhrase(tokens[j - 1])) {
      start = j--;
      continue;
    }
    if (
      t.lower === 'and' &&
      isCapitalised(tokens[start]) &&
      isCapitalised(tokens[j - 1]) &&
      organisationBefore(tokens, j)
    ) {
      start = j--;
      continue;
    }
    break;
  }
  return start < end ? trimPhrase(tokens, start, end) : null;
}

/** Whether the capitalised words just before `i` name an organisation ("Department for Business"). */
function organisationBefore(tokens: Token[], i: number): boolean {
  for (let k = i - 1; k >= 0 && (isCapitalised(tokens[k]) || CONNECTORS.has(tokens[k]!.lower)); k--) {
    if (ORGANISATION_WORDS.has(baseOf(tokens[k]!))) return true;
  }
  return false;
}

/** The noun phrase starting at `start`, walking forward; null if there is none. */
export function phraseAt(tokens: Token[], start: number): [number, number] | null {
  let i = start;
  const first = tokens[i];
  if (first && first.kind === 'word' && first.lower in PRONOUNS) return [i, i + 1];
  if (first && first.kind === 'word' && /^(the|a|an|one)$/.test(first.lower)) i++;
  let end = i;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (isQualifier(t) && !inPhrase(t)) {
      // Qualifiers count only when a lower-case title follows them within three words, or a name
      // follows one of them directly ("engineer Omar Haddad").
      let k = i;
      while (k < i + 3 && isQualifier(tokens[k]) && !isLowerHead(tokens[k])) k++;
      const beforeName =
        k === i + 1 && !isPossessive(t) && isCapitalised(tokens[k]) && isCapitalised(tokens[k + 1]);
      if (!isLowerHead(tokens[k]) && !beforeName) break;
      i = k;
      continue;
    }
    if (inPhrase(t) && !(i === start && SENTENCE_WORDS.has(t.lower))) {
      end = ++i;
      if (isPossessive(t) && !DESCRIPTION_HEADS.has(tokens[i]?.lower ?? '') && !inPhrase(tokens[i])) break;
      continue;
    }
    if (
      t.text === '.' &&
      tokens[i - 1] &&
      (ABBREVIATED_TITLES.has(tokens[i - 1]!.lower) || /^\p{Lu}$/u.test(tokens[i - 1]!.text))
    ) {
      end = ++i;
      continue;
    }
    if (t.kind === 'word' && CONNECTORS.has(t.lower) && end > start && inPhrase(tokens[i + 1])) {
      i++;
      continue;
    }
    if (
      t.lower === 'and' &&
      isCapitalised(tokens[i - 1]) &&
      isCapitalised(tokens[i + 1]) &&
      organisationBefore(tokens, i)
    ) {
      i++;
      continue;
    }
    break;
  }
  return end > start && end > (first && /^(the|a|an|one)$/i.test(first.text) ? start + 1 : start)
    ? trimPhrase(tokens, start, end)
    : null;
}

/** Drops trailing role modifiers and connectors that cannot end a phrase. */
function trimPhrase(tokens: Token[], start: number, end: number): [number, number] | null {
  while (end > start) {
    const t = tokens[end - 1]!;
    if (
      t.kind === 'word' &&
      (CONNECTORS.has(t.lower) ||
        (ROLE_MODIFIERS.has(t.lower) && !isCapitalised(t) && !DESCRIPTION_HEADS.has(t.lower)))
    )
      end--;
    else if (t.text === '.') end--;
    else break;
  }
  return end > start ? [start, end] : null;
}

/** What a noun phrase names, before it is resolved against the article's other mentions. */
export type Mention =
  | { kind: 'pronoun'; antecedent: 'person' | 'organisation' | null }
  | { kind: 'person'; name: string; role: string | null; titled: boolean }
  | { kind: 'organisation'; name: string }
  | { kind: 'description'; name: string };

/** Classifies the phrase tokens[start, end): a pronoun, a person with a role, an organisation. */
export function describePhrase(tokens: Token[], start: number, end: number, source: string): Mention | null {
  const span = tokens.slice(start, end);
  const first = span[0]!;
  if (span.length === 1 && first.lower in PRONOUNS)
    return { kind: 'pronoun', antecedent: PRONOUNS[first.lower]! };
  const text = (from: number, to: number) => source.slice(tokens[from]!.start, tokens[to - 1]!.end);
  const hasThe = /^(the)$/.test(first.lower);
  const hasArticle = /^(a|an|one)$/.test(first.lower);
  const body = hasThe || hasArticle ? start + 1 : start;
  if (body >= end) return null;
  const last = tokens[end - 1]!;

  // "Prime Minister Jane Roe's office", "the ministry's spokesman": an organisation.
  if (!isCapitalised(last) && end - 1 > body && isPossessive(tokens[end - 2]!)) {
    return { kind: 'organisation', name: text(body, end) };
  }
  if (!isCapitalised(last)) {
    if (DOCUMENT_HEADS.has(last.lower)) return null;
    return { kind: 'description', name: text(body, end) };
  }
  // "A spokesperson for Britain's Department for Business and Trade": a description, unless a
  // person's full name ends it.
  const headAt = tokens
    .slice(body, end)
    .findIndex(
      (t, k) => !isCapitalised(t) && isLowerHead(t) && CONNECTORS.has(tokens[body + k + 1]?.lower ?? ''),
    );
  if (headAt >= 0 && !endsWithPersonName(tokens, body + headAt + 2, end)) {
    return { kind: 'description', name: text(body, end) };
  }
  // The name is the run of capitalised words after the last title or connector.
  let nameStart = end;
  while (nameStart > body) {
    const t = tokens[nameStart - 1]!;
    const particle =
      NAME_PARTICLES.has(t.lower) && isCapitalised(tokens[nameStart - 2]) && nameStart - 1 > body;
    // A surname that is also a title ("Martin Luther King", "John Major") ends a name.
    const surname =
      nameStart === end &&
      isCapitalised(tokens[nameStart - 2]) &&
      !TITLE_WORDS.has(baseOf(tokens[nameStart - 2]!));
    if (!particle && !surname && (!isCapitalised(t) || TITLE_WORDS.has(baseOf(t)) || isPossessive(t))) break;
    nameStart--;
  }
  if (nameStart === end) {
    return hasThe ? { kind: 'organisation', name: text(body, end) } : null;
  }
  const nameTokens = tokens.slice(nameStart, end);
  const orgLike =
    hasThe ||
    nameTokens.some((t) => ORGANISATION_WORDS.has(baseOf(t))) ||
    (nameTokens.length >= 2 && PLACE_PREFIXES.has(nameTokens[0]!.lower) && nameStart === body);
  if (orgLike && nameStart === body) return { kind: 'organisation', name: text(body, end) };
  // A long capitalised run after a place ("in New York Dana Levi"): the name is its last two
  // words, with any name particle before them.
  let from = nameStart;
  const limit = nameStart === body ? 3 : 2;
  if (end - from > limit || (orgLike && end - from > 1)) {
    from = end - 2;
    while (from > nameStart && NAME_PARTICLES.has(tokens[from]!.lower)) from--;
  }
  const prefixTokens = tokens.slice(body, from);
  const hasTitle = prefixTokens.some(
    (t) => TITLE_WORDS.has(baseOf(t)) || isLowerHead(t) || ROLE_MODIFIERS.has(t.lower),
  );
  if (prefixTokens.length > 0 && !hasTitle && orgLike) return { kind: 'organisation', name: text(body, end) };
  if (prefixTokens.length > 0 && !hasTitle) {
    // "Shares in Halvard": capitalised words that are no title; a name only if a full one.
    return end - from >= 2
      ? { kind: 'person', name: text(from, end), role: null, titled: false }
      : { kind: 'organisation', name: text(from, end) };
  }
  const prefix = from > body ? cleanRole(text(body, from)) : null;
  // "Mr." or "Dr." alone marks a person but is not a role worth showing.
  const honorificOnly = prefix !== null && HONORIFICS.has(prefix.toLowerCase().replace(/\.$/, ''));
  const role = honorificOnly ? null : prefix;
  // "Jane Roe's (office)": the person is named without the possessive.
  return { kind: 'person', name: text(from, end).replace(/['’]s?$/, ''), role, titled: prefix !== null };
}

/** Two or more capitalised words, no organisation word among them, end tokens[from, end). */
function endsWithPersonName(tokens: Token[], from: number, end: number): boolean {
  let k = end;
  while (k > from && isCapitalised(tokens[k - 1]) && !TITLE_WORDS.has(baseOf(tokens[k - 1]!))) k--;
  const run = tokens.slice(k, end);
  return (
    run.length >= 2 && k > from && !run.some((t) => ORGANISATION_WORDS.has(baseOf(t)) || isPossessive(t))
  );
}

function cleanRole(role: string): string | null {
  // A full stop is kept: it ends an abbreviated title ("Gov.", "Sen.").
  const cleaned = role.replace(/[\s,]+$/, '').trim();
  return cleaned.length > 0 ? cleaned : null;
}

/** True for a verb that introduces speech. Participles ("saying") take the clause's subject. */
export function isSpeechVerb(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'word' && SPEECH_VERBS.has(t.lower);
}

/** Words after which a speech verb's form is a noun: "the state", "his comments", "a call". */
const DETERMINERS = words('the a an this that these those its his her their our my your every each no any');

/** A speech verb used as a verb at tokens[i], not as the noun of the same spelling. */
export function isSpeechVerbAt(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (!isSpeechVerb(t)) return false;
  const prev = tokens[i - 1];
  return !(prev && prev.kind === 'word' && (DETERMINERS.has(prev.lower) || isPossessive(prev)));
}

/** "saying", "adding": a participle, whose speaker is its clause's subject. */
export function isParticiple(t: Token): boolean {
  return t.lower.endsWith('ing');
}

/** An auxiliary or adverb that may stand between a speaker and the verb ("has also said"). */
export function isVerbModifier(t: Token | undefined): boolean {
  return t !== undefined && t.kind === 'word' && (VERB_MODIFIERS.has(t.lower) || /^\p{Ll}+ly$/u.test(t.text));
}

/** Whether the word is "was", "were", "been"…: a passive, whose subject is spoken about, not speaking. */
export function isBeVerb(t: Token | undefined): boolean {
  return t !== undefined && /^(is|are|was|were|be|been|being)$/.test(t.lower);
}

/** Whether a capitalised word at the start of a sentence is an ordinary word, not a name. */
export function isSentenceWord(t: Token): boolean {
  return SENTENCE_WORDS.has(t.lower);
}

/**
 * The people and organisations an article names, in reading order: resolves a surname to the
 * full name first given, and a pronoun to the last person named before it.
 */
export class SpeakerRegistry {
  private readonly people: { name: string; surname: string; role: string | null }[] = [];
  private readonly mentions: { at: Position; kind: 'person' | 'organisation'; name: string }[] = [];

  /** Records a mention at a position; returns the canonical speaker it names. */
  note(mention: Mention, at: Position): Speaker | null {
    if (mention.kind === 'pronoun') return null;
    if (mention.kind === 'description') return { name: mention.name, role: null, kind: 'description' };
    if (mention.kind === 'organisation') {
      const name = mention.name.replace(/^the\s+/i, '');
      this.mentions.push({ at, kind: 'organisation', name });
      return { name, role: null, kind: 'organisation' };
    }
    const person = this.personNamed(mention.name, mention.role, mention.titled);
    if (!person) {
      // A lone capitalised word no one was named by ("Reuters said"): a speaker, but not a person.
      return { name: mention.name, role: null, kind: 'organisation' };
    }
    this.mentions.push({ at, kind: 'person', name: person.name });
    return { name: person.name, role: person.role, kind: 'person' };
  }

  /** The canonical speaker a pronoun at `at` refers to, or null. */
  resolvePronoun(antecedent: 'person' | 'organisation' | null, at: Position): Speaker | null {
    if (antecedent === null) return null;
    // Mentions are noted in two passes, so the latest is found by position, not by order of noting.
    let latest: { at: Position; name: string } | null = null;
    for (const m of this.mentions) {
      if (m.kind === antecedent && before(m.at, at) && (!latest || before(latest.at, m.at))) latest = m;
    }
    if (!latest) return null;
    if (antecedent === 'organisation') return { name: latest.name, role: null, kind: 'organisation' };
    const person = this.people.find((p) => p.name === latest.name);
    return { name: latest.name, role: person?.role ?? null, kind: 'person' };
  }

  private personNamed(
    name: string,
    role: string | null,
    titled: boolean,
  ): { name: string; role: string | null } | null {
    const parts = name.split(/\s+/);
    const surname = parts[parts.length - 1]!;
    const known =
      this.people.find((p) => p.name === name) ??
      (parts.length === 1 ? this.people.find((p) => p.surname === surname) : undefined);
    if (known) {
      known.role ??= role;
      return known;
    }
    // One capitalised word is a person only with a title ("President Lopez", "Mr. Smith").
    if (parts.length === 1 && !titled) return null;
    const person = { name, surname, role };
    this.people.push(person);
    return person;
  }
}

function before(a: Position, b: Position): boolean {
  return a.block < b.block || (a.block === b.block && a.offset < b.offset);
}
