import { defineTable } from '../spec/types.js';

/** What a refresh did with each input file it was given: read it, or skip it because its content is already loaded. */
export const inputFileLog = defineTable({
  name: 'input_file_log',
  description: 'Input files given to a refresh and what extract did with each: loaded, replaced, or skipped as already loaded.',
  grain: 'One input file given to one refresh.',
  layer: 'quality',
  sql: 'staging/raw_sales_lines.sql',
  publish: false,
  primaryKey: ['refresh_id', 'input_file'],
  columns: [
    { name: 'refresh_id', type: 'VARCHAR', description: 'The refresh that was given the file.' },
    { name: 'input_file', type: 'VARCHAR', description: 'The input file (absolute path).' },
    { name: 'content_sha256', type: 'VARCHAR', description: 'SHA-256 of the file\'s bytes.' },
    { name: 'bytes', type: 'BIGINT', description: 'File size in bytes.', format: 'integer' },
    {
      name: 'status',
      type: 'VARCHAR',
      description:
        'loaded: read now; replaced: read now, in place of the different content an earlier refresh read from the same path; ' +
        'skipped_already_loaded: an earlier refresh loaded the same content; skipped_same_content: another file of this refresh has the same content.',
      accepted: ['loaded', 'replaced', 'skipped_already_loaded', 'skipped_same_content'],
    },
    { name: 'loaded_input_file', type: 'VARCHAR', description: 'For a skipped file: the file whose lines hold the content (the same path, or a copy).', nullable: true },
    { name: 'loaded_by_refresh', type: 'VARCHAR', description: 'For a skipped file: the refresh that loaded the content.', nullable: true },
    { name: 'sources', type: 'INTEGER', description: 'Sources read from the file now (sheets of a workbook; 1 for a CSV; 0 when skipped).', format: 'integer' },
    { name: 'rows_read', type: 'BIGINT', description: 'Lines read from the file now (0 when skipped).', format: 'integer' },
  ],
});
