import { defineTable, type ColumnSpec } from './types.js';

/*
 * The star schema (dimensions and facts) and the analytics marts built from it. Every mart reads only
 * stg_sales_lines, other marts and the reference data in warehouse/reference/.
 *
 * Revenue (warehouse/CANCELLATIONS.md, "Revenue"): gross = quantity x unit price of sale lines (not cancellations, not
 * bad-debt adjustments); cancelled = units matched by later cancellations x the order's unit price;
 * net = gross - cancelled. Cancellations that match no order are reported, not subtracted.
 */

const MATCH_LABELS = ['matched', 'partially_matched', 'unmatched_already_cancelled', 'unmatched_no_prior_order', 'unmatched_no_customer'] as const;
const LINE_TYPES = ['sale', 'cancellation', 'adjustment', 'stock_correction'] as const;
const INVOICE_TYPES = ['sale', 'cancellation', 'adjustment', 'stock_correction'] as const;

const money = (name: string, description: string, nullable = false): ColumnSpec => ({ name, type: 'DECIMAL(18,3)', description, format: 'money', nullable });
const count = (name: string, description: string): ColumnSpec => ({ name, type: 'INTEGER', description, format: 'integer' });
const rate = (name: string, description: string, nullable = true): ColumnSpec => ({ name, type: 'DOUBLE', description, format: 'percent', nullable });

/** Sum of a column over sale lines of the fact, for reconciliation tests. */
const SALES = `(select * from fact_invoice_line where line_type = 'sale')`;

/** Calendar dimension. */
export const dimDate = defineTable({
  name: 'dim_date',
  description: 'Calendar of every day of the calendar years the data touches (whole years, for year-to-date measures).',
  grain: 'One calendar day.',
  layer: 'mart',
  publish: true,
  primaryKey: ['date_key'],
  columns: [
    { name: 'date_key', type: 'INTEGER', description: 'The day as yyyymmdd, the key the facts use.' },
    { name: 'date', type: 'DATE', description: 'The day.', format: 'date' },
    { name: 'year', type: 'INTEGER', description: 'Calendar year.' },
    { name: 'quarter', type: 'INTEGER', description: 'Calendar quarter, 1-4.', accepted: ['1', '2', '3', '4'] },
    { name: 'month', type: 'INTEGER', description: 'Month number, 1-12.' },
    { name: 'month_name', type: 'VARCHAR', description: 'Month name in English, e.g. December.' },
    { name: 'year_month', type: 'VARCHAR', description: 'Year and month as yyyy-mm.' },
    { name: 'iso_year', type: 'INTEGER', description: 'ISO 8601 week-numbering year.' },
    { name: 'iso_week', type: 'INTEGER', description: 'ISO 8601 week number, 1-53.' },
    { name: 'day_of_week', type: 'INTEGER', description: 'ISO day of week: 1 = Monday ... 7 = Sunday.', accepted: ['1', '2', '3', '4', '5', '6', '7'] },
    { name: 'day_name', type: 'VARCHAR', description: 'Day name in English, e.g. Monday.' },
    { name: 'is_weekend', type: 'BOOLEAN', description: 'Saturday or Sunday.' },
    { name: 'has_invoices', type: 'BOOLEAN', description: 'At least one invoice is dated that day.' },
    { name: 'is_in_data_range', type: 'BOOLEAN', description: 'Between the first and the last invoice day of the data.' },
  ],
  tests: [
    {
      name: 'dim_date_covers_every_invoice_day',
      description: 'The calendar has no gap: one row per day from its first to its last day.',
      sql: `select * from (select count(*) as days, date_diff('day', min(date), max(date)) + 1 as span from dim_date) where days <> span`,
    },
  ],
});

/** Country dimension. */
export const dimCountry = defineTable({
  name: 'dim_country',
  description:
    'Countries as the data names them, with ISO 3166-1 codes, UN M49 region and market from warehouse/reference/countries.csv. ' +
    'EIRE = Ireland, RSA = South Africa, USA = United States; "Channel Islands" (Jersey and Guernsey together), "European Community" ' +
    'and "Unspecified" have no ISO code. A name missing from the reference list is kept with region Unknown.',
  grain: 'One country name as written in the data.',
  layer: 'mart',
  publish: true,
  excelSheet: 'Countries',
  primaryKey: ['country'],
  columns: [
    { name: 'country', type: 'VARCHAR', description: 'Country as named in the data (the key the facts use).' },
    { name: 'country_name', type: 'VARCHAR', description: 'Standard English name (Ireland for EIRE, South Africa for RSA).', dataCategory: 'Country' },
    { name: 'iso_alpha2', type: 'VARCHAR', description: 'ISO 3166-1 alpha-2 code; null where none exists.', nullable: true },
    { name: 'iso_alpha3', type: 'VARCHAR', description: 'ISO 3166-1 alpha-3 code; null where none exists.', nullable: true },
    { name: 'region', type: 'VARCHAR', description: 'UN M49 region (Europe, Asia, Americas, Africa, Oceania) or Unknown.', accepted: ['Europe', 'Asia', 'Americas', 'Africa', 'Oceania', 'Unknown'], dataCategory: 'Continent' },
    { name: 'subregion', type: 'VARCHAR', description: 'UN M49 sub-region, e.g. Northern Europe.', nullable: true },
    { name: 'market', type: 'VARCHAR', description: 'Domestic (United Kingdom), EU (member states in 2011), Rest of world, or Unknown.', accepted: ['Domestic', 'EU', 'Rest of world', 'Unknown'] },
    { name: 'is_in_reference', type: 'BOOLEAN', description: 'The name is in the reference list.' },
    { name: 'note', type: 'VARCHAR', description: 'Why an unusual name maps as it does.', nullable: true },
  ],
});

