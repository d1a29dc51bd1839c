/**
 * Signed Twilio incoming-message webhooks for tests and benches: the signature is made by the official
 * `twilio` package (getExpectedTwilioSignature), exactly as Twilio signs its requests.
 */
import twilio from 'twilio';

export interface InboundSmsFields {
  MessageSid: string;
  From: string;
  To: string;
  Body: string;
  [field: string]: string;
}

export function inboundSmsFields(o: { sid: string; from: string; to?: string; body: string }): InboundSmsFields {
  return { MessageSid: o.sid, SmsSid: o.sid, AccountSid: `AC${'0'.repeat(32)}`, From: o.from, To: o.to ?? '+14075550000', Body: o.body, NumMedia: '0', NumSegments: '1' };
}

/** The form body and headers Twilio would send to `publicUrl + path`. */
export function signedInboundSms(o: { authToken: string; publicUrl: string; path?: string; fields: Record<string, string> }): { payload: string; headers: Record<string, string> } {
  const path = o.path ?? '/webhooks/twilio/sms';
  const url = `${o.publicUrl.replace(/\/$/, '')}${path}`;
  const signature = twilio.getExpectedTwilioSignature(o.authToken, url, o.fields);
  return {
    payload: new URLSearchParams(o.fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
  };
}
