import { buildFactSet, type FactSet } from './build-fact-set.js';
import type { Template } from './template.js';

const PLACEHOLDER = /\{\{\s*(?:#variant\s+[A-Za-z0-9_-]+|\/variant|[a-z_]+(?:\s*\|([^{}|]*))?)\s*\}\}/g;
const cache = new Map<string, FactSet>();

/**
 * The facts a template states by itself: its literal words and numbers and its fallback texts (the
 * values come from the record). Built once per template text, so guarding a rendered template only has
 * to index the prospect's values.
 *
 * @example
 * const facts = buildFactSet({ values: [vars], base: [locationFacts, templateFactSet(template)] });
 */
export function templateFactSet(template: Pick<Template, 'body' | 'subject'>): FactSet {
  const source = `${template.subject ?? ''}\n${template.body}`;
  let facts = cache.get(source);
  if (!facts) {
    facts = buildFactSet({ values: [source.replace(PLACEHOLDER, (_m, fallback: string | undefined) => ` ${fallback ?? ''} `)] });
    if (cache.size > 2000) cache.clear();
    cache.set(source, facts);
  }
  return facts;
}