/** Customer dimension. */
export const dimCustomer = defineTable({
  name: 'dim_customer',
  description:
    'Every customer number in the data, including customers whose only lines are cancellations. Only those with a real purchase ' +
    '(has_purchase: a product sold at a price above £0; not only £0, service, postage or test lines) count as customers in the marts and KPIs. Guest sales (no customer number) ' +
    'have no row: their facts carry a null customer_id and is_guest = true. A customer seen in several countries gets the country of ' +
    'most of their invoices, a tie going to the most recent invoice.',
  grain: 'One customer number.',
  layer: 'mart',
  publish: true,
  primaryKey: ['customer_id'],
  storedInKeyOrder: true,
  foreignKeys: [{ columns: ['country'], references: { table: 'dim_country', columns: ['country'] } }],
  columns: [
    { name: 'customer_id', type: 'BIGINT', description: 'Customer number.' },
    { name: 'country', type: 'VARCHAR', description: 'Home country: the country of most of the customer\'s invoices (ties: most recent).' },
    count('country_count', 'Countries the customer\'s invoices name (1 for almost everyone).'),
    { name: 'first_seen_at', type: 'TIMESTAMP', description: 'First invoice of any kind (purchase or cancellation).', format: 'datetime' },
    { name: 'first_purchase_at', type: 'TIMESTAMP', description: 'First invoice with a real purchase (fact_invoice.has_real_purchase); null for customers without one.', format: 'datetime', nullable: true },
    { name: 'last_purchase_at', type: 'TIMESTAMP', description: 'Last invoice with a real purchase; null for customers without one.', format: 'datetime', nullable: true },
    { name: 'cohort_month', type: 'VARCHAR', description: 'Month of the first purchase (yyyy-mm), the customer\'s cohort.', nullable: true },
    count('order_count', 'Distinct invoices with a real purchase.'),
    { name: 'has_purchase', type: 'BOOLEAN', description: 'At least one real purchase: a product sold at a price above £0 (not only cancellations, £0, service or test lines). Only these count as customers.' },
  ],
  tests: [
    {
      name: 'dim_customer_has_purchase_means_a_real_purchase',
      description: 'A customer counts (has_purchase) exactly when one of their sale lines sells a product at a price above £0.',
      sql: `select d.customer_id, d.has_purchase from dim_customer d
            left join (select distinct customer_id from ${SALES} where not is_service and unit_price > 0) r using (customer_id)
            where d.has_purchase <> (r.customer_id is not null)`,
    },
    {
      name: 'dim_customer_has_every_customer',
      description: 'Every customer number of the facts has a row (the foreign key checks the other direction).',
      sql: `select distinct f.customer_id from fact_invoice_line f anti join dim_customer d using (customer_id) where f.customer_id is not null`,
    },
  ],
});

/** Product dimension. */
export const dimProduct = defineTable({
  name: 'dim_product',
  description:
    'Products by stock code. Description: the most frequent non-null description written on real sales (positive quantity and price), ' +
    'ties going to the latest line; other descriptions only when no sale has one. Category: keyword rules on the description ' +
    '(warehouse/reference/product-categories.csv, 12 categories chosen by measured revenue coverage: 91% of products, 98% of product revenue, see warehouse/reference/README.md); ' +
    'the matching keyword of the highest-priority category decides; service codes are "Service and fees", the rest "Other".',
  grain: 'One stock code (upper-cased).',
  layer: 'mart',
  publish: true,
  primaryKey: ['stock_code'],
  columns: [
    { name: 'stock_code', type: 'VARCHAR', description: 'Product code, upper-cased.' },
    { name: 'description', type: 'VARCHAR', description: 'Canonical description (rule above); null when no line has one.', nullable: true },
    count('description_count', 'Distinct descriptions written for the code.'),
    { name: 'is_service', type: 'BOOLEAN', description: 'Postage, fees, manual lines, vouchers and other non-products.' },
    { name: 'category', type: 'VARCHAR', description: 'Product category from keyword rules.' },
    { name: 'category_keyword', type: 'VARCHAR', description: 'The keyword that decided the category; null for Other and services.', nullable: true },
    { name: 'first_sold_at', type: 'TIMESTAMP', description: 'First non-cancellation line.', format: 'datetime', nullable: true },
    { name: 'last_sold_at', type: 'TIMESTAMP', description: 'Last non-cancellation line.', format: 'datetime', nullable: true },
    money('typical_unit_price', 'Median unit price of its sales with a positive price.', true),
  ],
});

