import { quoteIdent as q } from '../../warehouse/db.js';
import { daxColumn as c, daxTable as t } from '../powerbi/dax.js';
import type { Roles } from '../roles.js';
import type { Kpi } from './kpi.js';

/** How the refresh loaded and cleaned its input: rows read, staged, quarantined, lines touched. */
export function operationsKpis(roles: Roles): Kpi[] {
  const kpis: Kpi[] = [];
  const { loadAudit } = roles;
  if (loadAudit) {
    const a = loadAudit.name;
    const sum = (k: keyof typeof loadAudit.col) => `select sum(${q(loadAudit.col[k])}) from ${q(a)}`;
    kpis.push(
      { name: 'Rows Read', table: a, description: 'Input lines read.', format: 'integer', dax: `SUM(${c(a, loadAudit.col.read)})`, sql: sum('read') },
      { name: 'Rows Staged', table: a, description: 'Input lines that passed the contract.', format: 'integer', dax: `SUM(${c(a, loadAudit.col.staged)})`, sql: sum('staged') },
      { name: 'Rows Quarantined', table: a, description: 'Input lines rejected by the contract.', format: 'integer', dax: `SUM(${c(a, loadAudit.col.quarantined)})`, sql: sum('quarantined') },
      {
        name: 'Quarantine Share',
        table: a,
        description: 'Rejected lines as a share of lines read.',
        format: 'percent',
        dax: 'DIVIDE([Rows Quarantined], [Rows Read])',
        sql: `select sum(${q(loadAudit.col.quarantined)}) / nullif(sum(${q(loadAudit.col.read)}), 0) from ${q(a)}`,
      },
    );
  }
  const { quarantine } = roles;
  if (quarantine) {
    kpis.push({
      name: 'Quarantined Lines',
      table: quarantine.name,
      description: 'Rejected lines in the current filter (for example per reason).',
      format: 'integer',
      dax: `COUNTROWS(${t(quarantine.name)}) + 0`,
    });
  }
  const { cleaningRules } = roles;
  if (cleaningRules) {
    kpis.push({
      name: 'Lines Touched',
      table: cleaningRules.name,
      description: 'Lines the cleaning rules in view touched (a line can be touched by several rules).',
      format: 'integer',
      dax: `SUM(${c(cleaningRules.name, cleaningRules.col.rows)}) + 0`,
    });
  }
  return kpis;
}
