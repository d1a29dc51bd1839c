import type { Channel, TemplateKind } from './template.js';

/**
 * Length and lint limits the guard applies. "Target" limits ask for a rewrite when exceeded; "hard"
 * limits reject.
 */
export interface MessageLimits {
  /** SMS: segments a message should fit in (a first touch aims for one, footer included). */
  maxSegments: number;
  /** SMS: never more than this. */
  hardMaxSegments: number;
  /** Email and voicemail: target word range of the body (footer excluded for email). */
  minWords: number;
  maxWords: number;
  hardMaxWords: number;
  /** ALL-CAPS words (3+ letters, not STOP/HELP/known acronyms or facts) tolerated before a rewrite. */
  maxAllCapsWords: number;
  maxSubjectChars: number;
}

export interface MessageLimitsOptions {
  channel: Channel;
  kind?: TemplateKind;
}

/**
 * The default limits per channel and kind (seed: SMS 160 characters, email 200–300 words; voicemail
 * about 60 words ≈ 25 seconds of speech).
 */
export function messageLimits({ channel, kind }: MessageLimitsOptions): Readonly<MessageLimits> {
  // The guard asks for every message; the answer depends on two small enums, so build each once.
  const key = `${channel}:${kind ?? ''}`;
  let limits = cache.get(key);
  if (!limits) {
    limits = Object.freeze(build(channel, kind));
    cache.set(key, limits);
  }
  return limits;
}

const cache = new Map<string, Readonly<MessageLimits>>();

function build(channel: Channel, kind: TemplateKind | undefined): MessageLimits {
  const base = { maxAllCapsWords: 2, maxSubjectChars: 78 };
  if (channel === 'sms') {
    return { ...base, maxSegments: kind === 'response' ? 2 : 1, hardMaxSegments: 3, minWords: 0, maxWords: Infinity, hardMaxWords: Infinity };
  }
  if (channel === 'voicemail') return { ...base, maxSegments: Infinity, hardMaxSegments: Infinity, minWords: 15, maxWords: 60, hardMaxWords: 90 };
  if (kind === 'response') return { ...base, maxSegments: Infinity, hardMaxSegments: Infinity, minWords: 0, maxWords: 120, hardMaxWords: 250 };
  return { ...base, maxSegments: Infinity, hardMaxSegments: Infinity, minWords: 200, maxWords: 300, hardMaxWords: 450 };
}
