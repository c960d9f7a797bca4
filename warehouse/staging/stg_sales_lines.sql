-- Types, trims and flags every raw line; lines that break the contract go to quarantine instead.
-- Nothing is lost: every raw line ends up in exactly one of stg_sales_lines, quarantine or
-- source_overlap (built just before), and load_audit counts them per source.
-- The temp table typed_lines stays for cleaning_rule_counts.sql, which counts the normalisations from it.
create or replace temp table typed_lines as
-- line_id is the line's position among all lines read, sources in name order: the lines of earlier
-- sources (up to their last line number) come first; quarantined and repeated lines leave gaps.
-- Numbering the staged lines with a window instead would sort every wide row and keep DuckDB from
-- writing stg_sales_lines as it goes: a third of that statement's time.
with source_lines as (
    select source_file, max(line_number) as last_line from raw_sales_lines group by all
),
source_offsets as (
    select
        source_file,
        (select coalesce(sum(earlier.last_line), 0) from source_lines as earlier where earlier.source_file < source_lines.source_file)::bigint as lines_before
    from source_lines
),
source as (
    select lines.*, sources.delimiter, offsets.lines_before + lines.line_number - 1 as line_id
    from raw_sales_lines as lines
    join raw_sources as sources using (source_file)
    join source_offsets as offsets using (source_file)
    where not exists (
        select 1 from source_overlap as o
        where o.source_file = lines.source_file and o.line_number = lines.line_number
    )
),
-- Each field is trimmed once here; the steps below work on these trimmed texts.
trimmed as (
    select
        *,
        trim(invoice_no) as invoice_no_trimmed,
        trim(stock_code) as stock_code_trimmed,
        trim(description) as description_trimmed_text,
        trim(invoice_date) as invoice_date_trimmed,
        trim(unit_price) as unit_price_trimmed,
        trim(customer_id) as customer_id_trimmed,
        trim(country) as country_trimmed
    from source
),
texts as (
    select
        line_id,
        source_file,
        line_number,
        spanned_lines,
        swallowed_sales_lines,
        -- The field whose quotes hold the line breaks of a line that swallowed further sales lines.
        case when swallowed_sales_lines > 0 then
            case
                when contains(invoice_no, chr(10)) then 'InvoiceNo'
                when contains(stock_code, chr(10)) then 'StockCode'
                when contains(description, chr(10)) then 'Description'
                when contains(quantity, chr(10)) then 'Quantity'
                when contains(invoice_date, chr(10)) then 'InvoiceDate'
                when contains(unit_price, chr(10)) then 'UnitPrice'
                when contains(customer_id, chr(10)) then 'CustomerID'
                else 'Country'
            end
        end as spanning_column,
        nullif(invoice_no_trimmed, '') as invoice_no,
        nullif(stock_code_trimmed, '') as stock_code,
        nullif(description_trimmed_text, '') as description,
        nullif(trim(quantity), '') as quantity_text,
        nullif(invoice_date_trimmed, '') as date_text,
        -- A semicolon-separated file may write decimals with a comma (2,55); a comma file cannot.
        case
            when delimiter = ';' and regexp_full_match(unit_price_trimmed, '-?[0-9]+,[0-9]+')
                then replace(unit_price_trimmed, ',', '.')
            else nullif(unit_price_trimmed, '')
        end as price_text,
        nullif(customer_id_trimmed, '') as customer_text,
        nullif(country_trimmed, '') as country,
        -- What the normalisations changed, for cleaning_rule_counts.
        description <> description_trimmed_text as description_trimmed,
        invoice_no <> invoice_no_trimmed or stock_code <> stock_code_trimmed or country <> country_trimmed
            or customer_id <> customer_id_trimmed as codes_trimmed,
        stock_code_trimmed <> upper(stock_code_trimmed) as stock_code_upper_cased,
        contains(unit_price, ',') as decimal_comma,
        -- The LIKE is a cheap necessary condition: most dates have a four-digit year and skip the regex.
        invoice_date_trimmed like '%/%/__ %' and regexp_full_match(invoice_date_trimmed, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{2} .*') as two_digit_year,
        contains(customer_id, '.') as customer_id_decimal
    from trimmed
),
parsed as (
    select
        *,
        try_cast(quantity_text as decimal(18, 3)) as quantity_number,
        -- The format is chosen by shape first: strptime's %Y would read "10" as the year 10.
        case
            when regexp_full_match(date_text, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}')
                then try_strptime(date_text, '%m/%d/%Y %H:%M')
            when regexp_full_match(date_text, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}:[0-9]{2}')
                then try_strptime(date_text, '%m/%d/%Y %H:%M:%S')
            when regexp_full_match(date_text, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{2} [0-9]{1,2}:[0-9]{2}')
                then try_strptime(date_text, '%m/%d/%y %H:%M')
            when regexp_full_match(date_text, '[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?')
                then try_cast(date_text as timestamp)
        end as invoiced_at,
        try_cast(price_text as decimal(18, 3)) as unit_price,
        try_cast(customer_text as decimal(18, 3)) as customer_number
    from texts
),
typed as (
    select
        *,
        case when quantity_number = trunc(quantity_number) and abs(quantity_number) < 2147483648
            then quantity_number::integer end as quantity,
        case when customer_number = trunc(customer_number) and customer_number > 0
            then customer_number::bigint end as customer_id
    from parsed
),
checked as (
    select
        *,
        case
            -- A stray quote that opens a field on one line and closes it lines later swallows the
            -- sales lines between into one field: the whole record is quarantined, never merged, and
            -- load_audit counts the physical lines it covers.
            when swallowed_sales_lines > 0
                then 'quoted field spans ' || spanned_lines || ' physical lines (' || line_number || ' to '
                    || (line_number + spanned_lines - 1) || '), holding ' || swallowed_sales_lines || ' line(s) that read as sales lines'
            when invoice_no is null then 'missing invoice number'
            when stock_code is null then 'missing stock code'
            when quantity_text is null then 'missing quantity'
            when regexp_matches(quantity_text, '[eE]') and try_cast(quantity_text as double) is not null
                then 'quantity in exponent notation'
            when quantity_number is null then 'quantity is not a number'
            -- Checked on the text: casting 6.0004 to DECIMAL(18, 3) would round it to the whole 6.
            when quantity is null or not regexp_full_match(quantity_text, '[+-]?[0-9]+(\.0*)?') then 'quantity is not a whole number'
            when date_text is null then 'missing invoice date'
            when invoiced_at is null then 'invoice date not understood'
            -- A date before the window's start or after the refresh day is a typing error, and one
            -- such line would stretch every weekly and monthly series across centuries.
            when invoiced_at < getvariable('earliest_invoice_date')::timestamp or invoiced_at >= getvariable('latest_invoice_date')::timestamp + interval 1 day
                then 'date out of range'
            when price_text is null then 'missing unit price'
            when regexp_matches(price_text, '[eE]') and try_cast(price_text as double) is not null
                then 'unit price in exponent notation'
            -- A plain number the cast refuses is too large: the cast rounds extra decimals, it does not fail on them.
            -- Money is DECIMAL(18, 3) (below 10^15). A line is capped at 10^9, so that the totals of
            -- up to a million such lines (an invoice, a customer, a month) still fit the type.
            when regexp_full_match(price_text, '[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)')
                and (unit_price is null or abs(unit_price) >= 1000000000)
                then 'unit price out of range (1,000,000,000 or more)'
            when unit_price is null or not regexp_full_match(price_text, '[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)') then 'unit price is not a number'
            -- Money keeps 3 decimals: rounding 0.0004 to 0 would turn a sale into a free line unseen.
            when regexp_matches(price_text, '\.[0-9]{3}0*[1-9]') then 'unit price has more than 3 decimals'
            when abs(quantity::decimal(38, 0) * unit_price::decimal(38, 3)) >= 1000000000 then 'line amount (quantity x unit price) out of range (1,000,000,000 or more)'
            when customer_text is not null and customer_id is null then 'customer id is not a positive whole number'
            when country is null then 'missing country'
            -- Matching a cancellation takes units back from earlier sales, so a cancellation carries
            -- units taken back: a C line with zero or positive quantity has no meaning to match.
            when starts_with(invoice_no, 'C') and quantity >= 0 then 'cancellation (C invoice) with a quantity that is not negative'
        end as reason,
        case
            when swallowed_sales_lines > 0 then spanning_column
            when invoice_no is null then 'InvoiceNo'
            when stock_code is null then 'StockCode'
            when quantity is null or not regexp_full_match(quantity_text, '[+-]?[0-9]+(\.0*)?') then 'Quantity'
            when invoiced_at is null then 'InvoiceDate'
            when invoiced_at < getvariable('earliest_invoice_date')::timestamp or invoiced_at >= getvariable('latest_invoice_date')::timestamp + interval 1 day then 'InvoiceDate'
            when unit_price is null or not regexp_full_match(price_text, '[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)')
                or abs(unit_price) >= 1000000000 or regexp_matches(price_text, '\.[0-9]{3}0*[1-9]') then 'UnitPrice'
            when abs(quantity::decimal(38, 0) * unit_price::decimal(38, 3)) >= 1000000000 then 'UnitPrice'
            when customer_text is not null and customer_id is null then 'CustomerID'
            when country is null then 'Country'
            when starts_with(invoice_no, 'C') and quantity >= 0 then 'Quantity'
        end as column_name
    from typed
)

select
    line_id, source_file, line_number, invoice_no, upper(stock_code) as stock_code, description, quantity,
    invoiced_at, unit_price, customer_id, country, reason, column_name,
    description_trimmed, codes_trimmed, stock_code_upper_cased, decimal_comma, two_digit_year, customer_id_decimal
from checked;

-- An invoice belongs to one customer in one country: a line that disagrees with the invoice's first
-- valid line would make invoice-level and line-level figures differ, so it is quarantined instead.
-- One aggregate row per invoice instead of a window over every wide line: the head is the row with
-- the smallest (reason is not null, source_file, line_number), the order a window would use;
-- arg_min_null keeps a null customer id as the value, as first_value does. A separate update
-- instead of a join in the statement above: that join would make DuckDB hold every parsed line in
-- a materialised CTE and scan it twice (three quarters of the statement's time at ten times the data),
-- where this reads four narrow columns of the temp table and rewrites the few lines that disagree.
update typed_lines as t
set
    reason = case
        when t.customer_id is distinct from h.head.customer_id then 'customer differs from an earlier line of the same invoice'
        else 'country differs from an earlier line of the same invoice'
    end,
    column_name = case when t.customer_id is distinct from h.head.customer_id then 'CustomerID' else 'Country' end
from (
    select
        invoice_no,
        arg_min_null({'customer_id': customer_id, 'country': country}, (reason is not null, source_file, line_number)) as head
    from typed_lines
    group by invoice_no
) as h
where t.invoice_no is not distinct from h.invoice_no
  and t.reason is null
  and (t.customer_id is distinct from h.head.customer_id or t.country is distinct from h.head.country);

create or replace table quarantine as
select
    typed.source_file,
    typed.line_number,
    typed.reason,
    typed.column_name,
    to_json(struct_pack(
        invoice_no := raw.invoice_no, stock_code := raw.stock_code, description := raw.description,
        quantity := raw.quantity, invoice_date := raw.invoice_date, unit_price := raw.unit_price,
        customer_id := raw.customer_id, country := raw.country
    ))::varchar as raw_values
from typed_lines as typed
join raw_sales_lines as raw using (source_file, line_number)
where typed.reason is not null
order by typed.source_file, typed.line_number;

create or replace table stg_sales_lines as
with valid as (
    select
        line_id, source_file, line_number, invoice_no, stock_code, description, quantity, invoiced_at, unit_price, customer_id, country
    from typed_lines
    where reason is null
),
-- Only a line whose eight values (as one hash) occur more than once can be a duplicate, so the
-- window that numbers the copies runs over those few lines instead of sorting every line; a hash
-- collision only adds a candidate, as the window compares the values themselves. Ordering by
-- (source_file, line_number) is ordering by line_id.
repeated_hashes as (
    select hash(invoice_no, stock_code, description, quantity, invoiced_at, unit_price, customer_id, country) as line_hash
    from typed_lines
    where reason is null
    group by all
    having count(*) > 1
),
duplicates as (
    select source_file, line_number
    from (
        select
            source_file,
            line_number,
            row_number() over (
                partition by invoice_no, stock_code, description, quantity, invoiced_at, unit_price, customer_id, country
                order by source_file, line_number
            ) as copy_number
        from typed_lines
        where reason is null
          and hash(invoice_no, stock_code, description, quantity, invoiced_at, unit_price, customer_id, country)
              in (select line_hash from repeated_hashes)
    )
    where copy_number > 1
),
flagged as (
    select
        line_id,
        source_file,
        line_number,
        invoice_no,
        stock_code,
        description,
        quantity,
        invoiced_at,
        unit_price,
        (quantity * unit_price)::decimal(18, 3) as line_amount,
        customer_id,
        country,
        starts_with(invoice_no, 'C') as is_cancellation,
        starts_with(invoice_no, 'A') as is_adjustment,
        -- Postage, carriage, manual lines, discounts, fees, charity, samples, vouchers, bad-debt
        -- adjustments and test lines (the last two as Online Retail II writes them).
        (stock_code in ('POST', 'DOT', 'C2', 'M', 'D', 'S', 'B', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'PADS')
            or stock_code like 'GIFT\_%' escape '\'
            or stock_code like 'DCGS%'
            or stock_code like 'ADJUST%'
            or stock_code like 'TEST%') as is_service,
        duplicates.line_number is not null as is_duplicate,
        customer_id is null as is_guest,
        unit_price <= 0 as is_nonpositive_price
    from valid
    left join duplicates using (source_file, line_number)
)
-- Not sorted by line_id (fact_invoice_line sorts its rows): sorting every wide line made the
-- statement 0.13 s faster on the full data set but 1.6 s slower at ten times the data and 24 s
-- slower at a hundred times, where the sort spills.
select * from flagged;
