import type { Channel } from './template.js';

export interface CleanMessageOptions {
  text: string;
  channel: Channel;
}

export interface CleanedMessage {
  text: string;
  /** What was removed or replaced, for the audit trail (empty when the text was already clean). */
  changes: string[];
}

// Models like to announce what they wrote ("Sure! Here's the SMS:", "Assistant:", "SMS:").
// Only a preamble that talks about the message: "Here's the thing: …" is the message itself.
const PREAMBLE =
  /^(?:(?:sure|certainly|of course|okay|ok|absolutely)[!,.]?\s+)?here(?:'s| is| are)\b[^:\n]{0,40}?\b(?:message|sms|text|email|draft|version|reply|response|script|rewrite)\b[^:\n]{0,30}:\s*/i;
const ROLE_PREFIX = /^(?:assistant|ai|bot|agent|sms|text message|text|email body|email|body|message|response|reply|draft|voicemail script|voicemail|script)\s*[:\-–]\s+/i;
const SUBJECT_LINE = /^subject\s*:[^\n]*\n+/i;
// A last line like "(Note: 142 characters)" or "Word count: 230" is commentary, not message.
const TRAILING_NOTE = /\n\s*\(?(?:note|character count|word count|characters|length)\s*:[^\n]*$/i;
const WRAPPING_QUOTES: ReadonlyArray<[string, string]> = [['"', '"'], ['“', '”'], ["'", "'"], ['‘', '’'], ['«', '»'], ['`', '`']];

// Typographic punctuation that silently switches an SMS to UCS-2 (doubling its cost) has a GSM twin.
const SMART_PUNCTUATION: ReadonlyArray<[RegExp, string]> = [
  [/[‘’‚‛′]/g, "'"],
  [/[“”„‟″]/g, '"'],
  [/[–—―‒]/g, '-'],
  [/…/g, '...'],
  [/[\u00a0\u2007\u202f]/g, ' '],
  [/[\u200b-\u200d\u2060\ufeff]/g, ''],
];

// Pre-checks so clean text (the common case) skips the rewrite passes.
const MAYBE_MARKDOWN = /[*_`#[•●▪]|^\s*(?:-|\d+[.)])\s/m;
const ANY_SMART = new RegExp(SMART_PUNCTUATION.map(([re]) => re.source).join('|'));

/**
 * Strips what a model wraps around a message: role prefixes and preambles, wrapping quotes, markdown
 * (bold, headings, backticks, bullets, `[text](url)` links), stray whitespace; for SMS and voicemail also
 * typographic punctuation that would force UCS-2 and line breaks.
 *
 * @example
 * cleanMessage({ text: 'SMS: "**Hi** Ann"', channel: 'sms' }).text // 'Hi Ann'
 */
export function cleanMessage({ text, channel }: CleanMessageOptions): CleanedMessage {
  const changes: string[] = [];
  let s = text.replace(/\r\n?/g, '\n').trim();
  const step = (name: string, next: string): void => {
    if (next !== s) {
      changes.push(name);
      s = next;
    }
  };
  step('code_fence', s.replace(/^```[a-z]*\n?|\n?```$/gi, '').trim());
  for (let i = 0; i < 3; i++) {
    const before = s;
    step('preamble', s.replace(PREAMBLE, '').trim());
    step('role_prefix', s.replace(ROLE_PREFIX, '').trim());
    if (channel === 'email') step('subject_line', s.replace(SUBJECT_LINE, '').trim());
    step('wrapping_quotes', unwrapQuotes(s));
    if (s === before) break;
  }
  step('trailing_note', s.replace(TRAILING_NOTE, '').trim());
  if (MAYBE_MARKDOWN.test(s)) step(
    'markdown',
    s
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, href: string) => (label.trim() === href ? href : `${label} ${href}`))
      .replace(/\*\*([^*]+)\*\*/g, '$1')
      .replace(/__([^_]+)__/g, '$1')
      .replace(/(^|[\s(])\*([^*\n]+)\*(?=[\s).,!?]|$)/g, '$1$2')
      .replace(/`+/g, '')
      .replace(/^#{1,6}\s+/gm, '')
      .replace(/^\s*(?:[-*•●▪]|\d+[.)])\s+/gm, channel === 'email' ? '- ' : ''),
  );
  if (channel !== 'email') {
    if (ANY_SMART.test(s)) {
      let t = s;
      for (const [re, to] of SMART_PUNCTUATION) t = t.replace(re, to);
      step('smart_punctuation', t);
    }
    if (/\s\s|[\t\n\r\f\v]/.test(s)) step('whitespace', s.replace(/\s+/g, ' ').trim());
  } else {
    if (/[ \t]{2}|\t| \n|\n |\n{3}/.test(s)) step('whitespace', s.replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n').replace(/\n{3,}/g, '\n\n').trim());
  }
  return { text: s, changes };
}

function unwrapQuotes(s: string): string {
  for (const [open, close] of WRAPPING_QUOTES) {
    if (s.length >= 2 && s.startsWith(open) && s.endsWith(close)) {
      const inner = s.slice(open.length, s.length - close.length);
      // Only a pair that wraps the whole text: `"Hi" she said "bye"` keeps its quotes.
      if (!inner.includes(close) && !inner.includes(open)) return inner.trim();
    }
  }
  return s;
}
