import { describe, expect, it } from 'vitest';
import { cleanMessage } from './clean-message.js';

const sms = (text: string) => cleanMessage({ text, channel: 'sms' }).text;

describe('cleanMessage', () => {
  it('strips role prefixes, preambles and wrapping quotes', () => {
    expect(sms('Assistant: "Hi Ann, any interest in selling?"')).toBe('Hi Ann, any interest in selling?');
    expect(sms("Sure! Here's the SMS:\n\n“Hi Ann”")).toBe('Hi Ann');
    expect(sms('SMS: Hi Ann')).toBe('Hi Ann');
    expect(sms('Here is the message: Hi Ann')).toBe('Hi Ann');
  });
  it('keeps a message that merely starts with "Here is"', () => {
    expect(sms("Here's the thing: we buy houses as-is.")).toBe("Here's the thing: we buy houses as-is.");
    expect(sms('Here is a shorter version of the SMS: Hi Ann')).toBe('Hi Ann');
  });
  it('keeps quotes that do not wrap the whole text', () => {
    expect(sms('"Hi" she said "bye"')).toBe('"Hi" she said "bye"');
  });
  it('strips markdown: bold, headings, backticks, bullets, links', () => {
    expect(sms('**Hi** Ann, `see` [our site](https://a.example.com)')).toBe('Hi Ann, see our site https://a.example.com');
    expect(cleanMessage({ text: '# Hello\n* one\n* two', channel: 'email' }).text).toBe('Hello\n- one\n- two');
  });
  it('collapses whitespace and drops trailing notes', () => {
    expect(sms('  Hi   Ann,\n\n  how are you?\n\n(Note: 32 characters)')).toBe('Hi Ann, how are you?');
  });
  it('turns typographic punctuation into GSM characters for SMS only', () => {
    expect(sms('It’s “fine” – really…')).toBe('It\'s "fine" - really...');
    expect(cleanMessage({ text: 'It’s fine', channel: 'email' }).text).toBe('It’s fine');
  });
  it('reports what it changed', () => {
    expect(cleanMessage({ text: 'Hi Ann', channel: 'sms' }).changes).toEqual([]);
    expect(cleanMessage({ text: 'SMS: **Hi**', channel: 'sms' }).changes).toEqual(['role_prefix', 'markdown']);
  });
});