/** The sales facts at their finest grain. */
export const factInvoiceLine = defineTable({
  name: 'fact_invoice_line',
  description:
    'Every valid sales line with its amount and flags; guest sales, cancellations and duplicates included. net_quantity is what ' +
    'remains after the cancellation match (warehouse/CANCELLATIONS.md); sum(net_quantity) = sum(quantity).',
  grain: 'One sales line of one invoice.',
  layer: 'mart',
  publish: true,
  primaryKey: ['line_id'],
  storedInKeyOrder: true,
  foreignKeys: [
    { columns: ['invoice_no'], references: { table: 'fact_invoice', columns: ['invoice_no'] } },
    { columns: ['customer_id'], references: { table: 'dim_customer', columns: ['customer_id'] }, allowNull: true },
    { columns: ['stock_code'], references: { table: 'dim_product', columns: ['stock_code'] } },
    { columns: ['country'], references: { table: 'dim_country', columns: ['country'] } },
    { columns: ['date_key'], references: { table: 'dim_date', columns: ['date_key'] } },
  ],
  columns: [
    { name: 'line_id', type: 'BIGINT', description: 'Line id from staging.' },
    { name: 'invoice_no', type: 'VARCHAR', description: 'Invoice number.' },
    { name: 'stock_code', type: 'VARCHAR', description: 'Product code.' },
    { name: 'customer_id', type: 'BIGINT', description: 'Customer; null for guest sales.', nullable: true },
    { name: 'country', type: 'VARCHAR', description: 'Country as named in the data.' },
    { name: 'invoiced_at', type: 'TIMESTAMP', description: 'Invoice date and time.', format: 'datetime' },
    { name: 'invoice_date', type: 'DATE', description: 'Invoice date.', format: 'date' },
    { name: 'date_key', type: 'INTEGER', description: 'Invoice date as yyyymmdd (key of dim_date).' },
    { name: 'quantity', type: 'INTEGER', description: 'Units; negative on cancellations.', format: 'integer' },
    { name: 'unit_price', type: 'DECIMAL(18,3)', description: 'Price per unit in pounds sterling.', format: 'money' },
    { name: 'line_amount', type: 'DECIMAL(18,3)', description: 'quantity x unit_price.', format: 'money' },
    { name: 'is_cancellation', type: 'BOOLEAN', description: 'Line of a C invoice.' },
    { name: 'is_adjustment', type: 'BOOLEAN', description: 'Line of an A invoice.' },
    { name: 'is_service', type: 'BOOLEAN', description: 'Not a product (postage, fees, vouchers, ...).' },
    { name: 'is_duplicate', type: 'BOOLEAN', description: 'Exact copy of an earlier line.' },
    { name: 'is_guest', type: 'BOOLEAN', description: 'No customer id.' },
    {
      name: 'line_type',
      type: 'VARCHAR',
      description: 'sale (positive quantity), cancellation (C invoice), adjustment (A invoice, bad debt), stock_correction (zero or negative quantity outside C invoices: damages, write-offs).',
      accepted: LINE_TYPES,
    },
    count('cancelled_quantity', 'Sale lines: units taken back by later cancellations of the same customer and product; 0 on other lines.'),
    count('net_quantity', 'Sale lines: quantity - cancelled_quantity (never negative); cancellation lines: minus the units no order took; other lines: quantity.'),
    money('net_line_amount', 'net_quantity x unit_price; on sale lines the net revenue of the line.'),
    money('cancelled_amount', 'cancelled_quantity x unit_price: revenue of this sale taken back by cancellations.'),
    { name: 'cancellation_label', type: 'VARCHAR', description: 'Cancellation lines: how the match went (see fact_cancellation); null on other lines.', nullable: true, accepted: MATCH_LABELS },
  ],
  tests: [
    {
      name: 'fact_invoice_line_reconciles_with_staging',
      description: 'Line count and revenue in the fact equal those in staging.',
      sql: `select * from (
              select (select count(*) from fact_invoice_line) as fact_lines, (select count(*) from stg_sales_lines) as stg_lines,
                     (select sum(line_amount) from fact_invoice_line) as fact_amount, (select sum(line_amount) from stg_sales_lines) as stg_amount)
            where fact_lines <> stg_lines or fact_amount is distinct from stg_amount`,
    },
    {
      name: 'fact_invoice_line_net_quantity_in_range',
      description: 'After matching, a sale keeps between 0 and its quantity; a cancellation keeps between its quantity and 0.',
      sql: `select line_id, line_type, quantity, cancelled_quantity, net_quantity from fact_invoice_line
            where (line_type = 'sale' and (net_quantity < 0 or net_quantity > quantity or net_quantity <> quantity - cancelled_quantity))
               or (line_type = 'cancellation' and (net_quantity > 0 or net_quantity < quantity))
               or (line_type not in ('sale', 'cancellation') and (net_quantity <> quantity or cancelled_quantity <> 0))`,
    },
    {
      name: 'fact_invoice_line_net_quantity_reconciles',
      description: 'Matching moves units between lines but never creates or loses one: sum(net_quantity) = sum(quantity).',
      sql: `select * from (select sum(quantity) as quantity, sum(net_quantity) as net_quantity from fact_invoice_line) where quantity <> net_quantity`,
    },
    {
      name: 'fact_invoice_line_cancellation_label_only_on_cancellations',
      description: 'Every cancellation line has a match label; no other line has one.',
      sql: `select line_id, line_type, cancellation_label from fact_invoice_line where (line_type = 'cancellation') <> (cancellation_label is not null)`,
    },
  ],
});

