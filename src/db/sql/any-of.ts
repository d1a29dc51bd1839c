/**
 * `column = any($1::type[])`: one array parameter instead of one parameter per value (what `inArray`
 * builds). For the batch paths, where lists run to hundreds of ids; the type is from code, never input.
 */
import { sql, type Column, type SQL } from 'drizzle-orm';

export function anyOf(column: Column | SQL, values: readonly (string | number)[], pgType: 'uuid' | 'text' | 'int'): SQL {
  return sql`${column} = any(${sql.param([...values])}::${sql.raw(pgType)}[])`;
}
