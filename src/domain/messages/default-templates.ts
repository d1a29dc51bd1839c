/**
 * The template set Curb ships with. Written to sound like a local buyer, not a marketer: say who we
 * are, ask one question, make no promise we cannot keep (no prices, no deadlines, no "guaranteed"),
 * and let people say no. Compliance footers are not in the bodies: buildFooter adds them in one place.
 *
 * SMS copy aims at one GSM-7 segment with the first-touch footer, for typical names and addresses
 * (default-templates.test.ts checks this); emails run 200–300 words; voicemails stay under a minute.
 */
import type { Template } from './template.js';

const sms = (t: Omit<Template, 'channel'>): Template => ({ channel: 'sms', ...t });
const email = (t: Omit<Template, 'channel'>): Template => ({ channel: 'email', ...t });
const voicemail = (t: Omit<Template, 'channel' | 'kind'>): Template => ({ channel: 'voicemail', kind: 'voicemail', ...t });

const SMS_RESPONSES: ReadonlyArray<[NonNullable<Template['responseTo']>, string]> = [
  ['interested', 'Great, thanks for getting back to me! The best next step is a quick call about {{situs_address|your property}} and your timing. When works for you? - {{agent_name}}'],
  ['question', "Good question. I'm {{agent_name}} with {{company}}, a local home buyer. Happy to explain how it works on a quick call, or just text me your question here."],
  ['not_interested', "Understood, thanks for letting me know. I won't reach out about {{situs_address|your property}} again. All the best. - {{agent_name}}"],
  ['already_listed', "Thanks for letting me know, and good luck with the sale. If the listing doesn't work out, I'd be glad to be a backup option for {{situs_address|your property}}."],
  ['timing', "Totally understand, there's no rush on my end. Would it be OK if I checked back in a few months? - {{agent_name}}"],
  ['price', "Fair question. I'd need to learn a bit about the condition of {{situs_address|your property}} before giving you a number. Would a short call work? No obligation."],
  ['info_request', "Fair question. I'm {{agent_name}} with {{company}}. I found {{situs_address|your property}} in public property records and your number through a data provider. Want me to explain how we work?"],
];

const EMAIL_RESPONSE_SUBJECT = 'Re: your property at {{situs_address}}';
const SIGNATURE = '{{agent_name}}\n{{company}}\n{{agent_phone}}';

