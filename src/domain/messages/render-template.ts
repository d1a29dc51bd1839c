/**
 * Template syntax (docs/guides/messages.md):
 * - `{{first_name}}` — a required variable: rendering fails, naming it, when it has no value;
 * - `{{first_name|there}}` — a fallback used when the value is missing or blank (may be empty: `{{city|}}`);
 * - `{{#variant A}}…{{/variant}}` — A/B copy. Every block with the same label belongs to one variant; text
 *   outside blocks is shared. The variant is the one asked for, else picked from the seed (contact id +
 *   step) so a contact always gets the same copy.
 */
import { TEMPLATE_VARIABLES, type Template, type TemplateVars } from './template.js';

export interface RenderTemplateOptions {
  template: Pick<Template, 'body' | 'subject'>;
  vars: TemplateVars;
  /** A variant label to force (analytics replays, previews). */
  variant?: string;
  /** Stable input for picking a variant, e.g. `${contactId}:${step}`. */
  seed?: string;
}

export interface RenderedTemplate {
  subject?: string;
  body: string;
  /** Variables the rendered text actually used (a value or its fallback), in order of first use. */
  usedVariables: string[];
  /** The variant label used, or null when the template has no variants. */
  variant: string | null;
}

export type RenderTemplateError =
  | { code: 'invalid_template'; message: string }
  | { code: 'missing_variable'; message: string; variables: string[] }
  | { code: 'unknown_variant'; message: string; variants: string[] };

export type RenderTemplateResult = { ok: true; value: RenderedTemplate } | { ok: false; error: RenderTemplateError };

type Node = { t: 'text'; s: string } | { t: 'var'; name: string; fallback: string | undefined } | { t: 'variant'; label: string; nodes: Node[] };

interface Compiled {
  nodes: Node[];
  labels: string[];
}

const KNOWN = new Set<string>(TEMPLATE_VARIABLES);
const TOKEN = /\{\{\s*(#variant\s+([A-Za-z0-9_-]+)|\/variant|([a-z_]+)(?:\s*\|([^{}|]*))?)\s*\}\}/g;

// Templates are few and rendered many times: compile each distinct source once.
const cache = new Map<string, Compiled | RenderTemplateError>();

function compile(source: string): Compiled | RenderTemplateError {
  const hit = cache.get(source);
  if (hit) return hit;
  const compiled = parse(source);
  if (cache.size > 2000) cache.clear();
  cache.set(source, compiled);
  return compiled;
}

function parse(source: string): Compiled | RenderTemplateError {
  const root: Node[] = [];
  let current = root;
  let open: string | undefined;
  const labels: string[] = [];
  let last = 0;
  for (const m of source.matchAll(TOKEN)) {
    if (m.index > last) current.push({ t: 'text', s: source.slice(last, m.index) });
    last = m.index + m[0].length;
    if (m[2] !== undefined) {
      if (open !== undefined) return { code: 'invalid_template', message: `variant blocks cannot nest ({{#variant ${m[2]}}} inside ${open})` };
      open = m[2];
      if (!labels.includes(open)) labels.push(open);
      const block: Node = { t: 'variant', label: open, nodes: [] };
      current.push(block);
      current = block.nodes;
    } else if (m[1] === '/variant') {
      if (open === undefined) return { code: 'invalid_template', message: '{{/variant}} without an opening {{#variant X}}' };
      open = undefined;
      current = root;
    } else {
      const name = m[3]!;
      if (!KNOWN.has(name)) return { code: 'invalid_template', message: `unknown variable {{${name}}}; known: ${TEMPLATE_VARIABLES.join(', ')}` };
      current.push({ t: 'var', name, fallback: m[4] });
    }
  }
  if (open !== undefined) return { code: 'invalid_template', message: `{{#variant ${open}}} is not closed` };
  if (last < source.length) root.push({ t: 'text', s: source.slice(last) });
  const leftover = source.replace(TOKEN, '');
  const at = leftover.search(/\{\{|\}\}/);
  if (at >= 0) return { code: 'invalid_template', message: `malformed placeholder near "${leftover.slice(Math.max(0, at - 10), at + 30)}"` };
  return { nodes: root, labels };
}

/** FNV-1a: tiny, stable across runs and platforms, good enough to spread contacts over variants. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function valueOf(vars: TemplateVars, name: string): string | undefined {
  const v = vars[name as keyof TemplateVars];
  if (v === undefined || v === null) return undefined;
  // Values come from imported records: collapse line breaks and runs of spaces so one field cannot
  // reshape the message. Substitution happens once, so a value containing `{{…}}` stays literal text.
  const s = String(v).replace(/\s+/g, ' ').trim();
  return s === '' ? undefined : s;
}

function emit(nodes: Node[], vars: TemplateVars, label: string | null, out: string[], used: string[], missing: string[]): void {
  for (const n of nodes) {
    if (n.t === 'text') out.push(n.s);
    else if (n.t === 'variant') {
      if (n.label === label) emit(n.nodes, vars, label, out, used, missing);
    } else {
      const v = valueOf(vars, n.name);
      if (v === undefined && n.fallback === undefined) {
        if (!missing.includes(n.name)) missing.push(n.name);
        continue;
      }
      if (v !== undefined && !used.includes(n.name)) used.push(n.name);
      out.push(v ?? n.fallback!.trim());
    }
  }
}

// Empty fallbacks leave doubled spaces or a space before punctuation; tidy them without touching line breaks.
function tidy(s: string): string {
  return s
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ ([,.!?;:])/g, '$1')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

/**
 * Renders a template's subject and body with one variant.
 *
 * @example
 * renderTemplate({ template: { body: 'Hi {{first_name|there}}' }, vars: {} }) // ok: body 'Hi there'
 */
export function renderTemplate({ template, vars, variant, seed }: RenderTemplateOptions): RenderTemplateResult {
  const body = compile(template.body);
  if ('code' in body) return { ok: false, error: body };
  const subject = template.subject === undefined ? undefined : compile(template.subject);
  if (subject && 'code' in subject) return { ok: false, error: subject };
  const labels = subject ? [...body.labels, ...subject.labels.filter((l) => !body.labels.includes(l))] : body.labels;
  let label: string | null = null;
  if (labels.length > 0) {
    if (variant !== undefined) {
      if (!labels.includes(variant)) return { ok: false, error: { code: 'unknown_variant', message: `variant ${variant} is not in this template (${labels.join(', ')})`, variants: labels } };
      label = variant;
    } else label = labels[hash(seed ?? '') % labels.length]!;
  }
  const used: string[] = [];
  const missing: string[] = [];
  const out: string[] = [];
  emit(body.nodes, vars, label, out, used, missing);
  let renderedSubject: string | undefined;
  if (subject) {
    const sOut: string[] = [];
    emit(subject.nodes, vars, label, sOut, used, missing);
    renderedSubject = tidy(sOut.join(''));
  }
  if (missing.length > 0) {
    return {
      ok: false,
      error: { code: 'missing_variable', message: `no value for ${missing.map((m) => `{{${m}}}`).join(', ')} and no fallback`, variables: missing },
    };
  }
  return { ok: true, value: { ...(renderedSubject === undefined ? {} : { subject: renderedSubject }), body: tidy(out.join('')), usedVariables: used, variant: label } };
}
