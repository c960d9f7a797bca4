/** Column builders and wording shared by several staging tables, so their descriptions agree. */
export const source = [
  { name: 'source_file', type: 'VARCHAR', description: 'Source the line came from: the input file path, or path#sheet for a workbook sheet.' },
  { name: 'line_number', type: 'BIGINT', description: 'Line (CSV) or row (Excel) number in the source file; the header is line 1.' },
] as const;
