import { describe, expect, it } from 'vitest';
import { selectTemplate } from './select-template.js';
import type { Template } from './template.js';

const t = (key: string, more: Partial<Template>): Template => ({ key, channel: 'sms', kind: 'follow_up', body: key, ...more });
const templates = [t('generic-2', { touch: 2 }), t('generic-3', { touch: 3 }), t('orange-2', { touch: 2, market: 'orange' }), t('reply-price', { kind: 'response', responseTo: 'price' }), t('reply-listed', { kind: 'response', responseTo: 'already_listed' })];

describe('selectTemplate', () => {
  it('prefers the market-specific template', () => {
    expect(selectTemplate({ templates, channel: 'sms', kind: 'follow_up', touch: 2, market: 'Orange' })?.key).toBe('orange-2');
    expect(selectTemplate({ templates, channel: 'sms', kind: 'follow_up', touch: 2, market: 'lake' })?.key).toBe('generic-2');
  });
  it('uses the closest earlier touch when a touch has no template', () => {
    expect(selectTemplate({ templates, channel: 'sms', kind: 'follow_up', touch: 5 })?.key).toBe('generic-3');
    expect(selectTemplate({ templates, channel: 'sms', kind: 'follow_up', touch: 1 })).toBeUndefined();
  });
  it('matches replies by what they respond to, accepting the seed name already_agent', () => {
    expect(selectTemplate({ templates, channel: 'sms', kind: 'response', responseTo: 'price' })?.key).toBe('reply-price');
    expect(selectTemplate({ templates, channel: 'sms', kind: 'response', responseTo: 'already_agent' })?.key).toBe('reply-listed');
    expect(selectTemplate({ templates, channel: 'email', kind: 'response', responseTo: 'price' })).toBeUndefined();
  });
});