export const DEFAULT_TEMPLATES: readonly Template[] = [
  // ── SMS sequence ────────────────────────────────────────────────────────────────────────────────
  sms({
    key: 'sms.initial',
    kind: 'initial',
    touch: 1,
    body:
      '{{#variant A}}Hi {{first_name|there}}, this is {{agent_name}} with {{company}}. Would you consider an as-is offer on {{situs_address}}?{{/variant}}' +
      "{{#variant B}}Hi {{first_name|there}}, {{agent_name}} with {{company}} here, a local buyer. Any interest in selling {{situs_address}} as-is?{{/variant}}",
  }),
  sms({
    key: 'sms.follow-up.2',
    kind: 'follow_up',
    touch: 2,
    body: 'Hi {{first_name|there}}, {{agent_name}} with {{company}} again. Would you consider selling {{situs_address}}? Happy to answer any questions.',
  }),
  sms({
    key: 'sms.follow-up.3',
    kind: 'follow_up',
    touch: 3,
    body: "Hi {{first_name|there}}, if {{situs_address}} is more hassle than it's worth, I can make a simple as-is offer on your timeline. Open to a call? - {{agent_name}}",
  }),
  sms({
    key: 'sms.follow-up.4',
    kind: 'follow_up',
    touch: 4,
    body: "Hi {{first_name|there}}, I don't want to be a pest. If now isn't a good time for {{situs_address}}, just say so and I'll check back later. - {{agent_name}}",
  }),
  sms({
    key: 'sms.follow-up.5',
    kind: 'follow_up',
    touch: 5,
    body: "Hi {{first_name|there}}, this is my last note about {{situs_address}}. If you ever want an as-is offer, reply here and I'll pick it up. Thanks, {{agent_name}}",
  }),
  ...SMS_RESPONSES.map(([responseTo, body]) => sms({ key: `sms.response.${responseTo}`, kind: 'response', responseTo, body })),

  // ── Email sequence ──────────────────────────────────────────────────────────────────────────────
  email({
    key: 'email.initial',
    kind: 'initial',
    touch: 1,
    subject: 'Your property at {{situs_address}}',
    body: `Hi {{first_name|there}},

My name is {{agent_name}}, and I'm with {{company}}. We buy houses directly from owners. {{market_context|We're a local buyer.}}

I'm writing about your property at {{situs_address}}. I don't know your plans for it, so I'll keep this short: if you have thought about selling, I'd like to be one of the options you consider.

Here is how it usually works with us. We buy houses as-is, so you don't need to make repairs, clean the place out or hold showings. There's no agent commission on a direct sale to us, and you choose a closing date that fits your situation. Some owners want to move quickly; others need a few months to sort things out. Either is fine.

Many of the owners we talk to are dealing with something that makes a property harder to keep, like {{distress_reason|repairs that keep adding up, a difficult tenant, an inherited house or a move}}. If any of that sounds familiar, a short conversation can help you see your choices, even if you decide not to sell.

There's no obligation and no pressure. If you'd like to talk, reply to this email or call me at {{agent_phone}}. If the timing isn't right, that's completely fine too.

Thanks for reading,
${SIGNATURE}`,
  }),
  email({
    key: 'email.follow-up.2',
    kind: 'follow_up',
    touch: 2,
    subject: 'Following up about {{situs_address}}',
    body: `Hi {{first_name|there}},

I wrote to you a little while ago about {{situs_address}} and wanted to follow up once, in case my first note got buried.

I'm {{agent_name}} with {{company}}. We're a local company that buys houses directly from owners, in whatever condition they're in. I know a letter or email from someone you haven't met can feel out of the blue, so here is plainly what we do and don't do.

What we do: look at the property with you, ask about your plans and your timing, and, if it makes sense for both sides, make you a written offer to buy it as-is. You can take time to think it over, talk to family or an attorney, or compare it with listing the house.

What we don't do: ask you to fix anything, charge you fees to talk, or push you to decide on the spot. If selling to us isn't the best move for you, I'll tell you so.

Owners often reach out when a house has become more work than it's worth, after an inheritance, or when they're getting ready to move. If something like that is on your mind, I'm glad to answer questions, even if you're only gathering information for now.

You can reply to this email or call me at {{agent_phone}}.

Best regards,
${SIGNATURE}`,
  }),
  email({
    key: 'email.follow-up.3',
    kind: 'follow_up',
    touch: 3,
    subject: 'A few common questions about selling {{situs_address}}',
    body: `Hi {{first_name|there}},

When owners hear from us about a property like {{situs_address}}, they tend to ask the same few questions, so I thought I'd answer them here in case they're on your mind.

How do you come up with a price? We look at the condition of the house, what similar homes nearby have sold for, and what the repairs would cost. I'm happy to walk you through the numbers line by line, so nothing is a mystery.

Do I have to clean out the house or make repairs? No. You can leave behind anything you don't want, and we handle the work after closing.

How fast can this happen? It depends on you. Some owners want to close in a few weeks, others need more time. We pick a date together, and a title company handles the closing.

What does it cost me? There is no commission on a direct sale to us. We'll go over the closing costs with you before you agree to anything.

What if I decide not to sell? Then we part on good terms. There's no obligation at any point until you sign an agreement.

If you have a question I didn't cover, just reply to this email or call me at {{agent_phone}}. I'm glad to help either way.

Thank you,
${SIGNATURE}`,
  }),
  email({
    key: 'email.follow-up.4',
    kind: 'follow_up',
    touch: 4,
    subject: 'Checking in about {{situs_address}}',
    body: `Hi {{first_name|there}},

I've written a few times about {{situs_address}}, and I don't want to crowd your inbox, so this is a short check-in.

Plans for a property change. Maybe a tenant is moving out, a repair turned out bigger than expected, or a family decision about an inherited house is finally settled. If anything like that has come up, selling as-is to a local buyer can be one simple option to weigh alongside listing with an agent or keeping the house.

I'm {{agent_name}} with {{company}}. If you'd like, I can come by at a time that suits you, take a look at the house, and give you a straight answer about whether we can help. If we can, you'll get a written offer you can take your time with. If we can't, I'll say so and point you in a better direction if I know one.

There's nothing you need to prepare, and a conversation doesn't commit you to anything. If now is not a good time, a quick reply saying so is welcome too, and I'll make a note of it.

You can reach me by replying to this email or calling {{agent_phone}}.

All the best,
${SIGNATURE}`,
  }),
  email({
    key: 'email.follow-up.5',
    kind: 'follow_up',
    touch: 5,
    subject: 'Should I close my file on {{situs_address}}?',
    body: `Hi {{first_name|there}},

I've reached out a few times about {{situs_address}} and haven't heard back, which usually means the timing isn't right or selling isn't on your mind. Both are perfectly good answers, and this will be my last email about it.

Before I close my file, I want to leave you with one thing: if your situation changes, whether that's next month or a few years from now, you're welcome to get in touch. We buy houses as-is, we work around the owner's schedule, and we're glad to just answer questions even when you're not ready to decide.

Some owners keep a note like this one for later, when a repair comes up, a tenant leaves or a family decision gets made. If that's you, my direct number is {{agent_phone}}, and replying to this email reaches me too.

If you'd like me to keep the file open and check back at a better time, just reply with when that might be and I'll follow up then, not before. And if you'd rather not hear from me at all, that's fine: the unsubscribe line below takes care of it.

Either way, thank you for taking the time to read my notes, and I hope everything goes well with the property.

Warm regards,
${SIGNATURE}`,
  }),
  ...SMS_RESPONSES.map(([responseTo, body]) =>
    email({
      key: `email.response.${responseTo}`,
      kind: 'response',
      responseTo,
      subject: EMAIL_RESPONSE_SUBJECT,
      body: `Hi {{first_name|there}},\n\n${body.replace(/ - \{\{agent_name\}\}$/, '')}\n\n${SIGNATURE}`,
    }),
  ),

  // ── Voicemail scripts (the footer adds how to stop calls) ─────────────────────────────────────────
  voicemail({
    key: 'voicemail.1',
    touch: 1,
    body: "Hi {{first_name|there}}, this is {{agent_name}} with {{company}}, a local home buyer. I'm calling about {{situs_address}} to see if you'd consider an as-is offer. You can reach me at {{agent_phone}}. Thanks.",
  }),
  voicemail({
    key: 'voicemail.2',
    touch: 2,
    body: "Hi {{first_name|there}}, it's {{agent_name}} with {{company}} again, following up about {{situs_address}}. If selling is on your mind, even down the road, you can call me at {{agent_phone}}. Thanks.",
  }),
];
