import { failure, ok, type Result } from '../../../lib/result.js';
import { RealAuctionUpdateSchema } from '../interface.js';
import { decompressRetHtml } from './decompress-ret-html.js';
import { parseAuctionItems, type ParseAuctionItemsOptions, type ParsedAuctionItems } from './parse-auction-items.js';

/** The whole step: the JSON body of `Zmethod=UPDATE&FNC=LOAD` → distress events and the `rlist` cursor. */
export function parseUpdateResponse(body: string, options: ParseAuctionItemsOptions): Result<ParsedAuctionItems & { rlist: string }> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return failure('invalid_response', 'RealAuction update answer is not JSON (session expired or a bot check?)', false);
  }
  const parsed = RealAuctionUpdateSchema.safeParse(json);
  if (!parsed.success) return failure('invalid_response', 'RealAuction update answer has no retHTML', false);
  return ok({ ...parseAuctionItems(decompressRetHtml(parsed.data.retHTML), options), rlist: parsed.data.rlist ?? '' });
}
