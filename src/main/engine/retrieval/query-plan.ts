/**
 * A rewritten search query as plain data (it travels to a serving worker): the typed words in
 * groups, each group with the alternatives that also satisfy it (synonyms, and typo corrections
 * kept apart so they rank below exact matches), turned into FTS5 MATCH expressions that cannot
 * be a syntax error (every word quoted).
 */
import type { MatchNode, MatchPhrase, MatchTree } from './posting-lists';
import { MIN_PREFIX } from './lexical-query';

export interface QueryGroup {
  /** The words the shopper typed for this part of the query (one word, or a synonym's phrase). */
  typed: string[];
  /** Phrases that count as this group (synonyms), each a list of words matched in order. */
  synonyms: string[][];
  /** Catalogue words within the typo budget of a typed word that the catalogue does not hold. */
  corrections: string[];
  /** The group is the query's last word, matched as a prefix (type-ahead). */
  prefix: boolean;
  /** The typed word is a catalogue word (corrected only towards a far more common one): the encoder keeps it as typed. */
  known?: boolean;
}

export interface LexicalPlan {
  groups: QueryGroup[];
}

const quote = (w: string): string => `"${w}"`;

function phrase(words: readonly string[]): string {
  return words.length === 1 ? quote(words[0]!) : quote(words.join(' '));
}

function typedExpression(g: QueryGroup): string {
  const last = g.typed.length - 1;
  const words = g.typed.map((w, i) => (g.prefix && i === last && [...w].length >= MIN_PREFIX ? `${quote(w)}*` : quote(w)));
  return words.length === 1 ? words[0]! : `(${words.join(' AND ')})`;
}

function groupExpression(g: QueryGroup, withCorrections: boolean): string {
  const options = [typedExpression(g), ...g.synonyms.map(phrase), ...(withCorrections ? g.corrections.map(quote) : [])];
  return options.length === 1 ? options[0]! : `(${options.join(' OR ')})`;
}

export function hasCorrections(plan: LexicalPlan): boolean {
  return plan.groups.some((g) => g.corrections.length > 0);
}

/** Every group must match; `any`: at least one group. */
export function planMatch(plan: LexicalPlan, opts: { corrections: boolean; any?: boolean }): string | undefined {
  if (plan.groups.length === 0) return undefined;
  return plan.groups.map((g) => groupExpression(g, opts.corrections)).join(opts.any ? ' OR ' : ' AND ');
}

/**
 * The expression `planMatch` writes, as its phrases (in the order they appear in its text, the order
 * FTS5 numbers them in) and its boolean structure: what `KeywordPostings` evaluates. Undefined for an
 * empty plan or one with a phrase of several words (a synonym phrase), which only FTS5 answers.
 */
export function planTree(plan: LexicalPlan, opts: { corrections: boolean; any?: boolean }): MatchTree | undefined {
  if (plan.groups.length === 0) return undefined;
  const phrases: MatchPhrase[] = [];
  const leaf = (word: string, prefix: boolean): MatchNode => {
    phrases.push({ word, prefix });
    return { phrase: phrases.length - 1 };
  };
  const one = (children: MatchNode[], op: 'and' | 'or'): MatchNode => (children.length === 1 ? children[0]! : { op, children });
  const groups: MatchNode[] = [];
  for (const g of plan.groups) {
    if (g.synonyms.some((s) => s.length !== 1)) return undefined;
    const last = g.typed.length - 1;
    const typed = one(
      g.typed.map((w, i) => leaf(w, g.prefix && i === last && [...w].length >= MIN_PREFIX)),
      'and',
    );
    const options = [typed, ...g.synonyms.map((s) => leaf(s[0]!, false)), ...(opts.corrections ? g.corrections.map((c) => leaf(c, false)) : [])];
    groups.push(one(options, 'or'));
  }
  return { phrases, root: one(groups, opts.any ? 'or' : 'and') };
}

/** The words a plan stands for, for the text encoder: typed words with corrections applied, then the synonyms. */
export function encoderText(plan: LexicalPlan): string {
  const words: string[] = [];
  for (const g of plan.groups) {
    if (g.corrections.length > 0 && g.typed.length === 1 && g.known !== true) words.push(g.corrections[0]!);
    else words.push(...g.typed);
  }
  for (const g of plan.groups) for (const s of g.synonyms) words.push(...s);
  return words.join(' ');
}
