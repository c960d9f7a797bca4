import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

import { scanTextFile } from '../../activities/extract/text-scan.js';
import { tempDir } from '../../runtime/temp-dir.js';

const dir = tempDir('text-scan-');
afterAll(() => dir.cleanup());

/** A header and lines padded so that `text` starts `offset` bytes before the stream's first 64 KiB boundary. */
function fileAround(name: string, text: Buffer, offset: number, gzip = false): string {
  const header = Buffer.from('InvoiceNo,StockCode\n');
  const pad = Buffer.alloc(64 * 1024 - header.length - offset, 0x61);
  const body = Buffer.concat([header, pad, text, Buffer.from('\nmore,lines\n')]);
  const path = join(dir.path, name);
  writeFileSync(path, gzip ? gzipSync(body) : body);
  return path;
}

describe('text scan', () => {
  const pound = Buffer.from('£5 voucher', 'utf8'); // £ is two bytes in UTF-8
  const euroSign = Buffer.from('€ and 𝄞', 'utf8'); // three and four bytes

  it('reads UTF-8 whose multi-byte characters are cut by a read boundary as UTF-8', async () => {
    for (const offset of [1, 2, 3]) {
      expect((await scanTextFile(fileAround(`pound-${offset}.csv`, pound, offset), false)).encoding).toBe('utf-8');
      expect((await scanTextFile(fileAround(`euro-${offset}.csv`, euroSign, offset), false)).encoding).toBe('utf-8');
    }
    expect((await scanTextFile(fileAround('pound.csv.gz', pound, 1, true), true)).encoding).toBe('utf-8');
  });

  it('reads ISO-8859-1 as latin-1, also at a read boundary and at the very end', async () => {
    expect((await scanTextFile(fileAround('latin-a.csv', Buffer.from('£5 voucher', 'latin1'), 1), false)).encoding).toBe('latin-1');
    const endsInLead = join(dir.path, 'ends-in-lead.csv');
    writeFileSync(endsInLead, Buffer.concat([Buffer.from('InvoiceNo,StockCode\n1,A\xc2', 'latin1')]));
    expect((await scanTextFile(endsInLead, false)).encoding).toBe('latin-1');
  });

  it('counts lines and reports the header', async () => {
    const scan = await scanTextFile(fileAround('count.csv', pound, 2), false);
    expect(scan.headerLine).toBe('InvoiceNo,StockCode');
    expect(scan.physicalLines).toBe(3);
  });
});
