/**
 * Word lists for opt-out, HELP and opt-in detection (research notes §2.5 and §3; FCC per-se words; Twilio and
 * CTIA keywords). All entries are normalised tokens (see normalizeReply). Sets are built once at load.
 */
const set = (words: string) => new Set(words.split(/\s+/).filter(Boolean));

/** Revocation words that mean "stop" wherever they stand, unless a look-alike context says otherwise. */
export const STRONG_KEYWORDS = set('stop stopall stahp unsubscribe unsub unsubscribed unsuscribe revoke revoked optout dnc cease');

/** Per-se words that are also ordinary prose ("end of the month", "cancel the appointment", "I quit my job"). */
export const WEAK_KEYWORDS = set('end quit cancel cancelar');

/** Spanish words that revoke when they open a sentence or govern a messaging word ("alto" also means "high"). */
export const SPANISH_OPENERS = set('alto basta parar');

/** Only the whole message: "para" also means "for", "pare" is a verb form; "baja" alone is "unsubscribe". */
export const WHOLE_MESSAGE_ONLY = set('para pare baja remove');

/** Base words whose one-edit typos still count ("stpo", "unsubscibe", "cancle", "optuot"). */
export const TYPO_BASES = ['stop', 'stopall', 'unsubscribe', 'revoke', 'optout', 'cancel'] as const;

/** Real words one edit away from a typo base: never read as typos ("step", "shop", "top", "cancer", "evoke"). */
export const TYPO_EXCLUSIONS = set(
  'top tops shop step steps stops stoop atop slop stow sop stomp strop stoa scop stot ' +
    'cancer cancels chancel carcel evoke',
);

/** Real words one edit away from a fuzzy phrase word ("off the last offer" is not "off the list"). */
export const FUZZY_EXCLUSIONS = set('last lost lust lift lint mist fist test tests next tent contract contracts massage passage gmail into four hour tour pour sour lumber');

/** Courtesy words ignored when a message is compared with whole-message keywords and phrases. */
export const POLITE = set('please pls plz plase thanks thank you thx ty ok okay sir maam just now por favor gracias porfa porfavor');

/** Polite or filler words ignored when judging a message or sentence made only of keywords. */
export const FILLERS = set(
  'please pls plz plase now thanks thank thx ty you u ok okay asap immediately just sir maam man dude bro already ' +
    'right away again ya por favor gracias ahora porfa porfavor yes no all it this that these texts text texting ' +
    'messages message msgs msg sms calls calling sending messaging me us i ill will im want to a the and or',
);

/** Words that, right after a keyword, make it about our messages ("stop texting", "cancel my subscription"). */
export const MESSAGING_OBJECTS = set(
  'text texts texting txt txting txts message messages messaging msg msgs sms call calls calling contact contacting ' +
    'email emails emailing mail send sending bothering bugging harassing spamming pestering subscription ' +
    'subscriptions number mensajes mensaje textos llamadas llamar escribir escribirme contactarme molestar molestarme',
);

/** Pronoun objects that make a keyword about the conversation only when they follow it directly ("stop it"). */
export const DIRECT_OBJECTS = set('me us it this that now all these everything please pls plz immediately asap already');

/** "stop by / in / over" — visiting, not revoking. */
export const STOP_VISIT_NEXT = set('by in over off at on through thru');
/** "bus stop", "the last stop", "a quick stop". */
export const STOP_NOUN_PREV = set('bus truck pit rest last next first one full a the each every quick short non one');
/** "stop sign", "stop light", "stop loss". */
export const STOP_NOUN_NEXT = set('sign signs light lights loss gap watch motion');
/** "can't stop thinking", "don't stop". */
export const NEGATIONS = set('cant couldnt wont wouldnt didnt never dont cannot');

/** "end of", "end up", "end date", "the end", "weekend"-like contexts for weak words. */
export const WEAK_PROSE_NEXT = set('of up date dates result results user users game goal zone table unit units lot lots time times result');
export const WEAK_PROSE_PREV = set(
  'the an at by week month year dead deep back front rear high low tail till til until before near either each far ' +
    'west east north south upper lower loose happy bitter odd both my our their his her no',
);

/** Sentences that revoke when they are the whole message (or the whole sentence). Joined by single spaces. */
export const WHOLE_PHRASES = set(
  [
    'opt out', 'stop all', 'do not call', 'do not text', 'dont call', 'dont text', 'not interested', 'no thanks',
    'no thank you', 'go away', 'get lost', 'leave me alone', 'goodbye', 'bye', 'enough', 'i want out', 'no mas',
    'no mas mensajes', 'darme de baja', 'dar de baja', 'dame de baja', 'no me interesa', 'no estoy interesado',
    'no estoy interesada', 'remove me', 'remove', 'no texts', 'no more texts', 'no messages', 'no calls', 'no text',
    'no more', 'stop it', 'lose my number',
  ].map((p) => p.replace(/ /g, '_')).join(' '),
);

