import type { JobDefinition } from './define-job.js';
import { conversationsProcessInbound } from './definitions/conversations-process-inbound.js';
import { emailPollImap } from './definitions/email-poll-imap.js';
import { handoffWatchdog } from './definitions/handoff-watchdog.js';
import { leadsImport } from './definitions/leads-import.js';
import { sdrSourceProspects } from './definitions/sdr-source-prospects.js';
import { systemPing } from './definitions/system-ping.js';

/** Every job Curb knows. Capabilities add their definitions here. */
export const jobDefinitions: JobDefinition[] = [
  systemPing as unknown as JobDefinition, leadsImport as unknown as JobDefinition,
  conversationsProcessInbound as unknown as JobDefinition,
  handoffWatchdog as unknown as JobDefinition,
  emailPollImap as unknown as JobDefinition,
  sdrSourceProspects as unknown as JobDefinition,
];

export function jobByName(name: string): JobDefinition | undefined {
  return jobDefinitions.find((d) => d.name === name);
}
