import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getMetadataProvider, locateReport, runReportValidation } from '@microsoft/powerbi-report-authoring-cli';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const COMMITTED = join(ROOT, 'powerbi');

type Diagnostics = Record<string, { severity: string; items: { message: string }[] }>;

/** What `powerbi-report-author validate <folder>` runs (the CLI's validate command calls exactly these). */
async function validate(reportFolder: string) {
  const located = locateReport(reportFolder);
  const summary = await runReportValidation({
    reportDir: located.reportDir,
    defDir: located.defDir,
    provider: await getMetadataProvider(),
    skipSchema: false,
    pbipPath: located.pbipPath,
  });
  return { ...summary, diagnostics: (summary.diagnostics ?? {}) as Diagnostics };
}

describe("Microsoft's PBIR validator on the committed Power BI project", () => {
  it('reports no error and no deprecated visual (offline, only unreachable-schema warnings)', { timeout: 60_000 }, async () => {
    const summary = await validate(join(COMMITTED, 'OnlineRetail.Report'));
    const errors = Object.entries(summary.diagnostics).filter(([, d]) => d.severity === 'error');
    expect(errors, JSON.stringify(errors, null, 1)).toEqual([]);
    expect(summary.errorCount).toBe(0);
    expect(Object.keys(summary.diagnostics)).not.toContain('PBIR_VISUAL_TYPE_DEPRECATED');
    // Anything but an unreachable schema (this machine is offline) is a finding to fix, not to accept.
    expect(Object.keys(summary.diagnostics).filter((code) => code !== 'PBIR_SCHEMA_UNREACHABLE')).toEqual([]);
  });

  it('fails when the report folder has no .platform file (the check can say no)', { timeout: 60_000 }, async () => {
    const copy = mkdtempSync(join(tmpdir(), 'powerbi-platform-'));
    try {
      cpSync(COMMITTED, copy, { recursive: true });
      rmSync(join(copy, 'OnlineRetail.Report', '.platform'));
      const summary = await validate(join(copy, 'OnlineRetail.Report'));
      expect(summary.diagnostics.PBIR_PLATFORM_MISSING?.severity).toBe('error');
      expect(summary.errorCount).toBeGreaterThan(0);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
