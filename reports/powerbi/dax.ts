/**
 * DAX names, quoted one way for every measure and calculated table: a table name goes in single quotes
 * (a quote inside doubled), a column name in square brackets (a closing bracket inside doubled), so a
 * name with a space, a quote or a bracket still reads as one name.
 */
export const daxTable = (table: string): string => `'${table.replaceAll("'", "''")}'`;

/** `'table'[column]`, the fully qualified column reference. */
export const daxColumn = (table: string, column: string): string => `${daxTable(table)}[${column.replaceAll(']', ']]')}]`;
