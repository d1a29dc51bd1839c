import twilio from 'twilio';

/**
 * The TwiML of a voicemail drop: `<Play>` the recording or `<Say>` the script, then hang up. The call
 * is placed with MachineDetection=DetectMessageEnd, so Twilio runs this only after the greeting's beep
 * and the message lands whole on the voicemail.
 */
export function buildVoicemailTwiml(o: { recordingUrl?: string; script?: string; voice?: string }): string {
  const r = new twilio.twiml.VoiceResponse();
  if (o.recordingUrl) r.play(o.recordingUrl);
  else if (o.script) r.say({ voice: (o.voice ?? 'Polly.Joanna') as 'Polly.Joanna' }, o.script);
  r.hangup();
  return r.toString();
}
