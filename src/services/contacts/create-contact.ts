import type { Database } from '../../db/client.js';
import { AppError, ErrorCode } from '../../lib/errors.js';
import type { ServiceDeps } from '../app-services.js';
import type { Contact, ContactInput } from './contact-schemas.js';
import { createContactsBatch } from './create-contacts-batch.js';
import { getContact } from './get-contact.js';

export interface CreateContactOptions {
  locationId: string;
  input: ContactInput;
}

/** Creates one contact with its contact points (the batch path with one row). Its lead status is `new`. */
export async function createContact(deps: Pick<ServiceDeps, 'db' | 'clock'> & { database: Database }, options: CreateContactOptions): Promise<Contact> {
  const result = await createContactsBatch(deps, { locationId: options.locationId, inputs: [options.input] });
  const error = result.errors[0];
  if (error) {
    throw new AppError(ErrorCode.ValidationFailed, `invalid ${error.field}: ${error.message}`, { issues: [{ path: error.field, message: error.message }] });
  }
  return getContact(deps, { locationId: options.locationId, contactId: result.ids[0]! });
}
