/**
 * extractFacts: reads the owner's (inbound) messages for motivation, timeline, condition, asking
 * price, decision maker and occupancy. Patterns run on normalized words (typos in long words
 * tolerated, slang mapped) so "behnd on paymnts" and "we r relocating" still count. When a fact is
 * stated more than once, the latest statement wins: people revise ("6 months... actually asap").
 * (File named facts-* rather than extract-facts.ts: the qualify folder is shared by prefix.)
 */
import type { CompiledPhrase } from '../replies/match-phrases.js';
import { compilePhrases, findPhrase } from '../replies/match-phrases.js';
import { tokenizeReply } from '../replies/tokenize-reply.js';
import type { Condition, ConversationMessage, DecisionMaker, Fact, Facts, Motivation, Occupancy, Timeline } from './facts.js';

export interface ExtractFactsOptions {
  conversation: readonly Pick<ConversationMessage, 'direction' | 'body'>[];
}

type Patterns<T> = ReadonlyArray<readonly [phrase: string, value: T, confidence: number]>;

const MOTIVATION_PATTERNS: Patterns<Motivation> = [
  ['divorce', 'divorce', 0.95], ['divorcing', 'divorce', 0.95], ['separated', 'divorce', 0.7], ['my ex', 'divorce', 0.6],
  ['inherited', 'inherited', 0.95], ['inheritance', 'inherited', 0.9], ['passed away', 'inherited', 0.8], ['estate', 'inherited', 0.6],
  ['probate', 'inherited', 0.9], ['left me the house', 'inherited', 0.9], ['left us the house', 'inherited', 0.9],
  ['relocating', 'relocating', 0.95], ['relocate', 'relocating', 0.9], ['moving out of state', 'relocating', 0.95], ['moving to', 'relocating', 0.8],
  ['job transfer', 'relocating', 0.9], ['new job', 'relocating', 0.7], ['transferred', 'relocating', 0.8],
  ['behind on payments', 'behind_on_payments', 0.95], ['behind on the mortgage', 'behind_on_payments', 0.95], ['behind on my mortgage', 'behind_on_payments', 0.95],
  ['missed payments', 'behind_on_payments', 0.9], ['cant make the payments', 'behind_on_payments', 0.9], ['cant afford the mortgage', 'behind_on_payments', 0.9],
  ['foreclosure', 'foreclosure', 0.95], ['foreclosing', 'foreclosure', 0.95], ['pre foreclosure', 'foreclosure', 0.95], ['bank is taking', 'foreclosure', 0.9],
  ['back taxes', 'taxes', 0.95], ['property taxes', 'taxes', 0.8], ['tax lien', 'taxes', 0.95], ['owe taxes', 'taxes', 0.9], ['tax sale', 'taxes', 0.9],
  ['tired landlord', 'tired_landlord', 0.95], ['tired of being a landlord', 'tired_landlord', 0.95], ['tired of tenants', 'tired_landlord', 0.95],
  ['bad tenants', 'tired_landlord', 0.9], ['tenant wont pay', 'tired_landlord', 0.9], ['tenant stopped paying', 'tired_landlord', 0.9],
  ['tenant is behind', 'tired_landlord', 0.9], ['done being a landlord', 'tired_landlord', 0.95], ['evict', 'tired_landlord', 0.8],
  ['cant afford the repairs', 'repairs', 0.9], ['too many repairs', 'repairs', 0.9], ['needs too much work', 'repairs', 0.85],
  ['cant afford to fix', 'repairs', 0.9], ['dont want to fix', 'repairs', 0.85], ['downsizing', 'downsizing', 0.9], ['downsize', 'downsizing', 0.9],
  ['retiring', 'retiring', 0.85], ['retirement', 'retiring', 0.7], ['medical bills', 'health', 0.9], ['health issues', 'health', 0.85],
  ['nursing home', 'health', 0.85], ['assisted living', 'health', 0.85], ['lost my job', 'financial_hardship', 0.9], ['need the money', 'financial_hardship', 0.85],
  ['need cash', 'financial_hardship', 0.8], ['bankruptcy', 'financial_hardship', 0.9], ['sitting empty', 'vacant_property', 0.8], ['been vacant', 'vacant_property', 0.8],
];

