import type { Channel } from './template.js';

/** Per-unit outbound prices in US dollars. */
export interface ChannelPrices {
  /** Per SMS segment. Twilio US outbound list price; carrier surcharges vary and are not included. */
  smsPerSegment: number;
  /** Per email (SMTP relay cost; 0 for your own server or a free tier). */
  emailPerMessage: number;
  /** Per voicemail drop or call attempt. */
  voicemailPerCall: number;
}

export const DEFAULT_CHANNEL_PRICES: ChannelPrices = {
  smsPerSegment: 0.0079,
  emailPerMessage: 0,
  voicemailPerCall: 0.014,
};

export interface EstimateCostOptions {
  channel: Channel;
  /** SMS segments (from countSegments); ignored for email and voicemail. */
  segments: number;
  prices?: Partial<ChannelPrices>;
}

export interface CostEstimate {
  usd: number;
  /** What was billed: segments for SMS, 1 message or call otherwise. */
  quantity: number;
  unitPriceUsd: number;
}

/**
 * The expected cost of one outbound message.
 *
 * @example
 * estimateCost({ channel: 'sms', segments: 2 }) // { usd: 0.0158, quantity: 2, unitPriceUsd: 0.0079 }
 */
export function estimateCost({ channel, segments, prices }: EstimateCostOptions): CostEstimate {
  const p = { ...DEFAULT_CHANNEL_PRICES, ...prices };
  const [quantity, unitPriceUsd] =
    channel === 'sms' ? [Math.max(0, segments), p.smsPerSegment] : channel === 'email' ? [1, p.emailPerMessage] : [1, p.voicemailPerCall];
  // Rounded to a millionth of a dollar so sums over thousands of messages do not drift in float noise.
  return { usd: Math.round(quantity * unitPriceUsd * 1e6) / 1e6, quantity, unitPriceUsd };
}
