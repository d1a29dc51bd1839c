import type { JobDefinition } from './define-job.js';
import { leadsImport } from './definitions/leads-import.js';
import { systemPing } from './definitions/system-ping.js';

/** Every job Curb knows. Capabilities add their definitions here. */
export const jobDefinitions: JobDefinition[] = [systemPing as unknown as JobDefinition, leadsImport as unknown as JobDefinition];

export function jobByName(name: string): JobDefinition | undefined {
  return jobDefinitions.find((d) => d.name === name);
}
