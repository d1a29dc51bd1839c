/** Objection classes (seed 003's ObjectionHandler, with "already_agent" widened to already_listed and price split out). */
import { z } from 'zod';

export const OBJECTIONS = ['already_listed', 'timing', 'price', 'info_request', 'not_interested'] as const;
export const ObjectionSchema = z.enum(OBJECTIONS);
export type Objection = z.infer<typeof ObjectionSchema>;
