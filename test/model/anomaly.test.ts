import { describe, expect, it } from 'vitest';

import { withDatabase } from '../../warehouse/db.js';
import { sql } from '../../warehouse/sql.js';

/**
 * A fact table with 40 ordinary trading days in France (one line per customer and day, revenue
 * varying a little), one planted revenue spike, a customer who cancels most of what they order,
 * and a customer whose invoices are a thousand times the usual size.
 */
const FIXTURE = `
create table fact_invoice_line as
with days as (
    select range as d from range(40)
),
ordinary as (
    select
        100 + (d % 7) as customer_id,
        'France' as country,
        date '2011-03-01' + d::integer as invoice_date,
        'S' || d as invoice_no,
        10 + (d % 3) as quantity,
        (100 + 5 * (d % 5))::decimal(18, 3) as line_amount,
        false as is_cancellation
    from days
),
planted as (
    select * from (values
        (100, 'France', date '2011-03-05', 'SPIKE', 12, 10000.000::decimal(18, 3), false),
        (900, 'France', date '2011-03-06', 'BIG', 9000, 1.000::decimal(18, 3), false),
        (800, 'France', date '2011-03-07', 'X1', 10, 10.000::decimal(18, 3), false),
        (800, 'France', date '2011-03-08', 'CX1', -4, -4.000::decimal(18, 3), true),
        (800, 'France', date '2011-03-09', 'CX2', -4, -4.000::decimal(18, 3), true)
    ) as t(customer_id, country, invoice_date, invoice_no, quantity, line_amount, is_cancellation)
)
select *, false as is_adjustment, false as is_duplicate from ordinary
union all
select *, false, false from planted
`;

describe('anomaly.sql', () => {
  it('flags the planted revenue spike, the heavy canceller and the huge basket, with their rules', async () => {
    await withDatabase(':memory:', async (db) => {
      await db.run(FIXTURE);
      await db.run(sql('models/anomaly.sql'));
      const rows = await db.all<{ anomaly_id: string; direction: string; rule: string; robust_z: number | null }>(
        'select anomaly_id, direction, rule, robust_z from anomaly order by anomaly_id',
      );
      const ids = rows.map((r) => r.anomaly_id);
      expect(ids).toContain('country_day_revenue|France|2011-03-05');
      expect(ids).toContain('customer_cancellation_share|800');
      expect(ids).toContain('customer_basket_size|900');
      expect(ids.filter((id) => id.startsWith('country_day_revenue'))).toEqual(['country_day_revenue|France|2011-03-05']);
      const spike = rows.find((r) => r.anomaly_id === 'country_day_revenue|France|2011-03-05')!;
      expect(spike.direction).toBe('high');
      expect(Number(spike.robust_z)).toBeGreaterThan(3.5);
      expect(spike.rule).toContain('> 3.5');
      expect(rows.find((r) => r.anomaly_id === 'customer_cancellation_share|800')?.rule).toContain('>= 0.5');
    });
  });

  it('needs 30 trading days before judging a country', async () => {
    await withDatabase(':memory:', async (db) => {
      await db.run(FIXTURE.replace('range(40)', 'range(20)'));
      await db.run(sql('models/anomaly.sql'));
      expect(await db.number(`select count(*) from anomaly where country is not null`)).toBe(0);
    });
  });
});
