/**
 * JSON with object keys sorted and undefined members left out, for comparing values with what jsonb gives back
 * (jsonb reorders keys, so plain JSON.stringify would see changes that are not). `undefined` reads as null.
 *
 * @example stableJson({ b: 1, a: [2, { d: 3, c: undefined }] }) // '{"a":[2,{"d":3}],"b":1}'
 */
export function stableJson(v: unknown): string {
  if (v === null || v === undefined || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(',')}}`;
}
