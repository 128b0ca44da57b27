/**
 * The people and organisations an article names, and how a later mention (a surname, a pronoun)
 * refers back to them.
 */
import type { Mention } from './phrases.ts';

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
