/** How quotations are told from other words in quotation marks. */

export interface QuoteOptions {
  /**
   * A quotation of at most this many words counts only when its own sentence names a speaker for
   * it: "ongoing" after "saying" is speech, a lone "peace plan" is a scare quote, and scare quotes
   * and labels run to a word or two.
   */
  scareQuoteMaxWords: number;
  /**
   * A heading quotation that repeats no body quotation counts on its own from this many words:
   * shorter heading quotations are labels ('peace plan'), not speech.
   */
  headingQuoteMinWords: number;
  /**
   * Share of a heading quotation's key terms that a body quotation must contain to be the one it
   * repeats, when the words are not repeated exactly. Most but not all: headlines trim and reorder.
   */
  headingMatchShare: number;
}

/** Defaults for {@link QuoteOptions}: the one place their values are written. */
export const DEFAULT_QUOTE_OPTIONS: QuoteOptions = {
  scareQuoteMaxWords: 2,
  headingQuoteMinWords: 3,
  headingMatchShare: 0.75,
};
