/**
 * The fixed product catalogue, service codes and countries of the sample. The catalogue does not
 * depend on the seed, so stock codes and descriptions are the same in every generated file.
 */

export interface Product {
  stockCode: string;
  description: string;
  unitPrice: number;
}

/** Named products in the style of the real data (some are the real data's best sellers). */
const NAMED: readonly Product[] = [
  { stockCode: '85123A', description: 'WHITE HANGING HEART T-LIGHT HOLDER', unitPrice: 2.55 },
  { stockCode: '71053', description: 'WHITE METAL LANTERN', unitPrice: 3.39 },
  { stockCode: '84406B', description: 'CREAM CUPID HEARTS COAT HANGER', unitPrice: 2.75 },
  { stockCode: '84029G', description: 'KNITTED UNION FLAG HOT WATER BOTTLE', unitPrice: 3.39 },
  { stockCode: '84029E', description: 'RED WOOLLY HOTTIE WHITE HEART.', unitPrice: 3.39 },
  { stockCode: '22752', description: 'SET 7 BABUSHKA NESTING BOXES', unitPrice: 7.65 },
  { stockCode: '21730', description: 'GLASS STAR FROSTED T-LIGHT HOLDER', unitPrice: 4.25 },
  { stockCode: '22633', description: 'HAND WARMER UNION JACK', unitPrice: 1.85 },
  { stockCode: '22632', description: 'HAND WARMER RED POLKA DOT', unitPrice: 1.85 },
  { stockCode: '84879', description: 'ASSORTED COLOUR BIRD ORNAMENT', unitPrice: 1.69 },
  { stockCode: '22745', description: "POPPY'S PLAYHOUSE BEDROOM", unitPrice: 2.1 },
  { stockCode: '22748', description: "POPPY'S PLAYHOUSE KITCHEN", unitPrice: 2.1 },
  { stockCode: '22749', description: 'FELTCRAFT PRINCESS CHARLOTTE DOLL', unitPrice: 3.75 },
  { stockCode: '22310', description: 'IVORY KNITTED MUG COSY', unitPrice: 1.65 },
  { stockCode: '84969', description: 'BOX OF 6 ASSORTED COLOUR TEASPOONS', unitPrice: 4.25 },
  { stockCode: '22623', description: 'BOX OF VINTAGE JIGSAW BLOCKS', unitPrice: 4.95 },
  { stockCode: '22622', description: 'BOX OF VINTAGE ALPHABET BLOCKS', unitPrice: 9.95 },
  { stockCode: '21754', description: 'HOME BUILDING BLOCK WORD', unitPrice: 5.95 },
  { stockCode: '21755', description: 'LOVE BUILDING BLOCK WORD', unitPrice: 5.95 },
  { stockCode: '21777', description: 'RECIPE BOX WITH METAL HEART', unitPrice: 7.95 },
  { stockCode: '48187', description: 'DOORMAT NEW ENGLAND', unitPrice: 7.95 },
  { stockCode: '22423', description: 'REGENCY CAKESTAND 3 TIER', unitPrice: 12.75 },
  { stockCode: '22720', description: 'SET OF 3 CAKE TINS PANTRY DESIGN', unitPrice: 4.95 },
  { stockCode: '22960', description: 'JAM MAKING SET WITH JARS', unitPrice: 4.25 },
  { stockCode: '22961', description: 'JAM MAKING SET PRINTED', unitPrice: 1.45 },
  { stockCode: '23084', description: 'RABBIT NIGHT LIGHT', unitPrice: 2.08 },
  { stockCode: '22197', description: 'SMALL POPCORN HOLDER', unitPrice: 0.85 },
  { stockCode: '21212', description: 'PACK OF 72 RETROSPOT CAKE CASES', unitPrice: 0.55 },
  { stockCode: '22086', description: "PAPER CHAIN KIT 50'S CHRISTMAS", unitPrice: 2.95 },
  { stockCode: '22457', description: 'NATURAL SLATE HEART CHALKBOARD', unitPrice: 2.95 },
  { stockCode: '22469', description: 'HEART OF WICKER SMALL', unitPrice: 1.65 },
  { stockCode: '22470', description: 'HEART OF WICKER LARGE', unitPrice: 2.95 },
  { stockCode: '23298', description: 'SPOTTY BUNTING', unitPrice: 4.95 },
  { stockCode: '22112', description: 'CHOCOLATE HOT WATER BOTTLE', unitPrice: 4.95 },
  { stockCode: '22111', description: 'SCOTTIE DOG HOT WATER BOTTLE', unitPrice: 4.95 },
  { stockCode: '21034', description: 'REX CASH+CARRY JUMBO SHOPPER', unitPrice: 0.95 },
  { stockCode: '22139', description: 'RETROSPOT TEA SET CERAMIC 11 PC', unitPrice: 4.95 },
  { stockCode: '22666', description: 'RECIPE BOX PANTRY YELLOW DESIGN', unitPrice: 2.95 },
];