/**
 * Phrase patterns, each a list of slots; a slot lists alternatives, `?` marks it optional, `~` lets a word of 4+
 * letters match with one typo ("tame me off yoyr list"), `$` means "end of sentence".
 */
export const PHRASES: ReadonlyArray<readonly string[]> = [
  // "don't text me", "do not call", "never contact me again", "dont email", "stop sending"
  ['dont|never|donot|nolonger', '~text|texting|txt|~message|~messaging|msg|call|~calling|~contact|~contacting|~email|~emailing|bother|~bothering|harass|~harassing|spam|send|~sending', 'me|us|this|my|again|anymore|any|ever|here|please|list|$'],
  ['no', 'more', '~texts|text|~messages|message|msgs|calls|call|~emails|email|contact|~contacting|~messaging|~texting|spam'],
  ['~take', 'me|us|him|her|my|this|our|the', 'number|name|phone|info|~information|contact|cell?', 'off|of|out'],
  ['~remove|~delete|erase|drop|scratch', 'me|us|him|her|my|this|our|the', 'number|name|phone|info|~information|contact|cell?', 'off|of|from|out|$'],
  ['~remove|~delete|erase|lose|scratch|forget', 'me|us|my|this|our', '~number|name|phone|info|~information|contact|cell'],
  ['~remove|~delete|erase', 'me|us', '$'],
  ['off', 'your|ur|the|this|you|~your', '~list|lists|~database|~system|~contacts|contact'],
  ['~remove|~delete|~unsubscribe|opt', 'from', 'your|ur|the|this|~your?', '~list|lists|~database|~system|~contacts|texts|messages'],
  ['leave', 'me|us', 'alone'],
  ['put|add|place', 'me|us|my|this|our|it', 'number?', 'on|to', 'your|the|ur|a?', 'dont|dnc|donot'],
  ['opt', 'me|us', 'out'],
  ['opt', 'out'],
  ['~unsubscribe|unsub', 'me|us'],
  ['go', 'away'],
  ['get', 'lost'],
  ['knock', 'it', 'off'],
  ['back', 'off'],
  ['fuck|f|screw|piss|buzz|bugger|frick|fk|fck|eff', 'off|you|u'],
  ['go', 'to', 'hell'],
  ['~harassment|harassing|harass|harassed'],
  ['this', 'is', 'spam|~harassment'],
  ['spamming|spammer|spammers'],
  ['blocking|blocked|block', 'you|u|this|your|ur'],
  ['reported|reporting|report', 'you|u|this|your|ur'],
  ['cease', 'and', 'desist'],
  // Spanish
  ['no', 'me', 'escribas|escriba|escriban|mandes|mande|manden|envies|envie|envien|llames|llame|llamen|contactes|contacte|contacten|molestes|moleste|molesten|textees|textee'],
  ['no', 'mas', 'mensajes|mensaje|textos|llamadas|correos'],
  ['no', 'quiero', 'mas?', 'mensajes|mensaje|textos|llamadas'],
  ['darme|dar|dame|denme|deme', 'de', 'baja'],
  ['borra|borre|borrar|borren|elimina|elimine|eliminar|quita|quite|quitar', 'mi|este|el', 'numero|telefono|nombre'],
  ['quitame|quiteme|sacame|saqueme|borrame|borreme|eliminame|elimineme', 'de?'],
  ['dejame|dejeme|dejenme|dejenos', 'en', 'paz'],
];

/** Legal-threat signals (R-LIT-SIGNAL): revoke, escalate, send nothing automated. */
export const LEGAL_WORDS = set('attorney attorneys lawyer lawyers lawsuit lawsuits tcpa fcc ftc litigation subpoena abogado abogados demanda');
export const LEGAL_PHRASES: ReadonlyArray<readonly string[]> = [
  ['sue|suing', 'you|u|your|ur|this'],
  ['ill|will|gonna|going', 'to?', 'sue'],
  ['cease', 'and', 'desist'],
  ['demand', 'letter'],
  ['see', 'you', 'in', 'court'],
  ['reported|reporting|report', 'you|u|this|your'],
];

/** "wrong number" replies: the number is suppressed on its own (not the owner's other numbers). */
export const WRONG_NUMBER_PHRASES: ReadonlyArray<readonly string[]> = [
  ['wrong', 'number|person|guy|lady|man|woman|house|owner|people|#|num|no'],
  ['you', 'have|got|ve|texted|called', 'the', 'wrong'],
  ['not', 'my', 'number|house|property'],
  ['numero|persona', 'equivocado|equivocada|incorrecto'],
  ['no', 'soy', 'el|la', 'dueno|duena|propietario|propietaria'],
  ['im|i', 'not|am', 'not?', 'the', 'owner'],
  ['dont|never', 'own|owned', 'that|this|the|any', 'house|property|home|land|lot'],
];

export const HELP_WORDS = set('help info ayuda');
export const OPT_IN_WORDS = set('start unstop yes');