const TIMELINE_PATTERNS: Patterns<Timeline> = [
  ['asap', 'asap', 0.95], ['as soon as possible', 'asap', 0.95], ['right away', 'asap', 0.9], ['immediately', 'asap', 0.9], ['urgent', 'asap', 0.9],
  ['this week', 'asap', 0.9], ['sell fast', 'asap', 0.85], ['sell quick', 'asap', 0.85], ['quickly', 'asap', 0.75], ['close fast', 'asap', 0.85],
  ['close quick', 'asap', 0.85], ['yesterday', 'asap', 0.6], ['2 weeks', '30_days', 0.85], ['two weeks', '30_days', 0.85], ['few weeks', '30_days', 0.85],
  ['30 days', '30_days', 0.95], ['thirty days', '30_days', 0.95], ['a month', '30_days', 0.85], ['within a month', '30_days', 0.95],
  ['end of the month', '30_days', 0.9], ['next month', '30_days', 0.85], ['60 days', '3_months', 0.9], ['90 days', '3_months', 0.95],
  ['2 months', '3_months', 0.9], ['two months', '3_months', 0.9], ['3 months', '3_months', 0.95], ['three months', '3_months', 0.95],
  ['few months', '3_months', 0.85], ['couple months', '3_months', 0.85], ['couple of months', '3_months', 0.85], ['this summer', '3_months', 0.6],
  ['6 months', '6_months_plus', 0.95], ['six months', '6_months_plus', 0.95], ['next year', '6_months_plus', 0.9], ['a year', '6_months_plus', 0.85],
  ['no rush', '6_months_plus', 0.85], ['no hurry', '6_months_plus', 0.85], ['eventually', '6_months_plus', 0.7], ['someday', '6_months_plus', 0.7],
  ['not in a hurry', '6_months_plus', 0.85], ['when the lease', '6_months_plus', 0.6],
];

const CONDITION_PATTERNS: Patterns<Condition> = [
  ['foundation', 'needs_major_work', 0.85], ['fire damage', 'needs_major_work', 0.95], ['water damage', 'needs_major_work', 0.85],
  ['mold', 'needs_major_work', 0.85], ['gutted', 'needs_major_work', 0.9], ['needs to be gutted', 'needs_major_work', 0.95], ['condemned', 'needs_major_work', 0.95],
  ['tear down', 'needs_major_work', 0.9], ['teardown', 'needs_major_work', 0.9], ['needs everything', 'needs_major_work', 0.9], ['a lot of work', 'needs_major_work', 0.85],
  ['needs work', 'needs_work', 0.9], ['needs some work', 'needs_work', 0.9], ['needs repairs', 'needs_work', 0.9], ['fixer', 'needs_work', 0.9],
  ['fixer upper', 'needs_work', 0.95], ['needs a roof', 'needs_work', 0.9], ['roof leaks', 'needs_work', 0.9], ['roof is bad', 'needs_work', 0.9],
  ['needs paint', 'needs_work', 0.8], ['needs updating', 'needs_work', 0.85], ['outdated', 'needs_work', 0.75], ['as is', 'needs_work', 0.6],
  ['good condition', 'good', 0.9], ['great condition', 'good', 0.9], ['great shape', 'good', 0.9], ['good shape', 'good', 0.9],
  ['move in ready', 'good', 0.95], ['updated', 'good', 0.75], ['renovated', 'good', 0.85], ['remodeled', 'good', 0.85], ['new roof', 'good', 0.7],
  ['no repairs', 'good', 0.8], ['well maintained', 'good', 0.85],
];

