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

/** Staging and data-quality tables, in build order. */
export const STAGING_TABLES = [rawSalesLines, rawSources, inputFileLog, sourceOverlap, stgSalesLines, quarantine, loadAudit, cleaningRuleCounts, tabInfo];
