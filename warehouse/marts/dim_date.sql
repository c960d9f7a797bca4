-- The calendar: every day of the calendar years the data touches (whole years, so that
-- year-to-date and same-period-last-year measures have every day they need).
create or replace table dim_date as
with bounds as (
    select
        make_date(year(min(invoiced_at)), 1, 1) as first_day,
        make_date(year(max(invoiced_at)), 12, 31) as last_day,
        min(invoiced_at)::date as first_sale_day,
        max(invoiced_at)::date as last_sale_day
    from stg_sales_lines
),
days as (
    select unnest(generate_series(first_day, last_day, interval 1 day))::date as date
    from bounds
),
trading_days as (
    select distinct invoiced_at::date as date from stg_sales_lines
)
select
    (year(d.date) * 10000 + month(d.date) * 100 + day(d.date))::integer as date_key,
    d.date,
    year(d.date)::integer as year,
    quarter(d.date)::integer as quarter,
    month(d.date)::integer as month,
    monthname(d.date) as month_name,
    strftime(d.date, '%Y-%m') as year_month,
    isoyear(d.date)::integer as iso_year,
    weekofyear(d.date)::integer as iso_week,
    isodow(d.date)::integer as day_of_week,
    dayname(d.date) as day_name,
    isodow(d.date) >= 6 as is_weekend,
    d.date in (select date from trading_days) as has_invoices,
    d.date between b.first_sale_day and b.last_sale_day as is_in_data_range
from days as d
cross join bounds as b
order by d.date;
