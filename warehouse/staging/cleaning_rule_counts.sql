-- How many lines each cleaning rule touched in this refresh. Normalising rules count the staged
-- lines whose value they changed (from the temp table typed_lines, which stg_sales_lines.sql leaves
-- for this file); flags count the staged lines they mark (nothing is dropped); the
-- removal and quarantine rules count the lines that did not reach staging.
create or replace table cleaning_rule_counts as
with normalised as (
    select
        count(*) filter (where description_trimmed) as trim_description,
        count(*) filter (where codes_trimmed) as trim_codes,
        count(*) filter (where stock_code_upper_cased) as upper_case_stock_code,
        count(*) filter (where customer_id_decimal) as customer_id_as_decimal,
        count(*) filter (where two_digit_year) as two_digit_year,
        count(*) filter (where decimal_comma) as decimal_comma
    from typed_lines
    where reason is null
),
flagged as (
    select
        count(*) filter (where description is null) as missing_description,
        count(*) filter (where is_duplicate) as flag_duplicate,
        count(*) filter (where is_cancellation) as flag_cancellation,
        count(*) filter (where is_adjustment) as flag_adjustment,
        count(*) filter (where is_service) as flag_service,
        count(*) filter (where unit_price = 0) as flag_zero_price,
        count(*) filter (where unit_price < 0) as flag_negative_price,
        count(*) filter (where is_guest) as flag_guest
    from stg_sales_lines
),
rules (rule_order, rule, action, description) as (
    values
        (1, 'remove_source_overlap', 'remove', 'Line repeats a line of an earlier source (a year sheet sharing days with the previous one, a daily export repeating the previous day''s last lines); counted once, listed in source_overlap.'),
        (2, 'quarantine_contract', 'quarantine', 'Line breaks the contract (missing invoice, stock code, quantity, date, price or country; value not a number or date); kept in quarantine with the reason.'),
        (3, 'trim_description', 'normalise', 'Leading and trailing spaces removed from the description.'),
        (4, 'trim_codes', 'normalise', 'Leading and trailing spaces removed from invoice number, stock code, customer id or country.'),
        (5, 'missing_description', 'count', 'No description (empty or blank); kept as null.'),
        (6, 'upper_case_stock_code', 'normalise', 'Stock code upper-cased (85123a is 85123A).'),
        (7, 'customer_id_as_decimal', 'normalise', 'Customer id written as a decimal (17850.0) read as the whole number.'),
        (8, 'two_digit_year', 'normalise', 'Invoice date with a two-digit year (12/1/10) read as 20yy.'),
        (9, 'decimal_comma', 'normalise', 'Unit price with a decimal comma (2,55) in a semicolon-separated file read as 2.55.'),
        (10, 'flag_duplicate', 'flag', 'Exact copy of an earlier line: is_duplicate (the first copy is not flagged).'),
        (11, 'flag_cancellation', 'flag', 'Invoice number starts with C: is_cancellation.'),
        (12, 'flag_adjustment', 'flag', 'Invoice number starts with A (bad-debt adjustment): is_adjustment.'),
        (13, 'flag_service', 'flag', 'Postage, fees, manual lines, discounts, samples, vouchers (POST, DOT, M, D, C2, S, B, BANK CHARGES, AMAZONFEE, CRUK, PADS, GIFT_*, DCGS*, ADJUST*, TEST*): is_service.'),
        (14, 'flag_zero_price', 'flag', 'Unit price is zero: is_nonpositive_price.'),
        (15, 'flag_negative_price', 'flag', 'Unit price is negative: is_nonpositive_price.'),
        (16, 'flag_guest', 'flag', 'No customer id: is_guest.')
),
rows_per_rule as (
    select 'remove_source_overlap' as rule, (select count(*) from source_overlap) as rows
    union all select 'quarantine_contract', (select count(*) from quarantine)
    union all (unpivot normalised on columns(*) into name rule value rows)
    union all (unpivot flagged on columns(*) into name rule value rows)
)
select
    $refresh_id as refresh_id,
    rules.rule_order,
    rules.rule,
    rules.action,
    rules.description,
    coalesce(rows_per_rule.rows, 0)::bigint as rows
from rules
left join rows_per_rule using (rule)
order by rules.rule_order;
