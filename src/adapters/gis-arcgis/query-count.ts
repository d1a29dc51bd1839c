import { failure, ok, type Result } from '../../lib/result.js';
import { CountResponseSchema, type CountOptions } from './interface.js';
import { requestArcgisJson, type ArcgisContext } from './request-json.js';
import { rewriteWhereWithoutAngleBrackets } from './rewrite-where.js';

/** `returnCountOnly=true` → `{count}`: how many records a where clause matches, for progress and checks. */
export async function queryCount(ctx: ArcgisContext, options: CountOptions): Promise<Result<number>> {
  let where = options.where ?? '1=1';
  if (ctx.quirks.noAngleBrackets) {
    const r = rewriteWhereWithoutAngleBrackets(where);
    if (!r.ok) return r;
    where = r.value;
  }
  const res = await requestArcgisJson(ctx, {
    url: `${options.layerUrl.replace(/\/+$/, '')}/query`,
    params: { where, returnCountOnly: 'true', f: 'json' },
    method: options.method,
    signal: options.signal,
  });
  if (!res.ok) return res;
  const parsed = CountResponseSchema.safeParse(res.value);
  if (!parsed.success) return failure('invalid_response', 'count query did not return {count}', false);
  return ok(parsed.data.count);
}
