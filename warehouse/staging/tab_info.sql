-- Data-quality profile of the staged input columns: type, nulls, distinct values, range, and for
-- quantity and unit price the outliers outside Tukey's IQR fences.
create or replace table tab_info as
with lines as (
    select * from stg_sales_lines
),
profiles as (
    select 1 as column_position, 'invoice_no' as column_name, 'InvoiceNo' as source_column, any_value(typeof(invoice_no)) as data_type,
           count(invoice_no) as non_null_count, count(*) - count(invoice_no) as null_count, count(distinct invoice_no) as distinct_count,
           min(invoice_no)::varchar as min_value, max(invoice_no)::varchar as max_value
    from lines
    union all
    select 2, 'stock_code', 'StockCode', any_value(typeof(stock_code)), count(stock_code), count(*) - count(stock_code),
           count(distinct stock_code), min(stock_code)::varchar, max(stock_code)::varchar
    from lines
    union all
    select 3, 'description', 'Description', any_value(typeof(description)), count(description), count(*) - count(description),
           count(distinct description), min(description)::varchar, max(description)::varchar
    from lines
    union all
    select 4, 'quantity', 'Quantity', any_value(typeof(quantity)), count(quantity), count(*) - count(quantity),
           count(distinct quantity), min(quantity)::varchar, max(quantity)::varchar
    from lines
    union all
    select 5, 'invoiced_at', 'InvoiceDate', any_value(typeof(invoiced_at)), count(invoiced_at), count(*) - count(invoiced_at),
           count(distinct invoiced_at), min(invoiced_at)::varchar, max(invoiced_at)::varchar
    from lines
    union all
    select 6, 'unit_price', 'UnitPrice', any_value(typeof(unit_price)), count(unit_price), count(*) - count(unit_price),
           count(distinct unit_price), min(unit_price)::varchar, max(unit_price)::varchar
    from lines
    union all
    select 7, 'customer_id', 'CustomerID', any_value(typeof(customer_id)), count(customer_id), count(*) - count(customer_id),
           count(distinct customer_id), min(customer_id)::varchar, max(customer_id)::varchar
    from lines
    union all
    select 8, 'country', 'Country', any_value(typeof(country)), count(country), count(*) - count(country),
           count(distinct country), min(country)::varchar, max(country)::varchar
    from lines
),
quartiles as (
    select 'quantity' as column_name, quantile_cont(quantity, 0.25)::double as q1, quantile_cont(quantity, 0.75)::double as q3 from lines
    union all
    select 'unit_price', quantile_cont(unit_price, 0.25)::double, quantile_cont(unit_price, 0.75)::double from lines
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