/** The cancellation match. */
export const factCancellation = defineTable({
  name: 'fact_cancellation',
  description:
    'Each cancellation line with the earlier order line(s) of the same customer and stock code it cancels (warehouse/CANCELLATIONS.md): ' +
    'the latest earlier order line with enough units left takes it whole; otherwise it is split over earlier order lines, latest first. ' +
    'Units no order could take form a row of their own with no order line, labelled why.',
  grain: 'One (cancellation line, matched order line) pair, or the unmatched rest of a cancellation line.',
  layer: 'mart',
  publish: true,
  excelSheet: 'Cancellations',
  primaryKey: ['cancellation_line_id', 'match_no'],
  storedInKeyOrder: true,
  foreignKeys: [
    { columns: ['cancellation_line_id'], references: { table: 'fact_invoice_line', columns: ['line_id'] } },
    { columns: ['order_line_id'], references: { table: 'fact_invoice_line', columns: ['line_id'] }, allowNull: true },
    { columns: ['customer_id'], references: { table: 'dim_customer', columns: ['customer_id'] }, allowNull: true },
    { columns: ['stock_code'], references: { table: 'dim_product', columns: ['stock_code'] } },
    { columns: ['country'], references: { table: 'dim_country', columns: ['country'] } },
    { columns: ['date_key'], references: { table: 'dim_date', columns: ['date_key'] } },
  ],
  columns: [
    { name: 'cancellation_line_id', type: 'BIGINT', description: 'The cancellation line (fact_invoice_line.line_id).' },
    count('match_no', 'Position of this part: 1 = latest matched order line; the unmatched rest comes last.'),
    { name: 'cancellation_invoice_no', type: 'VARCHAR', description: 'The C invoice.' },
    { name: 'order_line_id', type: 'BIGINT', description: 'The order line cancelled; null for the unmatched rest.', nullable: true },
    { name: 'order_invoice_no', type: 'VARCHAR', description: 'The invoice of the order line; null for the unmatched rest.', nullable: true },
    { name: 'customer_id', type: 'BIGINT', description: 'Customer; null for guest cancellations.', nullable: true },
    { name: 'stock_code', type: 'VARCHAR', description: 'Product code.' },
    { name: 'country', type: 'VARCHAR', description: 'Country of the cancellation invoice.' },
    { name: 'cancelled_at', type: 'TIMESTAMP', description: 'Date and time of the cancellation.', format: 'datetime' },
    { name: 'date_key', type: 'INTEGER', description: 'Cancellation date as yyyymmdd.' },
    { name: 'ordered_at', type: 'TIMESTAMP', description: 'Date and time of the order line; null for the unmatched rest.', format: 'datetime', nullable: true },
    { name: 'days_to_cancel', type: 'INTEGER', description: 'Days from order to cancellation; null for the unmatched rest.', format: 'integer', nullable: true },
    count('quantity', 'Units of the cancellation taken by this order line (or left unmatched), positive.'),
    money('cancelled_amount', 'quantity x the cancellation\'s unit price (what was credited).'),
    money('order_amount', 'quantity x the order line\'s unit price (the revenue taken back); null for the unmatched rest.', true),
    { name: 'is_matched', type: 'BOOLEAN', description: 'This row names an order line.' },
    { name: 'match_label', type: 'VARCHAR', description: 'Outcome for the whole cancellation line.', accepted: MATCH_LABELS },
  ],
  tests: [
    {
      name: 'fact_cancellation_units_reconcile_with_cancellations',
      description: 'Every cancellation line is here and its rows add up to exactly its units.',
      sql: `with lines as (select line_id, -quantity as units from fact_invoice_line where line_type = 'cancellation'),
                 rows as (select cancellation_line_id as line_id, sum(quantity) as units from fact_cancellation group by 1)
            select l.line_id, l.units as cancelled_units, r.units as recorded_units
            from lines l full join rows r using (line_id) where l.units is distinct from r.units`,
    },
    {
      name: 'fact_cancellation_units_reconcile_with_orders',
      description: 'Units matched to an order line equal its cancelled_quantity, and never exceed its quantity.',
      sql: `with matched as (select order_line_id as line_id, sum(quantity) as units from fact_cancellation where is_matched group by 1)
            select f.line_id, f.quantity, f.cancelled_quantity, m.units from fact_invoice_line f full join matched m using (line_id)
            where coalesce(f.cancelled_quantity, 0) <> coalesce(m.units, 0) or m.units > f.quantity`,
    },
    {
      name: 'fact_cancellation_matches_earlier_order_of_same_customer_and_product',
      description: 'A matched order line is a sale of the same customer and stock code, not later than the cancellation.',
      sql: `select c.cancellation_line_id, c.order_line_id from fact_cancellation c join fact_invoice_line o on o.line_id = c.order_line_id
            where o.line_type <> 'sale' or o.customer_id is distinct from c.customer_id or o.stock_code <> c.stock_code or o.invoiced_at > c.cancelled_at`,
    },
    {
      name: 'fact_cancellation_rows_agree_with_label',
      description: 'Quantities are positive; matched labels have matched rows, unmatched labels none, partial ones both.',
      sql: `select cancellation_line_id, any_value(match_label) as label, count(*) filter (where is_matched) as matched_rows,
                   count(*) filter (where not is_matched) as unmatched_rows, min(quantity) as min_quantity
            from fact_cancellation group by cancellation_line_id
            having min(quantity) <= 0 or count(distinct match_label) > 1
                or (any_value(match_label) = 'matched' and (count(*) filter (where not is_matched) > 0 or count(*) filter (where is_matched) = 0))
                or (any_value(match_label) = 'partially_matched' and (count(*) filter (where not is_matched) <> 1 or count(*) filter (where is_matched) = 0))
                or (any_value(match_label) like 'unmatched%' and count(*) filter (where is_matched) > 0)`,
    },
  ],
});