const DECISION_PATTERNS: Patterns<DecisionMaker> = [
  ['talk to my', 'needs_others', 0.9], ['check with my', 'needs_others', 0.9], ['ask my', 'needs_others', 0.85], ['discuss with my', 'needs_others', 0.9],
  ['run it by', 'needs_others', 0.85], ['not my decision', 'needs_others', 0.95], ['not up to me', 'needs_others', 0.95], ['my siblings', 'needs_others', 0.8],
  ['my brothers', 'needs_others', 0.75], ['my sisters', 'needs_others', 0.75], ['the family', 'needs_others', 0.6], ['co owner', 'needs_others', 0.8],
  ['my wife and i', 'joint', 0.9], ['my husband and i', 'joint', 0.9], ['me and my wife', 'joint', 0.9], ['me and my husband', 'joint', 0.9],
  ['my partner and i', 'joint', 0.85], ['we both', 'joint', 0.75], ['we own it together', 'joint', 0.9],
  ['just me', 'sole', 0.85], ['only owner', 'sole', 0.95], ['sole owner', 'sole', 0.95], ['my decision', 'sole', 0.9], ['i decide', 'sole', 0.9],
  ['im the owner', 'sole', 0.8], ['i own it', 'sole', 0.7], ['in my name', 'sole', 0.85],
];

const OCCUPANCY_PATTERNS: Patterns<Occupancy> = [
  ['vacant', 'vacant', 0.95], ['empty', 'vacant', 0.8], ['nobody lives', 'vacant', 0.95], ['no one lives', 'vacant', 0.95], ['sitting empty', 'vacant', 0.95],
  ['tenant', 'tenant', 0.9], ['tenants', 'tenant', 0.9], ['renter', 'tenant', 0.85], ['renters', 'tenant', 0.85], ['rental', 'tenant', 0.85],
  ['rented out', 'tenant', 0.95], ['its rented', 'tenant', 0.95], ['leased', 'tenant', 0.85], ['i live there', 'owner_occupied', 0.95],
  ['we live there', 'owner_occupied', 0.95], ['i live here', 'owner_occupied', 0.95], ['we live here', 'owner_occupied', 0.95],
  ['my home', 'owner_occupied', 0.7], ['our home', 'owner_occupied', 0.7], ['living in it', 'owner_occupied', 0.9], ['live in it', 'owner_occupied', 0.85],
];

interface CompiledValue<T> {
  value: T;
  confidence: number;
}
const compile = <T>(patterns: Patterns<T>): CompiledPhrase<CompiledValue<T>>[] =>
  compilePhrases(patterns.map(([phrase, value, confidence]) => [phrase, { value, confidence }] as const));

const MOTIVATION = compile(MOTIVATION_PATTERNS);
const TIMELINE = compile(TIMELINE_PATTERNS);
const CONDITION = compile(CONDITION_PATTERNS);
const DECISION = compile(DECISION_PATTERNS);
const OCCUPANCY = compile(OCCUPANCY_PATTERNS);

// A sentence ends at . ! ? followed by a space, or at a line break; "1.2 million" stays whole.
const SENTENCE_BREAK_RE = /(?<=[.!?])\s+|\n+/;

function sentences(body: string): string[] {
  const parts = body.split(SENTENCE_BREAK_RE).map((s) => s.trim()).filter((s) => s.length > 0);
  return parts.length > 0 ? parts : [body.trim()];
}

function findFact<T>(sentence: string, words: readonly string[], patterns: readonly CompiledPhrase<CompiledValue<T>>[], messageIndex: number): Fact<T> | null {
  const m = findPhrase(words, patterns);
  return m ? { value: m.phrase.value.value, confidence: m.phrase.value.confidence, evidence: sentence, messageIndex } : null;
}

