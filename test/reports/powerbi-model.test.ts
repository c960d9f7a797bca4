import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { readTmdl } from './tmdl-reader.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const model = readTmdl(join(ROOT, 'powerbi/OnlineRetail.SemanticModel/definition'));
const table = (name: string) => {
  const t = model.tables.get(name);
  if (!t) throw new Error(`no table ${name} in the committed model`);
  return t;
};

describe('the committed semantic model, as a report author sees it', () => {
  it('marks dim_date as the date table, keyed on its date, with sorted names and a Year > Quarter > Month hierarchy', () => {
    const date = table('dim_date');
    expect(date.props.dataCategory).toBe('Time');
    expect(date.columns.get('date')?.flags.has('isKey')).toBe(true);
    expect(date.columns.get('date')?.dataType).toBe('dateTime');
    expect(date.columns.get('month_name')?.props.sortByColumn).toBe('month');
    expect(date.columns.get('day_name')?.props.sortByColumn).toBe('day_of_week');
    expect(date.hierarchies.get('Calendar')).toEqual(['year', 'quarter', 'month_name', 'date']);
    // Exactly one table is the date table.
    expect([...model.tables.values()].filter((t) => t.props.dataCategory === 'Time')).toHaveLength(1);
  });

  it('has year-to-date, previous-period and change measures over the date table', () => {
    const sales = table('fact_invoice_line');
    expect(sales.measures.get('Net Revenue YTD')).toBe("TOTALYTD([Net Revenue], 'dim_date'[date])");
    expect(sales.measures.get('Net Revenue Previous Month')).toContain("DATEADD('dim_date'[date], -1, MONTH)");
    expect(sales.measures.get('Net Revenue Previous Year')).toContain("SAMEPERIODLASTYEAR('dim_date'[date])");
    expect(sales.measures.get('Net Revenue Change vs Previous Month')).toContain('DIVIDE([Net Revenue] - prev, prev)');
    expect(sales.measureProps.get('Net Revenue YTD')?.props.displayFolder).toBe('Sales\\Time intelligence');
  });

  it('summarises non-additive columns by none and sums amounts and counts', () => {
    const summarize = (t: string, c: string) => table(t).columns.get(c)?.props.summarizeBy;
    for (const [t, c] of [
      ['fact_invoice_line', 'unit_price'],
      ['mart_country', 'average_order_value'],
      ['mart_country', 'cancellation_rate'],
      ['mart_product_performance', 'revenue_rank'],
      ['customer_rfm', 'recency_days'],
      ['customer_rfm', 'recency_score'],
      ['churn_prediction', 'probability'],
      ['campaign_list', 'churn_probability'],
      ['dim_date', 'year'],
      ['fact_invoice_line', 'line_id'],
    ]) expect(summarize(t as string, c as string), `${t}.${c}`).toBe('none');
    for (const [t, c] of [
      ['fact_invoice_line', 'quantity'],
      ['fact_invoice_line', 'net_line_amount'],
      ['mart_country', 'orders'],
      ['campaign_list', 'revenue_at_stake'],
    ]) expect(summarize(t as string, c as string), `${t}.${c}`).toBe('sum');
  });

  it('hides keys and technical columns, keeps the dimension columns people slice by', () => {
    const hidden = (t: string, c: string) => table(t).columns.get(c)?.flags.has('isHidden') ?? false;
    expect(hidden('dim_date', 'date_key')).toBe(true);
    expect(hidden('fact_invoice_line', 'date_key')).toBe(true);
    expect(hidden('fact_invoice_line', 'customer_id')).toBe(true);
    expect(hidden('dim_customer', 'customer_id')).toBe(false);
    expect(hidden('dim_country', 'country_name')).toBe(false);
    expect(hidden('dim_date', 'month_name')).toBe(false);
  });

  it('gives every table, column and measure a description, and every measure a format string and a display folder', () => {
    for (const [name, t] of model.tables) {
      expect(t.description, name).not.toBe('');
      for (const [c, col] of t.columns) expect(col.description, `${name}.${c}`).not.toBe('');
      for (const [m, { props, description }] of t.measureProps) {
        expect(description, `${name}[${m}]`).not.toBe('');
        expect(props.formatString, `${name}[${m}]`).toBeTruthy();
        expect(props.displayFolder, `${name}[${m}]`).toBeTruthy();
      }
    }
    const folders = new Set([...model.tables.values()].flatMap((t) => [...t.measureProps.values()].map((m) => m.props.displayFolder)));
    expect(folders.size).toBeGreaterThan(4);
  });
});