/** One row per invoice. */
export const factInvoice = defineTable({
  name: 'fact_invoice',
  description: 'Invoices with their totals: sales, cancellation (C), bad-debt adjustment (A) and stock-correction invoices. Dated by their first line. An order is an invoice of type sale.',
  grain: 'One invoice number.',
  layer: 'mart',
  publish: true,
  primaryKey: ['invoice_no'],
  storedInKeyOrder: true,
  foreignKeys: [
    { columns: ['customer_id'], references: { table: 'dim_customer', columns: ['customer_id'] }, allowNull: true },
    { columns: ['country'], references: { table: 'dim_country', columns: ['country'] } },
    { columns: ['date_key'], references: { table: 'dim_date', columns: ['date_key'] } },
  ],
  columns: [
    { name: 'invoice_no', type: 'VARCHAR', description: 'Invoice number.' },
    { name: 'customer_id', type: 'BIGINT', description: 'Customer; null for guest invoices.', nullable: true },
    { name: 'country', type: 'VARCHAR', description: 'Country of the invoice.' },
    { name: 'invoiced_at', type: 'TIMESTAMP', description: 'Time of the first line (43 invoices span two minutes).', format: 'datetime' },
    { name: 'date_key', type: 'INTEGER', description: 'Invoice date as yyyymmdd.' },
    { name: 'invoice_type', type: 'VARCHAR', description: 'cancellation (C invoice), adjustment (A invoice), sale (at least one sale line: an order), or stock_correction (only zero or negative quantities outside C invoices).', accepted: INVOICE_TYPES },
    count('line_count', 'Lines on the invoice.'),
    count('product_count', 'Distinct stock codes on the invoice.'),
    { name: 'item_count', type: 'BIGINT', description: 'Units: the sum of line quantities (negative for cancellations).', format: 'integer' },
    { name: 'items_sold', type: 'BIGINT', description: 'Units on sale lines (the basket size of an order).', format: 'integer' },
    money('invoice_amount', 'Sum of line amounts.'),
    money('gross_amount', 'Gross revenue: amounts of sale lines (0 on other invoices).'),
    { name: 'cancelled_quantity', type: 'BIGINT', description: 'Units of this invoice later cancelled.', format: 'integer' },
    money('cancelled_amount', 'Revenue of this invoice later cancelled.'),
    money('net_amount', 'Sum of net line amounts (invoice_amount - cancelled_amount on sales invoices).'),
    { name: 'is_cancellation', type: 'BOOLEAN', description: 'A C invoice.' },
    { name: 'is_fully_cancelled', type: 'BOOLEAN', description: 'A sales invoice every unit of which was later cancelled.' },
    { name: 'has_cancellation', type: 'BOOLEAN', description: 'At least one unit of the invoice was later cancelled.' },
    { name: 'has_real_purchase', type: 'BOOLEAN', description: 'A real purchase: at least one sale line of a product (not a service, postage or test code) at a price above £0. Only these make a customer.' },
    { name: 'is_guest', type: 'BOOLEAN', description: 'No customer id.' },
  ],
  tests: [
    {
      name: 'fact_invoice_reconciles_with_lines',
      description: 'Invoice count, line count, amounts, gross and net amounts equal those of fact_invoice_line.',
      sql: `select * from (
              select (select count(*) from fact_invoice) as invoices, (select count(distinct invoice_no) from fact_invoice_line) as line_invoices,
                     (select sum(line_count) from fact_invoice) as lines, (select count(*) from fact_invoice_line) as fact_lines,
                     (select sum(invoice_amount) from fact_invoice) as amount, (select sum(line_amount) from fact_invoice_line) as line_amount,
                     (select sum(net_amount) from fact_invoice) as net, (select sum(net_line_amount) from fact_invoice_line) as line_net,
                     (select sum(gross_amount) from fact_invoice) as gross, (select sum(line_amount) from ${SALES}) as sales_gross)
            where invoices <> line_invoices or lines <> fact_lines or amount <> line_amount or net <> line_net or gross <> sales_gross`,
    },
  ],
});