// $250k, 250,000, 250k, 260 thousand, 1.2 million, $300K; the unit or "$" says it is money.
const MONEY_RE = /(\$\s*)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k\b|grand\b|thousand\b|m\b|mil\b|million\b)?/gi;
const NOT_MONEY_AFTER_RE = /^\s*(?:days?|weeks?|months?|years?|yrs?|beds?|bedrooms?|baths?|bathrooms?|br|ba|sq|sqft|square|acres?|%|am|pm|o'?clock|units?|doors?|kids|times)\b/i;
// A bare "320" is thousands when the sentence is about price: "would you do 320?", "zillow says 350".
const PRICE_CONTEXT_RE = /\b(?:want|asking|ask|take|price|offer|need|worth|zillow|redfin|appraised|at least|do|pay|sell (?:it )?for|get)\b/i;
const ASKING_CONTEXT_RE = /\b(?:want|asking|ask|take|need|at least|would you do|for|firm|my price|bottom line|lowest)\b/i;
const VALUATION_CONTEXT_RE = /\b(?:zillow|redfin|appraised|appraisal|worth|estimate|comps)\b/i;

function parseAskingPrice(sentence: string, messageIndex: number): Fact<number> | null {
  let best: Fact<number> | null = null;
  for (const m of sentence.matchAll(MONEY_RE)) {
    const [, dollar, digits, unit] = m;
    const after = sentence.slice((m.index ?? 0) + m[0].length);
    if (NOT_MONEY_AFTER_RE.test(after) && unit === undefined) continue;
    let value = Number(digits!.replace(/,/g, ''));
    const u = unit?.toLowerCase();
    if (u === 'k' || u === 'grand' || u === 'thousand') value *= 1_000;
    else if (u === 'm' || u === 'mil' || u === 'million') value *= 1_000_000;
    let confidence = dollar !== undefined || u !== undefined || digits!.includes(',') ? 0.9 : 0;
    if (confidence === 0) {
      if (!PRICE_CONTEXT_RE.test(sentence)) continue;
      if (value >= 20 && value < 5_000) {
        value *= 1_000;
        confidence = 0.6;
      } else if (value >= 10_000) confidence = 0.75;
      else continue;
    }
    if (value < 5_000 || value > 50_000_000) continue;
    // The owner's own number beats a website's estimate quoted back at us.
    if (VALUATION_CONTEXT_RE.test(sentence) && !ASKING_CONTEXT_RE.test(sentence)) confidence -= 0.25;
    else if (ASKING_CONTEXT_RE.test(sentence)) confidence = Math.min(0.95, confidence + 0.05);
    if (best === null || confidence > best.confidence) best = { value, confidence: Math.round(confidence * 100) / 100, evidence: sentence.trim(), messageIndex };
  }
  return best;
}

/**
 * @example extractFacts({ conversation: [{ direction: 'inbound', body: 'Going through a divorce, need to sell asap. Want 250k', at }] })
 *   // motivation divorce, timeline asap, askingPrice 250000 — each with its sentence as evidence
 */
export function extractFacts(options: ExtractFactsOptions): Facts {
  const facts: Facts = { motivation: null, timeline: null, condition: null, askingPrice: null, decisionMaker: null, occupancy: null };
  options.conversation.forEach((message, messageIndex) => {
    if (message.direction !== 'inbound') return;
    for (const sentence of sentences(message.body)) {
      const words = tokenizeReply(sentence).words;
      // Later statements replace earlier ones.
      facts.motivation = findFact(sentence, words, MOTIVATION, messageIndex) ?? facts.motivation;
      facts.timeline = findFact(sentence, words, TIMELINE, messageIndex) ?? facts.timeline;
      facts.condition = findFact(sentence, words, CONDITION, messageIndex) ?? facts.condition;
      facts.decisionMaker = findFact(sentence, words, DECISION, messageIndex) ?? facts.decisionMaker;
      facts.occupancy = findFact(sentence, words, OCCUPANCY, messageIndex) ?? facts.occupancy;
      facts.askingPrice = parseAskingPrice(sentence, messageIndex) ?? facts.askingPrice;
    }
  });
  return facts;
}
