-- Data-quality profile of the staged input columns: type, nulls, distinct values, range, and for
-- quantity and unit price the outliers outside Tukey's IQR fences.
create or replace table tab_info as
-- Not materialized: DuckDB copies a CTE that is used more than once, and a copy of every line
-- cost more time and memory than reading the table in place (at 100x, 23 s and 3 GB in dim_product).
with lines as not materialized (
    select * from stg_sales_lines
),
input_columns as (
    select * from (values
        (1, 'invoice_no', 'InvoiceNo'), (2, 'stock_code', 'StockCode'), (3, 'description', 'Description'),
        (4, 'quantity', 'Quantity'), (5, 'invoiced_at', 'InvoiceDate'), (6, 'unit_price', 'UnitPrice'),
        (7, 'customer_id', 'CustomerID'), (8, 'country', 'Country')
    ) as c(column_position, column_name, source_column)
),
-- One struct of statistics per input column (the star expression expands per column, keeping each
-- column's own type for min and max), then one row per column.
stats as (
    select struct_pack(
        data_type := any_value(typeof(columns(*))),
        non_null_count := count(columns(*)),
        null_count := count(*) - count(columns(*)),
        min_value := min(columns(*))::varchar,
        max_value := max(columns(*))::varchar
    )
    from (select invoice_no, stock_code, description, quantity, invoiced_at, unit_price, customer_id, country from lines)
),
-- Distinct values column by column, each as a grouped aggregate: eight count(distinct) in one
-- aggregate hold eight hash tables at once, which at a hundred times the data took most of a minute.
distinct_counts as (
    select 'invoice_no' as column_name, count(*) as distinct_count from (select invoice_no from lines where invoice_no is not null group by all)
    union all select 'stock_code', count(*) from (select stock_code from lines where stock_code is not null group by all)
    union all select 'description', count(*) from (select description from lines where description is not null group by all)
    union all select 'quantity', count(*) from (select quantity from lines where quantity is not null group by all)
    union all select 'invoiced_at', count(*) from (select invoiced_at from lines where invoiced_at is not null group by all)
    union all select 'unit_price', count(*) from (select unit_price from lines where unit_price is not null group by all)
    union all select 'customer_id', count(*) from (select customer_id from lines where customer_id is not null group by all)
    union all select 'country', count(*) from (select country from lines where country is not null group by all)
),
profiles as (
    select c.column_position, c.column_name, c.source_column, unnest(s.stats), d.distinct_count
    from (unpivot stats on columns(*) into name column_name value stats) as s
    join input_columns as c using (column_name)
    join distinct_counts as d using (column_name)
),
-- Quartiles from how often each value occurs: quantile_cont() keeps every line's value in memory,
-- which does not spill, while quantity and price take only a few thousand distinct values. As in
-- quantile_cont, the quartile at p of n values in order (0-based) lies at h = (n - 1) * p, between
-- the values at floor(h) and ceil(h).
value_counts as (
    select 'quantity' as column_name, quantity::double as value, count(*) as n from lines where quantity is not null group by all
    union all
    select 'unit_price', unit_price::double, count(*) from lines where unit_price is not null group by all
),
value_ranges as (
    select
        column_name,
        value,
        sum(n) over (partition by column_name order by value) - n as first_position,
        sum(n) over (partition by column_name order by value) - 1 as last_position,
        (sum(n) over (partition by column_name) - 1) * 0.25::double as h1,
        (sum(n) over (partition by column_name) - 1) * 0.75::double as h3
    from value_counts
),
quartile_values as (
    select
        column_name,
        any_value(value) filter (where floor(h1) between first_position and last_position) as q1_low,
        any_value(value) filter (where ceil(h1) between first_position and last_position) as q1_high,
        any_value(h1 - floor(h1)) as q1_fraction,
        any_value(value) filter (where floor(h3) between first_position and last_position) as q3_low,
        any_value(value) filter (where ceil(h3) between first_position and last_position) as q3_high,
        any_value(h3 - floor(h3)) as q3_fraction
    from value_ranges
    group by column_name
),
quartiles as (
    select
        c.column_name,
        q.q1_low + (q.q1_high - q.q1_low) * q.q1_fraction as q1,
        q.q3_low + (q.q3_high - q.q3_low) * q.q3_fraction as q3
    from (values ('quantity'), ('unit_price')) as c(column_name)
    left join quartile_values as q using (column_name)
),
fences as (
    select column_name, q1, q3, q3 - q1 as iqr, q1 - 1.5 * (q3 - q1) as lower_fence, q3 + 1.5 * (q3 - q1) as upper_fence
    from quartiles
),
outliers as (
    select 'quantity' as column_name,
           count(*) filter (where quantity < f.lower_fence) as outliers_below,
           count(*) filter (where quantity > f.upper_fence) as outliers_above
    from lines, (select * from fences where column_name = 'quantity') as f
    union all
    select 'unit_price',
           count(*) filter (where unit_price < f.lower_fence),
           count(*) filter (where unit_price > f.upper_fence)
    from lines, (select * from fences where column_name = 'unit_price') as f
)
select
    $refresh_id as refresh_id,
    profiles.column_position,
    profiles.column_name,
    profiles.source_column,
    profiles.data_type,
    profiles.non_null_count,
    profiles.null_count,
    round(100.0 * profiles.null_count / nullif(profiles.non_null_count + profiles.null_count, 0), 3) as null_percentage,
    profiles.distinct_count,
    profiles.min_value,
    profiles.max_value,
    fences.q1,
    fences.q3,
    fences.lower_fence,
    fences.upper_fence,
    outliers.outliers_below,
    outliers.outliers_above,
    case when fences.column_name is not null then
        'Tukey IQR fences over all staged lines: outlier when below Q1 - 1.5 x IQR or above Q3 + 1.5 x IQR (IQR = Q3 - Q1, quartiles interpolated)'
    end as outlier_rule
from profiles
left join fences using (column_name)
left join outliers using (column_name)
order by profiles.column_position;
