import { rawSalesLines } from './raw_sales_lines.js';
import { rawSources } from './raw_sources.js';
import { inputFileLog } from './input_file_log.js';
import { sourceOverlap } from './source_overlap.js';
import { stgSalesLines } from './stg_sales_lines.js';
import { quarantine } from './quarantine.js';
import { loadAudit } from './load_audit.js';
import { cleaningRuleCounts } from './cleaning_rule_counts.js';
import { tabInfo } from './tab_info.js';

export { rawSalesLines, rawSources, inputFileLog, sourceOverlap, stgSalesLines, quarantine, loadAudit, cleaningRuleCounts, tabInfo };

/** The tables extract writes: the lines as read, how each source was read, what was done with each file. */
export const EXTRACT_TABLES = [rawSalesLines, rawSources, inputFileLog];

/** The tables validate builds from extract's (in the order they are listed and published; built in buildOrder's). */
export const VALIDATE_TABLES = [sourceOverlap, stgSalesLines, quarantine, loadAudit, cleaningRuleCounts, tabInfo];

/** Staging and data-quality tables. */
export const STAGING_TABLES = [...EXTRACT_TABLES, ...VALIDATE_TABLES];
