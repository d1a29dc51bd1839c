import { describe, expect, it } from 'vitest';
import { detectKeywords } from './opt-out.js';
import { normalizeReply } from './opt-out-normalize.js';
import { withinOneEdit } from './opt-out-edit-distance.js';

/** Labelled corpus: every message must be classified exactly as labelled (100%). */
const OPT_OUT_EN = [
  'STOP', 'stop', 'Stop.', 'STOP!!!', 'stop please', 'STOP PLEASE', 'Please stop', 'pls stop', 'STOP🛑', '🛑 stop', '🛑',
  'ＳＴＯＰ', 'Stop texting me', 'stop texting', 'Stop calling me', 'Stop messaging me!', 'stop it', 'Stop it now',
  'STOP ALL', 'stopall', 'Stop all messages', 'Quit', 'QUIT', 'quit texting me', 'Quit calling', 'quit it', 'I quit.',
  'END', 'end', 'End.', 'end please', 'End these texts', 'Cancel', 'CANCEL', 'cancel please', 'Cancel my subscription',
  'I want to cancel', 'cancel all', 'Revoke', 'I revoke my consent', 'revoke consent', 'Opt out', 'opt-out', 'Opt-Out.',
  'OPTOUT', 'optout please', 'Opt me out', 'I opt out', 'Unsubscribe', 'UNSUBSCRIBE', 'unsubscribe me', 'unsub',
  'Remove', 'Remove me', 'remove me from your list', 'Remove my number', 'Please remove my number from your list',
  'delete my number', 'Delete my number please', 'lose my number', 'Lose my number!', 'take me off your list',
  'Take me off your list please', 'take me off the list', 'Take my number off your list', 'get me off your list',
  'leave me alone', 'Leave me alone!!', "don't text me", 'dont text me', 'Do not text me', 'do not call',
  "Don't call me again", 'never contact me again', 'Do not contact me', 'put me on your do not call list',
  'Add me to your DNC list', 'DNC', 'no more texts', 'No more messages please', 'no more calls', 'No texts',
  'not interested', 'Not interested.', 'No thanks', 'no thank you', 'go away', 'Get lost', 'knock it off', 'back off',
  'This is harassment', 'stop harassing me', 'you are harassing me', 'spamming me', 'I am blocking you',
  'reported you', 'f off', 'fuck off', 'Why do you keep texting? Stop.', 'Hi. Stop. Thanks', 'Not selling. Stop texting me.',
  'Please STOP sending these', 'stop sending me this', 'When will these texts stop?', 'Who is this? stop',
  'I told you to stop', 'Stop! Wrong person', 'I said STOP', 'Stop contacting me about my property',
  'Cease and desist', 'cease', 'Stop, I am not interested in selling', 'Goodbye', 'enough',
  "I'm not interested, please remove me", 'Remove me please', 'no more', "please don't text this number",
  'do not text this number again', 'Stop texting this number', 'stop!!!!!', 'S T O P', 'end it', 'Cancel it', 'Stahp', 'Stop wasting my time', 'how do I unsubscribe?', 'I want to end this conversation',
];
const OPT_OUT_TYPOS = [
  'stpo', 'sotp', 'stp', 'Stopp', 'sstop please', 'stop pleasee', 'unsubscibe', 'unsubcribe', 'unsuscribe',
  'Unsubscirbe', 'cancle', 'canel', 'optuot', 'revok', 'Tame me off yoyr list', 'take me of your list',
  'tak me off your list', 'Take me off ur list', 'remvoe my number', 'delet my number', 'dont txt me',
  'dont textt me', 'no more textss', 'stopall please', 'stopal',
];
const OPT_OUT_ES = [
  'alto', 'ALTO', 'Alto por favor', 'parar', 'basta', 'Basta ya', 'cancelar', 'darme de baja', 'Quiero darme de baja',
  'dar de baja', 'baja', 'no me escribas', 'No me escribas más', 'no me mandes mensajes', 'No me mande mensajes',
  'no más mensajes', 'No mas', 'no más', 'borra mi número', 'Borre mi numero por favor', 'no me llames',
  'déjame en paz', 'Dejame en paz', 'para', 'PARE', 'Para.', 'no me interesa', 'no quiero mensajes',
  'no quiero más mensajes', 'quítame de tu lista', 'basta de mensajes', 'Alto a los mensajes', 'no me contactes',
];
const LEGAL = [
  'My attorney will be in touch', 'I will sue you', 'this is a TCPA violation', 'I am reporting you to the FCC',
  'See you in court', 'talk to my lawyer',
];
const LOOK_ALIKES_NO_ALARM = [
  'stop by anytime', "I'll stop by Tuesday", 'I can stop by the house Tuesday', 'Feel free to stop in',
  'the weekend works', 'Weekends are best', 'at the end of my rope', 'end of the month', 'Can we do end of the month?',
  'can you cancel the appointment?', 'I need to cancel our meeting tomorrow', 'I quit my job and need to sell',
  "I can't stop thinking about selling", 'The house is near the bus stop', 'It is right past the stop sign',
  'we could meet at the end of the road', 'My tenant wants to end the lease', 'The backend is fine',
  'I will send the address', 'Call me at 5', 'Text me the offer', 'What is your best offer?',
  'Yes I am interested', 'How much would you pay?', 'Sounds good, send it over', 'The roof needs work',
  'Step one is an inspection', 'Next step?', 'I will shop around', 'Top dollar only', 'My wife had cancer last year',
  'el precio es muy alto', 'Es para mi hermano', 'Para cuando?', 'The price is a bit high', 'I want out of this house',
  'Please call me after 6', 'I am the owner', "Let's talk next week", 'I sold it last year to my cousin? no',
  'Who is this?', 'Hello', 'ok', 'Maybe later', 'Send me an offer by email', 'We took 10k off the last offer',
  'Stopped by the property yesterday', 'Nice front stoop', 'I got a text from you', 'It stops raining at noon', 'The endless repairs', 'I cancelled the listing',
  'Is the quit claim deed ok?', 'Tuesday works on my end', 'No problem', 'Yes', 'Info on the deal?',
  'What is the next step', 'How did you get my number?', 'Sure, call me', 'I am at the end of a lease',
];
const LOOK_ALIKE_EXPECTED: Record<string, string> = {
  'stop by anytime': 'stop', "I'll stop by Tuesday": 'stop', 'at the end of my rope': 'end', 'end of the month': 'end',
  'can you cancel the appointment?': 'cancel', 'I quit my job and need to sell': 'quit',
};
const HELP = ['HELP', 'help', 'Help!', 'help?', 'INFO', 'info', 'help please', 'Help me', 'ayuda', 'more info'];
const OPT_IN = ['START', 'start', 'UNSTOP', 'unstop', 'YES', 'yes', 'Yes!', 'yes please', 'Start.'];
const NOT_HELP = ['Can you help me sell my house?', 'I need help with repairs', 'Info on the deal?'];
const NOT_OPT_IN = ['Yes I am interested', 'start the process', 'yes call me', 'stop', 'Restart?'];
const WRONG_NUMBER = ['Wrong number', 'wrong number!', 'You have the wrong person', 'número equivocado', "I'm not the owner", 'not my house'];