/** Monthly revenue trend. */
export const martMonthlyRevenue = defineTable({
  name: 'mart_monthly_revenue',
  description:
    'Revenue trend per calendar month, guest sales included (guest_gross_amount shows their part). Sales are dated by the order; ' +
    'matched cancellations are taken off the month of the order they cancel; unmatched cancellations are shown in the month they happened, not subtracted.',
  grain: 'One calendar month with sales.',
  layer: 'mart',
  publish: true,
  excelSheet: 'Monthly revenue',
  primaryKey: ['year_month'],
  columns: [
    { name: 'year_month', type: 'VARCHAR', description: 'Month as yyyy-mm.' },
    { name: 'month_start', type: 'DATE', description: 'First day of the month.', format: 'date' },
    count('orders', 'Distinct sales invoices.'),
    count('customers', 'Distinct known customers with a real purchase (dim_customer.has_purchase).'),
    count('new_customers', 'Customers whose first purchase falls in the month.'),
    { name: 'items_sold', type: 'BIGINT', description: 'Units on sale lines.', format: 'integer' },
    money('gross_amount', 'Gross revenue: sale line amounts.'),
    money('guest_gross_amount', 'Part of gross revenue from guest sales (no customer id).'),
    money('cancelled_amount', 'Revenue of the month\'s orders taken back by matched cancellations.'),
    money('net_amount', 'gross_amount - cancelled_amount.'),
    money('unmatched_cancelled_amount', 'Cancellations made in the month that match no order in the data (not subtracted).'),
    money('average_order_value', 'gross_amount / orders.'),
    rate('net_growth_rate', 'Net revenue change against the previous month; null for the first.'),
    { name: 'is_partial_month', type: 'BOOLEAN', description: 'The data ends before the month does (December 2011 ends on the 9th).' },
  ],
  tests: [
    {
      name: 'mart_monthly_revenue_reconciles_with_facts',
      description: 'Gross, cancelled and net revenue over all months equal those of the sale lines; net = gross - cancelled.',
      sql: `select * from (
              select (select sum(gross_amount) from mart_monthly_revenue) as gross, (select sum(line_amount) from ${SALES}) as fact_gross,
                     (select sum(cancelled_amount) from mart_monthly_revenue) as cancelled, (select sum(cancelled_amount) from ${SALES}) as fact_cancelled,
                     (select sum(net_amount) from mart_monthly_revenue) as net)
            where gross <> fact_gross or cancelled <> fact_cancelled or net <> gross - cancelled`,
    },
  ],
});

/** Country per month. */
export const martCountryMonthly = defineTable({
  name: 'mart_country_monthly',
  description: 'Orders, customers and revenue per country and month (guest sales included; same revenue definitions as mart_monthly_revenue).',
  grain: 'One country and calendar month with sales.',
  layer: 'mart',
  publish: true,
  primaryKey: ['country', 'year_month'],
  foreignKeys: [{ columns: ['country'], references: { table: 'dim_country', columns: ['country'] } }],
  columns: [
    { name: 'country', type: 'VARCHAR', description: 'Country as named in the data.' },
    { name: 'year_month', type: 'VARCHAR', description: 'Month as yyyy-mm.' },
    count('orders', 'Distinct sales invoices.'),
    count('customers', 'Distinct known customers with a real purchase (dim_customer.has_purchase).'),
    money('gross_amount', 'Gross revenue.'),
    money('cancelled_amount', 'Revenue taken back by matched cancellations.'),
    money('net_amount', 'gross_amount - cancelled_amount.'),
    money('average_order_value', 'gross_amount / orders.'),
    rate('cancellation_rate', 'cancelled_amount / gross_amount: share of the revenue later cancelled.'),
    count('cancellation_invoices', 'C invoices dated in the month.'),
  ],
  tests: [
    {
      name: 'mart_country_monthly_reconciles_with_mart_country',
      description: 'Months of each country add up to its overall figures.',
      sql: `with m as (select country, sum(orders) as orders, sum(gross_amount) as gross, sum(net_amount) as net from mart_country_monthly group by 1)
            select * from mart_country c full join m using (country)
            where coalesce(m.gross, 0) <> c.gross_amount or coalesce(m.net, 0) <> c.net_amount or coalesce(m.orders, 0) < c.orders`,
    },
  ],
});

