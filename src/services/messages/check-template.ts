import { renderTemplate } from '../../domain/messages/render-template.js';
import { TEMPLATE_VARIABLES, TemplateSchema, type Template, type TemplateVars } from '../../domain/messages/template.js';
import { AppError, ErrorCode, validationError } from '../../lib/errors.js';

// Every variable has a value, so a render can only fail on the template's own syntax.
const SAMPLE: TemplateVars = Object.fromEntries(TEMPLATE_VARIABLES.map((v) => [v, 'x']));

/**
 * Validates a template before it is stored: the field rules (TemplateSchema) and a render of the body and
 * the subject, so an unknown `{{variable}}` or a broken `{{#variant}}` block is refused naming the field.
 *
 * @example
 * const template = checkTemplate({ key: 'sms.hello', channel: 'sms', kind: 'initial', touch: 1, body: 'Hi {{first_name|there}}' });
 */
export function checkTemplate(input: unknown): Template {
  const parsed = TemplateSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues, 'template');
  const t = parsed.data;
  for (const field of ['body', 'subject'] as const) {
    const source = t[field];
    if (source === undefined) continue;
    const r = renderTemplate({ template: { body: source }, vars: SAMPLE });
    if (!r.ok) {
      throw new AppError(ErrorCode.ValidationFailed, `invalid template: ${field}: ${r.error.message}`, { issues: [{ path: field, message: r.error.message }], code: r.error.code });
    }
  }
  return t;
}
