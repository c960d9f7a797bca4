import { describe, expect, it } from 'vitest';

import { formatSummary, SUMMARY_WIDTH, withSeparators, wrap } from '../../runtime/summary.js';
import type { RefreshResult, StepResult } from '../../schemas/workflow.js';

function step(name: StepResult['step'], tables: number, notes: string[], headline?: string[]): StepResult {
  return {
    step: name,
    durationMs: 3_900,
    peakRssMb: 1_702,
    rowsIn: 674_485,
    rowsOut: 674_485,
    tables: Array.from({ length: tables }, (_, i) => ({ name: `a_rather_long_table_name_number_${i}.parquet`, rows: 541_909 })),
    notes,
    outputs: {},
    ...(headline ? { headline } : {}),
  };
}

const result: RefreshResult = {
  refreshId: '3f2b9c1e-7d4a-4c1b-9a55-0e6f1d2c3b4a',
  warehouse: 'online-retail',
  publishedDir: 'output/online-retail/published/current',
  databaseFile: 'output/online-retail/warehouse.duckdb',
  steps: [
    step('extract', 3, ['1 source(s), 541909 lines read', `input ${'very-long-folder-name/'.repeat(8)}online_retail.csv.gz: 541909 lines`]),
    {
      ...step('model', 20, [
        'churn: 3364 holdout customers, 43.0% positive (train 2806, 52.1%); ROC AUC random_forest 0.738, logistic_regression 0.745, recency_baseline 0.684, bgnbd_p_alive 0.358',
        'cutoffs: train 2011-06-12, test 2011-09-10; campaign: win-back 1125 (at stake 123869)',
      ]),
      verdicts: ['Churn: the published random forest ranks who will not buy in the next 90 days with ROC AUC 0.739 on the later holdout, better than days since the last purchase alone (0.683).'],
    },
    step('publish', 39, ['workbook: 32 sheets'], ['Period:     1 Dec 2010 to 9 Dec 2011', 'Revenue:    £10,139,480.36 net of cancellations']),
  ],
};

describe('the run summary', () => {
  const text = formatSummary(result, { workflowUrl: 'http://127.0.0.1:8233/namespaces/default/workflows/refresh-online-retail', totalMs: 22_600 });
  const lines = text.split('\n');

  it('fits a 100-column terminal, however long the notes and paths', () => {
    const widest = Math.max(...lines.map((l) => l.length));
    expect(widest).toBeLessThanOrEqual(SUMMARY_WIDTH);
    // Nothing is lost by wrapping: every word of every note is still there.
    for (const word of ['bgnbd_p_alive', 'recency_baseline', 'refresh-online-retail', '541,909 lines']) expect(text).toContain(word);
  });

  it('leads with the business figures, then per-step counts instead of file lists, then the details', () => {
    expect(lines.findIndex((l) => l.includes('Period:'))).toBeLessThan(lines.indexOf('Models against their baselines:'));
    expect(lines.indexOf('Models against their baselines:') + 1).toBe(lines.findIndex((l) => l.startsWith('  Churn: the published random forest')));
    expect(lines.indexOf('Models against their baselines:')).toBeLessThan(lines.findIndex((l) => l.trimStart().startsWith('step ')));
    expect(lines.findIndex((l) => l.includes('Period:'))).toBeLessThan(lines.findIndex((l) => l.trimStart().startsWith('step ')));
    expect(lines.findIndex((l) => l.trimStart().startsWith('step '))).toBeLessThan(lines.indexOf('Details:'));
    const publish = lines.find((l) => l.trimStart().startsWith('publish ')) as string;
    expect(publish).toMatch(/\s39$/);
    expect(text).not.toContain('a_rather_long_table_name');
  });

  it('writes counts with thousands separators and leaves years, dates, decimals and codes alone', () => {
    expect(text).toContain('541,909 lines read');
    expect(text).toContain('3,364 holdout customers');
    expect(text).toContain('(train 2,806, 52.1%)');
    expect(text).toContain('at stake 123,869');
    expect(text).toContain('train 2011-06-12');
    expect(text).toContain('674,485');
    expect(withSeparators('in 2011 from 0.73812 to 85123A (84879) #12345')).toBe('in 2011 from 0.73812 to 85123A (84879) #12345');
  });

  it('wraps at spaces with an indent and cuts only a word longer than the line', () => {
    expect(wrap('aaa bbb ccc', 7, '  ')).toEqual(['aaa bbb', '  ccc']);
    expect(wrap('x'.repeat(12), 5, '')).toEqual(['xxxxx', 'xxxxx', 'xx']);
    expect(wrap('  aaa bbb', 7, '    ')).toEqual(['  aaa', '    bbb']);
    expect(wrap('')).toEqual(['']);
    // Indents and blank lines of the summary survive.
    expect(lines).toContain('  Period:     1 Dec 2010 to 9 Dec 2011');
    expect(lines).toContain('');
  });
});
