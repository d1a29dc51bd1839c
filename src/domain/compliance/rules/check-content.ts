import type { RuleContext, Verdict } from './rule-context.js';

/**
 * C6: content carriers refuse on US SMS. Compiled once. Whole-word matches only, so "shotgun" style false hits on
 * ordinary property words stay rare; a false hit blocks a text (the safe side) and a person can reword it.
 */
const CATEGORIES: ReadonlyArray<readonly [code: string, label: string, pattern: RegExp]> = [
  ['content_sex', 'sexual content', /\b(?:sex|sexy|porn\w*|xxx|nude\w*|escort\w*|onlyfans|hookups?)\b/i],
  ['content_hate', 'hate speech', /\b(?:white power|heil hitler|kkk)\b/i],
  ['content_alcohol', 'alcohol', /\b(?:alcohol\w*|beer|beers|wine|wines|liquor|vodka|whiske?y|tequila|brewery|happy hour)\b/i],
  ['content_firearms', 'firearms', /\b(?:guns?|firearms?|rifles?|pistols?|handguns?|ammo|ammunition|ar-?15)\b/i],
  ['content_tobacco', 'tobacco or vaping', /\b(?:tobacco|cigarettes?|cigars?|vap(?:e|es|ing)|e-?cigs?|nicotine|juul)\b/i],
  ['content_cannabis', 'cannabis or drugs', /\b(?:cannabis|marijuana|cbd|thc|weed|dispensar(?:y|ies)|kratom|psilocybin)\b/i],
  ['content_gambling', 'gambling', /\b(?:casino|sportsbook|sports betting|poker|slots|lottery)\b/i],
  ['content_lead_generation', 'third-party lead generation', /\b(?:our (?:trusted |marketing )?partners (?:may|will) (?:contact|call|text)|we (?:sell|share) your (?:info|information|data|number)|(?:shared|sold) with (?:third[- ]part(?:y|ies)|partners))\b/i],
  ['content_url_shortener', 'a public URL shortener', /(?:^|[^a-z0-9.-])(?:bit\.ly|tinyurl\.com|tiny\.cc|goo\.gl|ow\.ly|t\.co|is\.gd|buff\.ly|rebrand\.ly|cutt\.ly|shorturl\.at|rb\.gy|t\.ly|bl\.ink|s\.id|v\.gd)(?![a-z0-9-])/i],
];

export function checkContent(ctx: RuleContext, _t: number, out: Verdict[]): void {
  if (ctx.channel !== 'sms' || ctx.body === undefined || ctx.body.length === 0) return;
  for (const [code, label, pattern] of CATEGORIES) {
    if (pattern.test(ctx.body)) {
      out.push({ effect: 'block', rule: 'C6', code, detail: `the text contains ${label}, which US carriers refuse` });
    }
  }
}
