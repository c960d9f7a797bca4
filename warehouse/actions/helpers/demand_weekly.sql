-- Weekly units (Monday to Sunday) per product category and for the products with most units, over
-- the complete weeks of the data only: a first or last week that the data covers in part would
-- look like a collapse in demand. Weeks without sales are 0. Reads action_line (units net of
-- matched cancellations) and action_product (category and description per stock code).
create or replace temp table action_week as
with days as (
    select min(invoiced_at)::date as first_day, max(invoiced_at)::date as last_day
    from fact_invoice_line
),
bounds as (
    select
        first_day,
        last_day,
        case when date_trunc('week', first_day)::date = first_day then first_day else date_trunc('week', first_day)::date + 7 end as first_week,
        case when last_day >= date_trunc('week', last_day)::date + 6 then date_trunc('week', last_day)::date else date_trunc('week', last_day)::date - 7 end as last_week
    from days
)
select unnest(generate_series(first_week, last_week, interval 7 day))::date as week_start
from bounds
where first_week <= last_week;

create or replace temp table action_demand as
with day_week as (
    -- a few hundred days: mapping them once is cheaper than truncating every line's date
    select invoice_date, date_trunc('week', invoice_date)::date as week_start
    from (select distinct invoice_date from action_line)
    where invoice_date >= (select min(week_start) from action_week)
      and invoice_date < (select max(week_start) + 7 from action_week)
),
product_week as (
    select l.stock_code, d.week_start, sum(l.units) as units
    from action_line as l
    join day_week as d using (invoice_date)
    where l.units > 0
    group by l.stock_code, d.week_start
),
top_product as (
    select stock_code, row_number() over (order by sum(units) desc, stock_code) as units_rank
    from product_week
    group by stock_code
    qualify units_rank <= (select top_products from action_param)
),
series_week as (
    select 'category' as series_type, c.category as series, c.category as series_label, w.week_start, sum(w.units) as units
    from product_week as w
    join action_product as c using (stock_code)
    group by c.category, w.week_start
    union all
    select 'product' as series_type, w.stock_code as series, coalesce(c.description, w.stock_code) as series_label, w.week_start, w.units
    from product_week as w
    semi join top_product as t using (stock_code)
    left join action_product as c using (stock_code)
),
series as (
    select distinct series_type, series, series_label from series_week
)
select s.series_type, s.series, s.series_label, w.week_start, coalesce(v.units, 0)::bigint as units
from series as s
cross join action_week as w
left join series_week as v using (series_type, series, week_start)
order by s.series_type, s.series, w.week_start;
