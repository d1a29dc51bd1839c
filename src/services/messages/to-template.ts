import type { messageTemplates } from '../../db/schema/index.js';
import type { Template } from '../../domain/messages/template.js';
import type { StoredTemplate } from './template-schemas.js';

const VARIABLE = /\{\{\s*([a-z_]+)/g;
const VARIANT = /\{\{\s*#variant\s+([A-Za-z0-9_-]+)/g;

function distinct(source: string, re: RegExp): string[] {
  return [...new Set([...source.matchAll(re)].map((m) => m[1]!))];
}

/** Variables a template's subject and body use, in order of first use. */
export function templateVariables(t: Pick<Template, 'body' | 'subject'>): string[] {
  return distinct(`${t.subject ?? ''}\n${t.body}`, VARIABLE);
}

export function templateVariants(t: Pick<Template, 'body' | 'subject'>): string[] {
  return distinct(`${t.subject ?? ''}\n${t.body}`, VARIANT);
}

/** The message_templates columns that come from a checked template (the rest is bookkeeping). */
export function templateColumns(t: Template) {
  return {
    channel: t.channel,
    kind: t.kind,
    touch: t.touch ?? null,
    responseTo: t.responseTo ?? null,
    marketKey: t.market?.toLowerCase() ?? null,
    subject: t.subject ?? null,
    body: t.body,
    variables: templateVariables(t),
  };
}

export function fromDefault(t: Template): StoredTemplate {
  return {
    key: t.key,
    name: t.key,
    channel: t.channel,
    kind: t.kind,
    touch: t.touch ?? null,
    responseTo: t.responseTo ?? null,
    market: t.market ?? null,
    subject: t.subject ?? null,
    body: t.body,
    variables: templateVariables(t),
    variants: templateVariants(t),
    active: true,
    version: 1,
    source: 'default',
    overridesDefault: false,
    updatedAt: null,
  };
}

export function fromRow(row: typeof messageTemplates.$inferSelect, overridesDefault: boolean): StoredTemplate {
  return {
    key: row.key,
    name: row.name,
    channel: row.channel,
    kind: row.kind as StoredTemplate['kind'],
    touch: row.touch,
    responseTo: row.responseTo,
    market: row.marketKey,
    subject: row.subject,
    body: row.body,
    variables: row.variables,
    variants: templateVariants({ body: row.body, subject: row.subject ?? undefined }),
    active: row.active,
    version: row.version,
    source: 'location',
    overridesDefault,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The domain template (for rendering and selectTemplate) of a stored one. */
export function toDomainTemplate(t: StoredTemplate): Template {
  return {
    key: t.key,
    channel: t.channel,
    kind: t.kind,
    ...(t.touch === null ? {} : { touch: t.touch }),
    ...(t.responseTo === null ? {} : { responseTo: t.responseTo as NonNullable<Template['responseTo']> }),
    ...(t.market === null ? {} : { market: t.market }),
    ...(t.subject === null ? {} : { subject: t.subject }),
    body: t.body,
  };
}