/** Products whose descriptions need CSV quoting; planted on several lines so readers are exercised. */
export const COMMA_PRODUCT: Product = { stockCode: '82567', description: 'AIRLINE LOUNGE,METAL SIGN', unitPrice: 2.1 };
export const QUOTE_PRODUCT: Product = { stockCode: '22041', description: 'RECORD FRAME 7" SINGLE SIZE', unitPrice: 2.1 };

/** Product ranges: one base code, one letter per pattern, like 85099B/85099C/85099F in the real data. */
const RANGES: ReadonlyArray<{ base: string; noun: string; unitPrice: number }> = [
  { base: '85099', noun: 'JUMBO BAG', unitPrice: 2.08 },
  { base: '20725', noun: 'LUNCH BAG', unitPrice: 1.65 },
  { base: '20723', noun: 'CHARLOTTE BAG', unitPrice: 0.85 },
  { base: '21080', noun: 'PAPER NAPKINS', unitPrice: 0.85 },
  { base: '21977', noun: 'CAKE CASES', unitPrice: 0.55 },
  { base: '47566', noun: 'PARTY BUNTING', unitPrice: 4.95 },
  { base: '37370', noun: 'CERAMIC MUG', unitPrice: 1.25 },
  { base: '16161', noun: 'GIFT WRAP', unitPrice: 0.42 },
];
const PATTERNS = [
  'RED RETROSPOT', 'PINK POLKADOT', 'VINTAGE DOILEY', 'STRAWBERRY', 'SPACEBOY',
  'WOODLAND', 'PAISLEY PARK', 'SKULLS', 'DOLLY GIRL', 'ALPHABET',
] as const;

/** Every ordinary product, best sellers first (the order sets their popularity). */
export const PRODUCTS: readonly Product[] = (() => {
  const ranged = PATTERNS.flatMap((pattern, i) =>
    RANGES.map((range) => ({
      stockCode: `${range.base}${String.fromCharCode(65 + i)}`,
      description: `${range.noun} ${pattern}`,
      unitPrice: range.unitPrice,
    })),
  );
  // One named best seller, then two range items: popularity mixes the two kinds.
  const out: Product[] = [];
  let next = 0;
  for (const named of NAMED) {
    out.push(named, ...ranged.slice(next, next + 2));
    next += 2;
  }
  out.push(...ranged.slice(next), COMMA_PRODUCT, QUOTE_PRODUCT);
  return out;
})();

/** Other descriptions the real data uses for the same stock code. */
export const ALTERNATE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  '85123A': 'CREAM HANGING HEART T-LIGHT HOLDER',
  '22197': 'POPCORN HOLDER',
};

/** Non-product stock codes and the descriptions the real data gives them. */
export const SERVICE_ITEMS = {
  POST: 'POSTAGE',
  DOT: 'DOTCOM POSTAGE',
  M: 'Manual',
  D: 'Discount',
  C2: 'CARRIAGE',
  'BANK CHARGES': 'Bank Charges',
  AMAZONFEE: 'AMAZON FEE',
  CRUK: 'CRUK Commission',
} as const;
export type ServiceCode = keyof typeof SERVICE_ITEMS;
export const SERVICE_CODES = Object.keys(SERVICE_ITEMS) as ServiceCode[];

export const GIFT_VOUCHER = { stockCode: 'gift_0001_20', description: 'Dotcomgiftshop Gift Voucher £20.00' } as const;
export const ADJUSTMENT = { stockCode: 'B', description: 'Adjust bad debt' } as const;

export const HOME_COUNTRY = 'United Kingdom';
/** Countries other than the home market, with how many sample customers each gets. */
export const FOREIGN_COUNTRIES: ReadonlyArray<{ name: string; customers: number }> = [
  { name: 'Germany', customers: 7 },
  { name: 'France', customers: 6 },
  { name: 'EIRE', customers: 3 },
  { name: 'Spain', customers: 3 },
  { name: 'Netherlands', customers: 2 },
  { name: 'Norway', customers: 2 },
  { name: 'Channel Islands', customers: 2 },
  { name: 'RSA', customers: 1 },
  { name: 'Unspecified', customers: 1 },
  { name: 'European Community', customers: 1 },
];
