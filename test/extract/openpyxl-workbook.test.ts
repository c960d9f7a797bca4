import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';

import { HEADERS, fixtureDir } from '../fixtures/sales-lines.js';
import { extractAndValidate, outputDirIn, query } from './run-steps.js';

/**
 * A workbook as openpyxl (and pandas' to_excel) writes it: absolute relationship targets
 * ("/xl/worksheets/sheet1.xml"), the sheets before workbook.xml in the zip, shared strings in one
 * sheet and inline strings in the other. Built part by part here, since no Python runs in CI.
 */
const dir = fixtureDir('openpyxl');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`;
const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const column = (i: number) => String.fromCharCode(65 + i);

type Cell = string | number;
const ROWS: Cell[][] = [
  ['536365', '85123A', 'WHITE HANGING HEART T-LIGHT HOLDER', 6, 40148.35138888889, 2.55, 17850, 'United Kingdom'],
  ['536366', '22633', 'HAND WARMER UNION JACK', 6, 40148.36666666667, 1.85, 17850, 'United Kingdom'],
];

/** A sheet's XML: text as shared strings (indexes into `shared`) or as inline strings. */
function sheetXml(rows: Cell[][], strings: 'shared' | 'inline', shared: string[]): string {
  const cell = (value: Cell, ref: string) => {
    if (typeof value === 'number') return `<c r="${ref}" t="n"><v>${value}</v></c>`;
    if (strings === 'inline') return `<c r="${ref}" t="inlineStr"><is><t>${escape(value)}</t></is></c>`;
    let index = shared.indexOf(value);
    if (index === -1) index = shared.push(value) - 1;
    return `<c r="${ref}" t="s"><v>${index}</v></c>`;
  };
  const body = rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cell(v, `${column(c)}${r + 1}`)).join('')}</row>`).join('');
  return xml(`<worksheet xmlns="${NS}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr/></sheetPr><dimension ref="A1:H${rows.length}"/><sheetViews><sheetView workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews><sheetFormatPr baseColWidth="8" defaultRowHeight="15"/><sheetData>${body}</sheetData><pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>`);
}

