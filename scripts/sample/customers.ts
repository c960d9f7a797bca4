import { FIRST_DAY, LAST_DAY, dayOf, saleMinute, seasonalDay, type Minute } from './calendar.js';
import { FOREIGN_COUNTRIES, HOME_COUNTRY, PRODUCTS, type Product } from './catalogue.js';
import type { Prng } from './prng.js';

/**
 * How a sample customer behaves over the year. The mix gives churn and value models real signal:
 * loyal buyers keep coming back, churners stop part-way, one-off buyers never return.
 */
export type Segment = 'loyal' | 'regular' | 'churner' | 'one-off' | 'newcomer';

export interface Customer {
  id: number;
  country: string;
  segment: Segment;
  /** Products this customer tends to reorder. */
  favourites: Product[];
  /** Relative invoice size: wholesalers order many lines. */
  basketSize: number;
}

export const CUSTOMER_COUNT = 150;
export const FIRST_CUSTOMER_ID = 12346;

const SEGMENT_SHARES: ReadonlyArray<[Segment, number]> = [
  ['loyal', 0.2],
  ['regular', 0.25],
  ['churner', 0.2],
  ['one-off', 0.25],
  ['newcomer', 0.1],
];

/** The sample's customers with ids ascending from 12346 and a fixed mix of countries and segments. */
export function createCustomers(rng: Prng): Customer[] {
  const countries = FOREIGN_COUNTRIES.flatMap((c) => Array<string>(c.customers).fill(c.name));
  while (countries.length < CUSTOMER_COUNT) countries.push(HOME_COUNTRY);
  const segments = SEGMENT_SHARES.flatMap(([segment, share]) => Array<Segment>(Math.round(share * CUSTOMER_COUNT)).fill(segment));
  while (segments.length < CUSTOMER_COUNT) segments.push('regular');

  const shuffledCountries = rng.shuffle(countries);
  const shuffledSegments = rng.shuffle(segments);
  const customers: Customer[] = [];
  let id = FIRST_CUSTOMER_ID;
  for (let i = 0; i < CUSTOMER_COUNT; i++) {
    const segment = shuffledSegments[i] as Segment;
    const favourites = rng.shuffle(PRODUCTS.slice(0, 80)).slice(0, rng.int(6, 14));
    customers.push({
      id,
      country: shuffledCountries[i] as string,
      segment,
      favourites,
      basketSize: Math.exp(rng.normal() * 0.4) * (segment === 'loyal' ? 1.5 : 1),
    });
    id += rng.int(1, 38);
  }
  return customers;
}

/** When a customer's invoices fall: sorted sale times drawn within the segment's active window. */
export function scheduleInvoices(rng: Prng, customer: Customer): Minute[] {
  const { from, to, count } = activity(rng, customer.segment);
  const days = new Set<number>();
  for (let i = 0; i < count * 3 && days.size < count; i++) days.add(seasonalDay(rng, from, to));
  return [...days].sort((a, b) => a - b).map((day) => saleMinute(rng, day));
}

function activity(rng: Prng, segment: Segment): { from: number; to: number; count: number } {
  switch (segment) {
    case 'loyal':
      return { from: FIRST_DAY + rng.int(0, 40), to: LAST_DAY, count: rng.int(8, 16) };
    case 'regular': {
      const from = rng.int(FIRST_DAY, LAST_DAY - 120);
      return { from, to: Math.min(LAST_DAY, from + rng.int(90, 300)), count: rng.int(2, 5) };
    }
    case 'churner': {
      // Active from the start, gone by late summer: they look like loyal buyers until they stop.
      const stop = rng.int(dayOf(2011, 3, 1), dayOf(2011, 8, 31));
      return { from: FIRST_DAY + rng.int(0, 30), to: stop, count: rng.int(3, 7) };
    }
    case 'one-off':
      return { from: FIRST_DAY, to: LAST_DAY, count: 1 };
    case 'newcomer':
      return { from: rng.int(dayOf(2011, 7, 1), dayOf(2011, 10, 31)), to: LAST_DAY, count: rng.int(2, 5) };
  }
}
