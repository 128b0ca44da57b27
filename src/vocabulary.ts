/**
 * Curated news vocabulary for query expansion: groups of words and phrases that news copy uses
 * for the same thing. A question that uses one member also looks for the others, with a lower
 * weight than the user's own words (see `SearchOptions.expansionWeight`).
 *
 * The table is general English news usage, not fitted to any article or question set: add a
 * group when a common paraphrase is missed, never a name or a number from one story.
 */
export const NEWS_SYNONYMS: readonly (readonly string[])[] = [
  ['talks', 'negotiations', 'negotiate', 'discussions', 'dialogue', 'discuss', 'negotiating'],
  ['hostage', 'captive', 'abductee', 'kidnapped', 'abducted', 'held captive'],
  ['ceasefire', 'truce', 'armistice', 'cease-fire', 'halt to fighting'],
  ['killed', 'death toll', 'dead', 'deaths', 'died', 'fatalities', 'killing', 'casualties'],
  ['injured', 'wounded', 'hurt', 'injuries'],
  ['mideast', 'middle east'],
  ['terror', 'terrorist', 'terrorism', 'militant'],
  ['goal', 'aim', 'aimed', 'purpose', 'objective', 'intended', 'seeking'],
  ['troops', 'forces', 'soldiers', 'military', 'army', 'troop'],
  ['first time', 'unprecedented', 'never before'],
  ['proposed', 'proposal', 'plan', 'suggested', 'called for'],
  ['reported', 'report', 'reporting', 'news outlet', 'media', 'outlet', 'according'],
  ['release', 'free', 'freed', 'freeing', 'return', 'handed over'],
  ['aid', 'assistance', 'supplies', 'relief'],
  ['prisoners', 'detainees', 'inmates', 'prisoner', 'detainee'],
  ['war', 'conflict', 'fighting', 'hostilities'],
  ['envoy', 'negotiator', 'emissary', 'representative', 'mediator'],
  ['resettlement', 'displacement', 'relocation', 'transfer', 'resettle', 'displaced', 'relocate'],
  ['rebuild', 'rebuilding', 'reconstruction', 'reconstruct'],
  ['confirmed', 'acknowledged', 'verified'],
  ['consulted', 'informed', 'briefed', 'notified'],
  ['agreement', 'deal', 'accord', 'pact'],
  ['expired', 'ended', 'lapsed', 'expire'],
  ['stopped', 'halted', 'suspended', 'blocked', 'paused', 'cut off'],
  ['attack', 'assault', 'raid', 'invasion', 'invaded', 'onslaught', 'offensive'],
  ['president', 'administration', 'white house'],
  ['minister', 'government', 'cabinet'],
  ['spokesperson', 'spokesman', 'spokeswoman', 'press secretary'],
  ['election', 'vote', 'ballot', 'polls'],
  ['economy', 'economic', 'inflation', 'growth'],
  ['company', 'firm', 'business', 'corporation'],
  ['police', 'officers', 'authorities'],
  ['arrested', 'detained', 'charged', 'custody'],
  ['welcomed', 'praised', 'hailed', 'applauded'],
  ['criticized', 'condemned', 'denounced', 'slammed'],
  ['meeting', 'meet', 'summit', 'met'],
  ['announced', 'unveiled', 'declared'],
  ['border', 'frontier', 'boundary'],
  ['leader', 'leaders', 'head', 'chief', 'official', 'officials'],
  ['alive', 'living', 'survived', 'survivor'],
  ['bodies', 'corpses', 'human remains'],
  ['trip', 'visit', 'travel', 'journey'],
  ['remain', 'stay', 'maintain', 'keep'],
  ['residents', 'population', 'inhabitants', 'people', 'civilians'],
];

/**
 * Words that frame a question rather than name its subject: "what happened to the aid",
 * "what did the minister say". They still count, at a lower weight (`SearchOptions.frameWeight`).
 */
export const QUESTION_FRAME_WORDS: ReadonlySet<string> = new Set([
  'happen', 'happened', 'happening', 'do', 'doing', 'done', 'think', 'thought', 'mean', 'means', 'know', 'known',
  'describe', 'explain', 'say', 'saying', 'talk about', 'like', 'go', 'going', 'get', 'make', 'made', 'take',
  'took', 'come', 'came', 'want', 'kind', 'sort', 'type', 'thing', 'things', 'way',
]);