describe('detectKeywords: labelled corpus (100% required)', () => {
  const corpus = OPT_OUT_EN.length + OPT_OUT_TYPOS.length + OPT_OUT_ES.length + LEGAL.length + LOOK_ALIKES_NO_ALARM.length + HELP.length + OPT_IN.length + NOT_HELP.length + NOT_OPT_IN.length + WRONG_NUMBER.length;
  it(`has at least 200 labelled messages (${corpus})`, () => expect(corpus).toBeGreaterThanOrEqual(200));

  it.each([...OPT_OUT_EN, ...OPT_OUT_TYPOS, ...OPT_OUT_ES])('opt-out: %s', (text) => {
    const r = detectKeywords(text);
    expect(r.optOut, JSON.stringify(r)).toBe(true);
    expect(r.optIn).toBe(false);
    expect(r.matched).not.toBeNull();
  });
  it.each(LEGAL)('legal threat revokes and flags: %s', (text) => {
    const r = detectKeywords(text);
    expect(r.optOut).toBe(true);
    expect(r.legalThreat).toBe(true);
  });
  it.each(LOOK_ALIKES_NO_ALARM)('no false alarm: %s', (text) => {
    const r = detectKeywords(text);
    expect(r.optOut, JSON.stringify(r)).toBe(false);
    expect(r.legalThreat).toBe(false);
  });
  it.each(Object.entries(LOOK_ALIKE_EXPECTED))('look-alike is reported for review: %s', (text, word) => {
    expect(detectKeywords(text).lookAlike).toBe(word);
  });
  it.each(HELP)('help: %s', (text) => {
    const r = detectKeywords(text);
    expect(r.help, JSON.stringify(r)).toBe(true);
    expect(r.optOut).toBe(false);
  });
  it.each(NOT_HELP)('not a HELP keyword: %s', (text) => expect(detectKeywords(text).help).toBe(false));
  it.each(OPT_IN)('opt-in: %s', (text) => {
    const r = detectKeywords(text);
    expect(r.optIn, JSON.stringify(r)).toBe(true);
    expect(r.optOut).toBe(false);
  });
  it.each(NOT_OPT_IN)('not an opt-in: %s', (text) => expect(detectKeywords(text).optIn).toBe(false));
  it.each(WRONG_NUMBER)('wrong number is its own signal: %s', (text) => expect(detectKeywords(text).wrongNumber).toBe(true));
  it('wrong number alone is not an opt-out (the number is suppressed by its own intent)', () => {
    expect(detectKeywords('Wrong number').optOut).toBe(false);
  });
});

describe('normalizeReply', () => {
  it('folds width, case, diacritics, apostrophes and emoji', () => {
    expect(normalizeReply("ＳＴＯＰ🛑 Don’t text me. NÚMERO")).toEqual(['stop', 'stop', 'dont', 'text', 'me', '|', 'numero']);
  });
});

describe('withinOneEdit', () => {
  it.each([
    ['stop', 'stpo', true], ['stop', 'sotp', true], ['stop', 'stp', true], ['stop', 'stopp', true], ['stop', 'shop', true],
    ['stop', 'spot', false], ['unsubscribe', 'unsubscibe', true], ['cancel', 'cancle', true], ['take', 'tame', true],
    ['list', 'lsit', true], ['stop', 'stop', true], ['stop', 'sto', true], ['stop', 'tops', false],
  ])('%s ~ %s = %s', (a, b, want) => expect(withinOneEdit(a, b)).toBe(want));
});
