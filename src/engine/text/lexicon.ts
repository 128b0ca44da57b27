/**
 * The words of English news copy that the quotation and summary engines recognise by name: speech
 * verbs, titles, name particles, organisation words and the like. One list for each, so that the
 * quotation extractor and the summariser agree on what a speech verb or a name particle is. Every
 * list holds lower-case words and is general to English news; none names an entity of any article.
 */

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

/** {@link SPEECH_VERBS} as a regular-expression alternation, for matching in running text. */
export const SPEECH_VERB_PATTERN: string = [...SPEECH_VERBS].join('|');

/** Words that can stand between a speaker and the verb ("The ministry later said"). */
export const VERB_MODIFIERS: ReadonlySet<string> = words(`
  has have had would will also later earlier then again once previously separately simply merely
  publicly privately repeatedly reportedly recently initially afterwards subsequently further quickly
  only just still already even often never not did does do is was`);

/** Pronouns a speaker may be referred by, and which antecedent each takes. */
export const PRONOUNS: Readonly<Record<string, 'person' | 'organisation' | null>> = {
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
export const ROLE_MODIFIERS: ReadonlySet<string> = words(`
  senior former deputy acting top chief then longtime veteran assistant associate interim outgoing
  incoming elected hostage opposition government military police party campaign union team
  spokesperson`);

/** Honorifics: a single capitalised word after one of these is a person's surname. */
export const HONORIFICS: ReadonlySet<string> = words('mr mrs ms miss mx dr prof sir dame lord lady rev');

/** Abbreviated titles written with a full stop ("Sen. Ted Cruz", "Dr. Jane Roe"). */
export const ABBREVIATED_TITLES: ReadonlySet<string> = words(
  'mr mrs ms mx dr prof rev sen rep gov gen lt col maj capt sgt adm cmdr st jr sr',
);

/**
 * Particles inside personal names, written in lower case ("Ursula von der Leyen", "Mohammed bin
 * Salman", "Ahmed Abu Salem").
 */
export const NAME_PARTICLES: ReadonlySet<string> = words(
  'abu bin ibn al el van von der den de del della da di du le la ter ben bint',
);

/** Words that join the parts of a name or a title ("Consul General in New York"). */
export const CONNECTORS: ReadonlySet<string> = words(
  'of in for at on de del della da di du van von der den bin ibn al el la le',
);

/** Capitalised words that make a phrase an organisation or a place, not a person. */
export const ORGANISATION_WORDS: ReadonlySet<string> = words(`
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
export const PLACE_PREFIXES: ReadonlySet<string> = words(
  'new san santa los las fort port mount saint lake cape el la',
);

/** Lower-case heads of organisations and descriptions that speak ("the ministry", "a spokesman"). */
export const DESCRIPTION_HEADS: ReadonlySet<string> = words(`
  office ministry government campaign administration department agency team family lawyer lawyers
  attorney attorneys company firm police army military embassy palace court council committee party
  union group organisation organization organiser organizer spokesman spokeswoman spokesperson official officials source
  sources witness witnesses resident residents analyst analysts expert experts critics protesters
  lawmakers diplomats diplomat negotiators aide aides adviser advisers advisor advisors investigators
  prosecutors prosecutor authorities minister ministers senator spokespeople statement`);

/** Heads that are documents, not speakers: "the statement said" names no one. */
export const DOCUMENT_HEADS: ReadonlySet<string> = words(
  'statement report letter filing release memo post tweet document',
);

/** Capitalised words that open sentences and are never names. */
export const SENTENCE_WORDS: ReadonlySet<string> = words(`
  the a an in on at after before asked while when during following since as despite although though
  meanwhile however earlier later last this that these those there here it its his her their our
  but and yet so for if then once both each every some many most no not one two three under over
  with without from by about into through instead also still even only just what who why how where
  which according speaking writing describing`);

/**
 * Capitalised words that start sentences or clauses without being names, and honorifics: dropped from
 * the front of a run of capitalised words, so that "However Roe" and "Mr Roe" leave the name "Roe".
 * Wider than {@link SENTENCE_WORDS}, which the attribution grammar reads word by word and where "Mr"
 * must stay part of a speaker's phrase.
 */
export const NOT_NAMES: ReadonlySet<string> = words(`
  the a an in on at as for of to from by with and but or if when while after before since this that these
  those there it he she they his her its their we i our you mr mrs ms dr asked speaking according however
  meanwhile still yet so then`);

/** Words after which a speech verb's form is a noun: "the state", "his comments", "a call". */
export const DETERMINERS: ReadonlySet<string> = words(
  'the a an this that these those its his her their our my your every each no any',
);