/** Country overall. */
export const martCountry = defineTable({
  name: 'mart_country',
  description: 'Orders, customers and revenue per country over the whole data, with names and codes for maps (guest sales included).',
  grain: 'One country.',
  layer: 'mart',
  publish: true,
  excelSheet: 'Country revenue',
  primaryKey: ['country'],
  foreignKeys: [{ columns: ['country'], references: { table: 'dim_country', columns: ['country'] } }],
  columns: [
    { name: 'country', type: 'VARCHAR', description: 'Country as named in the data.' },
    { name: 'country_name', type: 'VARCHAR', description: 'Standard English name.', dataCategory: 'Country' },
    { name: 'iso_alpha2', type: 'VARCHAR', description: 'ISO 3166-1 alpha-2 code, where one exists.', nullable: true },
    { name: 'iso_alpha3', type: 'VARCHAR', description: 'ISO 3166-1 alpha-3 code, where one exists.', nullable: true },
    { name: 'region', type: 'VARCHAR', description: 'UN M49 region.' },
    { name: 'market', type: 'VARCHAR', description: 'Domestic, EU, Rest of world or Unknown.' },
    count('orders', 'Distinct sales invoices.'),
    count('customers', 'Distinct known customers with a real purchase (dim_customer.has_purchase).'),
    money('gross_amount', 'Gross revenue.'),
    money('guest_gross_amount', 'Part of gross revenue from guest sales.'),
    money('cancelled_amount', 'Revenue taken back by matched cancellations.'),
    money('net_amount', 'gross_amount - cancelled_amount.'),
    money('average_order_value', 'gross_amount / orders; null without orders.', true),
    rate('cancellation_rate', 'cancelled_amount / gross_amount.'),
    count('cancellation_invoices', 'C invoices of the country.'),
    rate('net_revenue_share', 'Share of all net revenue.', false),
    count('net_revenue_rank', 'Rank by net revenue, 1 = largest.'),
  ],
  tests: [
    {
      name: 'mart_country_reconciles_with_facts',
      description: 'Country revenue adds up to the revenue of the sale lines, and the known-customer part to the customer revenue.',
      sql: `select * from (
              select (select sum(gross_amount) from mart_country) as gross, (select sum(line_amount) from ${SALES}) as fact_gross,
                     (select sum(gross_amount - guest_gross_amount) from mart_country) as customer_gross,
                     (select sum(line_amount) from ${SALES} where not is_guest) as fact_customer_gross)
            where gross <> fact_gross or customer_gross <> fact_customer_gross`,
    },
  ],
});

/** Customer behaviour. */
export const martCustomerBehaviour = defineTable({
  name: 'mart_customer_behaviour',
  description:
    'How each customer with a real purchase (dim_customer.has_purchase) buys: purchase frequency, average order value, basket size, cancellations. ' +
    'is_high_cancellation: customers with at least 5 orders whose cancellation rate is above Q3 + 1.5 x IQR of the rates of all such customers.',
  grain: 'One known customer with a real purchase (dim_customer.has_purchase).',
  layer: 'mart',
  publish: true,
  excelSheet: 'Customer behaviour',
  primaryKey: ['customer_id'],
  storedInKeyOrder: true,
  foreignKeys: [
    { columns: ['customer_id'], references: { table: 'dim_customer', columns: ['customer_id'] } },
    { columns: ['country'], references: { table: 'dim_country', columns: ['country'] } },
  ],
  columns: [
    { name: 'customer_id', type: 'BIGINT', description: 'Customer number.' },
    { name: 'country', type: 'VARCHAR', description: 'Home country (see dim_customer).' },
    count('orders', 'Distinct sales invoices.'),
    { name: 'first_purchase_at', type: 'TIMESTAMP', description: 'First sale.', format: 'datetime' },
    { name: 'last_purchase_at', type: 'TIMESTAMP', description: 'Last sale.', format: 'datetime' },
    { name: 'recency_days', type: 'INTEGER', description: 'Days from the last purchase to the last day of the data.', format: 'integer' },
    count('active_months', 'Calendar months with a purchase.'),
    { name: 'orders_per_month', type: 'DOUBLE', description: 'Purchase frequency: orders / months from the first purchase to the end of the data (at least 1).', format: 'decimal' },
    { name: 'average_days_between_orders', type: 'DOUBLE', description: 'Days from first to last purchase / (orders - 1); null with one order.', format: 'decimal', nullable: true },
    { name: 'items', type: 'BIGINT', description: 'Units bought.', format: 'integer' },
    { name: 'average_basket_items', type: 'DOUBLE', description: 'Basket size: average units per order.', format: 'decimal' },
    { name: 'average_basket_products', type: 'DOUBLE', description: 'Basket size: average distinct products per order.', format: 'decimal' },
    money('gross_amount', 'Gross revenue.'),
    money('cancelled_amount', 'Revenue taken back by matched cancellations.'),
    money('net_amount', 'gross_amount - cancelled_amount.'),
    money('average_order_value', 'gross_amount / orders.'),
    rate('cancellation_rate', 'cancelled_amount / gross_amount; null when gross is 0.'),
    { name: 'is_high_cancellation', type: 'BOOLEAN', description: 'Unusually high cancellation rate (rule in the table description).' },
    rate('cancellation_rate_threshold', 'The Q3 + 1.5 x IQR threshold the flag used.'),
  ],
  tests: [
    {
      name: 'mart_customer_behaviour_reconciles_with_facts',
      description: 'One row per customer with a real purchase, and their revenue adds up to those customers\' revenue in the facts.',
      sql: `select * from (
              select (select count(*) from mart_customer_behaviour) as customers, (select count(*) from dim_customer where has_purchase) as buyers,
                     (select sum(gross_amount) from mart_customer_behaviour) as gross, (select sum(line_amount) from ${SALES} where customer_id in (select customer_id from dim_customer where has_purchase)) as fact_gross)
            where customers <> buyers or gross <> fact_gross`,
    },
  ],
});

