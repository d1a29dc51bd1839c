/*
 * Markers of CAPTCHA and bot-check pages (Cloudflare challenge, reCAPTCHA/hCaptcha, Tyler ssweb
 * checkHuman, generic "are you a robot"). Curb does not solve or evade them: a page that shows one
 * ends the fetch with `bot_check`, and a person decides what to do (often a bulk public-records request).
 */
const MARKERS: RegExp[] = [
  /checkHuman/i,
  /captcha/i,
  /cf-chl-|cf_chl_|challenge-platform|cf-challenge/i,
  /<title>\s*Just a moment\.\.\.\s*<\/title>/i,
  /Attention Required! \| Cloudflare/i,
  /are you a (human|robot)/i,
  /verify (that )?you are (a )?human/i,
  /Request unsuccessful\. Incapsula/i,
];

/** Returns the marker that matched, or undefined. */
export function detectBotCheck(body: string, headers?: Headers): string | undefined {
  if (headers?.get('cf-mitigated') === 'challenge') return 'cf-mitigated: challenge';
  const head = body.slice(0, 50_000);
  for (const m of MARKERS) {
    const hit = m.exec(head);
    if (hit) return hit[0];
  }
  return undefined;
}
