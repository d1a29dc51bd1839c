import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { markets, properties } from '../../db/schema/index.js';
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { validationError } from '../../lib/errors.js';
import type { ServiceDeps } from '../app-services.js';
import type { PropertyListQuery, PropertyPage } from './property-schemas.js';
import { toProperty } from './to-property.js';

/** Properties of one location, newest first, filtered by tier, market, minimum score, signal and source; cursor-paged. */
export async function listProperties(deps: Pick<ServiceDeps, 'db'>, options: { locationId: string; query: PropertyListQuery }): Promise<PropertyPage> {
  const q = options.query;
  const where: SQL[] = [eq(properties.locationId, options.locationId)];
  if (q.tier) where.push(eq(properties.tier, q.tier));
  if (q.minScore !== undefined) where.push(gte(properties.score, q.minScore));
  if (q.source) where.push(eq(properties.source, q.source));
  if (q.signal) where.push(sql`${properties.scoreContributions} @> ${JSON.stringify([{ signal: q.signal }])}::jsonb`);
  if (q.market) {
    const m = q.market.toLowerCase();
    const known = or(eq(markets.key, m), sql`split_part(${markets.key}, '-', 1) = ${m}`, sql`lower(${markets.county}) = ${m}`)!;
    // An unknown market is a mistake to name, not an empty list that looks like "no leads there".
    const [found] = await deps.db.select({ key: markets.key }).from(markets).where(and(eq(markets.locationId, options.locationId), known)).limit(1);
    if (!found) {
      const keys = (await deps.db.select({ key: markets.key }).from(markets).where(eq(markets.locationId, options.locationId))).map((r) => r.key);
      throw validationError([{ path: ['market'], message: `no market "${q.market}" (known: ${keys.join(', ') || 'none'})` }], 'query');
    }
    where.push(known);
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    where.push(or(lt(properties.createdAt, c.at), and(eq(properties.createdAt, c.at), lt(properties.id, c.id)))!);
  }
  const rows = await deps.db
    .select({ property: properties, market: { key: markets.key } })
    .from(properties)
    .leftJoin(markets, and(eq(markets.id, properties.marketId), eq(markets.locationId, properties.locationId)))
    .where(and(...where))
    .orderBy(desc(properties.createdAt), desc(properties.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    data: page.map((r) => toProperty(r.property, r.market)),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.property.createdAt, last.property.id) : null,
  };
}
