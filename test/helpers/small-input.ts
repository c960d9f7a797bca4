import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';

/** A few hand-written lines in the UCI layout: orders, a cancellation, a guest sale, a duplicate. */
export const SMALL_LINES = [
  '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom',
  '536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850,United Kingdom',
  '536366,22633,HAND WARMER UNION JACK,6,12/1/2010 8:28,1.85,17850,United Kingdom',
  '536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,12/1/2010 8:34,1.69,13047,United Kingdom',
  '536368,22960,JAM MAKING SET WITH JARS,6,12/1/2010 8:34,4.25,13047,United Kingdom',
  '536369,21756,BATH BUILDING BLOCK WORD,3,12/1/2010 8:35,5.95,13047,United Kingdom',
  '536370,22728,ALARM CLOCK BAKELIKE PINK,24,12/1/2010 8:45,3.75,12583,France',
  '536370,POST,POSTAGE,3,12/1/2010 8:45,18,12583,France',
  'C536379,71053,WHITE METAL LANTERN,-2,12/1/2010 9:41,3.39,17850,United Kingdom',
  '536380,22961,JAM MAKING SET PRINTED,24,12/1/2010 9:41,1.45,,United Kingdom',
  '536380,22961,JAM MAKING SET PRINTED,24,12/1/2010 9:41,1.45,,United Kingdom',
  '537001,85123A,WHITE HANGING HEART T-LIGHT HOLDER,12,1/5/2011 10:00,2.55,13047,United Kingdom',
  '540001,22728,ALARM CLOCK BAKELIKE PINK,4,3/2/2011 11:15,3.75,12583,France',
  '550001,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,6/10/2011 14:00,2.95,17850,United Kingdom',
];

/** Writes the small input as a CSV file in `dir` and returns its path. */
export function writeSmallInput(dir: string, name = 'small.csv'): string {
  const path = join(dir, name);
  writeFileSync(path, `${[HEADER, ...SMALL_LINES].join('\n')}\n`);
  return path;
}