/** Product performance. */
export const martProductPerformance = defineTable({
  name: 'mart_product_performance',
  description:
    'Best-selling products by units and by revenue (ranks over products only; service codes get none). ' +
    'is_high_cancellation: products sold on at least 20 lines whose cancellation rate is above Q3 + 1.5 x IQR of the rates of all such products.',
  grain: 'One stock code with sales.',
  layer: 'mart',
  publish: true,
  excelSheet: 'Product performance',
  primaryKey: ['stock_code'],
  foreignKeys: [{ columns: ['stock_code'], references: { table: 'dim_product', columns: ['stock_code'] } }],
  columns: [
    { name: 'stock_code', type: 'VARCHAR', description: 'Product code.' },
    { name: 'description', type: 'VARCHAR', description: 'Canonical description.', nullable: true },
    { name: 'category', type: 'VARCHAR', description: 'Product category.' },
    { name: 'is_service', type: 'BOOLEAN', description: 'Not a product.' },
    count('sales_lines', 'Sale lines.'),
    count('orders', 'Distinct sales invoices.'),
    count('customers', 'Distinct known customers.'),
    { name: 'quantity_sold', type: 'BIGINT', description: 'Units sold (gross).', format: 'integer' },
    { name: 'net_quantity', type: 'BIGINT', description: 'Units sold minus units cancelled.', format: 'integer' },
    money('gross_amount', 'Gross revenue.'),
    money('cancelled_amount', 'Revenue taken back by matched cancellations.'),
    money('net_amount', 'gross_amount - cancelled_amount.'),
    { name: 'quantity_rank', type: 'INTEGER', description: 'Rank by net units, 1 = best seller; null for service codes.', nullable: true, format: 'integer' },
    { name: 'revenue_rank', type: 'INTEGER', description: 'Rank by net revenue, 1 = best seller; null for service codes.', nullable: true, format: 'integer' },
    rate('cancellation_rate', 'cancelled_amount / gross_amount; null when gross is 0.'),
    { name: 'is_high_cancellation', type: 'BOOLEAN', description: 'Unusually high cancellation rate (rule in the table description).' },
    rate('cancellation_rate_threshold', 'The Q3 + 1.5 x IQR threshold the flag used.'),
  ],
  tests: [
    {
      name: 'mart_product_performance_reconciles_with_facts',
      description: 'Product revenue and units add up to those of the sale lines.',
      sql: `select * from (
              select (select sum(gross_amount) from mart_product_performance) as gross, (select sum(line_amount) from ${SALES}) as fact_gross,
                     (select sum(net_quantity) from mart_product_performance) as units, (select sum(net_quantity) from ${SALES}) as fact_units)
            where gross <> fact_gross or units <> fact_units`,
    },
  ],
});

/** Cohort retention matrix. */
export const martCohortRetention = defineTable({
  name: 'mart_cohort_retention',
  description:
    'Cohort retention matrix: known customers grouped by the month of their first purchase (cohort), and how many of them bought ' +
    'in each later month. Every cell up to the last month of the data is present (0 when nobody bought).',
  grain: 'One cohort month and number of months since it.',
  layer: 'mart',
  publish: true,
  excelSheet: 'Cohort retention',
  primaryKey: ['cohort_month', 'months_since'],
  columns: [
    { name: 'cohort_month', type: 'VARCHAR', description: 'Month of the first purchase (yyyy-mm).' },
    count('months_since', 'Months after the cohort month; 0 = the cohort month.'),
    { name: 'year_month', type: 'VARCHAR', description: 'The calendar month of the cell (yyyy-mm).' },
    count('cohort_customers', 'Customers in the cohort.'),
    count('active_customers', 'Cohort customers who bought in that month.'),
    rate('retention_rate', 'active_customers / cohort_customers.', false),
  ],
  tests: [
    {
      name: 'mart_cohort_retention_is_consistent',
      description: 'Month 0 holds the whole cohort; no cell exceeds it; cohorts add up to the customers with a purchase.',
      sql: `select * from mart_cohort_retention where active_customers > cohort_customers or (months_since = 0 and active_customers <> cohort_customers)
            union all
            select null, null, 'total', (select count(*) from dim_customer where has_purchase), sum(cohort_customers), null
            from mart_cohort_retention where months_since = 0 having sum(cohort_customers) <> (select count(*) from dim_customer where has_purchase)`,
    },
  ],
});

/** Star schema and marts, in build order. */
export const MART_TABLES = [
  dimDate,
  dimCountry,
  dimCustomer,
  dimProduct,
  factInvoiceLine,
  factCancellation,
  factInvoice,
  martMonthlyRevenue,
  martCountryMonthly,
  martCountry,
  martCustomerBehaviour,
  martProductPerformance,
  martCohortRetention,
];
