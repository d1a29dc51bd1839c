import { getTableColumns, type Table } from 'drizzle-orm';

/**
 * A table's columns as `alias.column as "field"`, for the RETURNING or SELECT list of a hand-written
 * statement: its rows arrive shaped as the table's `$inferSelect`, and stay so when the schema gains a column.
 * Built once, at module load, by the statement that uses it.
 */
export function columnsAs(table: Table, alias: string): string {
  return Object.entries(getTableColumns(table))
    .map(([field, column]) => `${alias}.${column.name} as "${field}"`)
    .join(', ');
}