async function openpyxlWorkbook(path: string, sheets: { name: string; rows: Cell[][]; strings: 'shared' | 'inline' }[]): Promise<void> {
  const zip = new JSZip();
  const shared: string[] = [];
  // openpyxl's order: document properties, then the sheets, then strings, styles and the workbook.
  zip.file('docProps/app.xml', xml(`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application><AppVersion>3.1</AppVersion></Properties>`));
  zip.file('docProps/core.xml', xml(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>openpyxl</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2026-12-01T10:00:00Z</dcterms:created></cp:coreProperties>`));
  sheets.forEach((sheet, i) => zip.file(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(sheet.rows, sheet.strings, shared)));
  zip.file('xl/sharedStrings.xml', xml(`<sst xmlns="${NS}" uniqueCount="${shared.length}">${shared.map((s) => `<si><t>${escape(s)}</t></si>`).join('')}</sst>`));
  zip.file('xl/styles.xml', xml(`<styleSheet xmlns="${NS}"><numFmts count="0"/><fonts count="1"><font><name val="Calibri"/><family val="2"/><sz val="11"/></font></fonts><fills count="1"><fill><patternFill/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" hidden="0"/></cellStyles></styleSheet>`));
  zip.file('xl/workbook.xml', xml(`<workbook xmlns="${NS}"><workbookPr/><workbookProtection/><bookViews><workbookView visibility="visible" minimized="0" showHorizontalScroll="1" showVerticalScroll="1" showSheetTabs="1" tabRatio="600" firstSheet="0" activeTab="0" autoFilterDateGrouping="1"/></bookViews><sheets>${sheets.map((s, i) => `<sheet xmlns:r="${REL}" name="${escape(s.name)}" sheetId="${i + 1}" state="visible" r:id="rId${i + 1}"/>`).join('')}</sheets><definedNames/><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>`));
  const n = sheets.length;
  zip.file('xl/_rels/workbook.xml.rels', xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Type="${REL}/worksheet" Target="/xl/worksheets/sheet${i + 1}.xml" Id="rId${i + 1}"/>`).join('')}<Relationship Type="${REL}/styles" Target="styles.xml" Id="rId${n + 1}"/><Relationship Type="${REL}/theme" Target="theme/theme1.xml" Id="rId${n + 2}"/><Relationship Type="${REL}/sharedStrings" Target="sharedStrings.xml" Id="rId${n + 3}"/></Relationships>`));
  zip.file('_rels/.rels', xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="${REL}/officeDocument" Target="xl/workbook.xml" Id="rId1"/><Relationship Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml" Id="rId2"/><Relationship Type="${REL}/extended-properties" Target="docProps/app.xml" Id="rId3"/></Relationships>`));
  zip.file('[Content_Types].xml', xml(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`));
  writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/** What is left in a temporary folder, but for tsx's compile cache (kept across runs by design, not a refresh's). */
const leftIn = (folder: string) => readdirSync(folder).filter((name) => !name.startsWith('tsx-'));

describe('a workbook written by openpyxl / pandas', () => {
  it('keeps its sheet names (absolute relationship targets), reads inline strings, and leaves no temporary file', async () => {
    const path = join(dir, 'pandas-export.xlsx');
    const header = [...HEADERS['Online Retail']];
    await openpyxlWorkbook(path, [
      { name: 'Year 2009-2010', rows: [header, ROWS[0]!], strings: 'shared' },
      { name: 'Year 2010-2011', rows: [header, ROWS[1]!], strings: 'inline' },
    ]);
    // exceljs parks sheets that come before workbook.xml in temporary files: they must go with the
    // read, in a temporary folder of the test's own so that other work on the machine cannot interfere.
    const temp = join(dir, 'tmp');
    mkdirSync(temp, { recursive: true });
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    let run;
    try {
      run = await extractAndValidate([path], outputDirIn(dir, 'pandas'));
      expect(leftIn(temp)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    const sources = await query(run.database, 'select sheet_name, sheet_index, rows_read from raw_sources order by sheet_index');
    expect(sources).toEqual([
      { sheet_name: 'Year 2009-2010', sheet_index: 1, rows_read: '1' },
      { sheet_name: 'Year 2010-2011', sheet_index: 2, rows_read: '1' },
    ]);
    const staged = await query(run.database, 'select source_file, line_number, invoice_no, description, invoiced_at from stg_sales_lines order by line_id');
    expect(staged).toEqual([
      { source_file: `${path}#Year 2009-2010`, line_number: '2', invoice_no: '536365', description: 'WHITE HANGING HEART T-LIGHT HOLDER', invoiced_at: '2009-12-01 08:26:00' },
      { source_file: `${path}#Year 2010-2011`, line_number: '2', invoice_no: '536366', description: 'HAND WARMER UNION JACK', invoiced_at: '2009-12-01 08:48:00' },
    ]);
  });

  it('leaves no temporary file when a read fails while later sheets wait in temporary files', async () => {
    const path = join(dir, 'pandas-broken.xlsx');
    const header = [...HEADERS['Online Retail']];
    await openpyxlWorkbook(path, [
      { name: 'Broken', rows: [header.filter((h) => h !== 'Country'), ROWS[0]!.slice(0, 7)], strings: 'shared' },
      { name: 'Fine', rows: [header, ROWS[1]!], strings: 'shared' },
    ]);
    const temp = join(dir, 'tmp-broken');
    mkdirSync(temp, { recursive: true });
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      await expect(extractAndValidate([path], outputDirIn(dir, 'pandas-broken'))).rejects.toMatchObject({ type: 'BadInput', message: expect.stringContaining(`${path}#Broken`) });
      expect(leftIn(temp)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });
});
