-- Products by stock code, with one description chosen by rule and a category from keyword rules
-- (warehouse/reference/product-categories.csv; see warehouse/reference/README.md).
create or replace table dim_product as
-- Not materialized: DuckDB copies a CTE that is used more than once, and a copy of every line
-- cost more time and memory than reading the table in place (at 100x, 23 s and 3 GB in dim_product).
with lines as not materialized (
    select * from stg_sales_lines
),
descriptions as (
    -- descriptions written on real sales (positive quantity and price) rank before stock notes
    -- such as "damaged" or "?" that appear on corrections
    select
        stock_code,
        description,
        bool_or(not is_cancellation and quantity > 0 and unit_price > 0) as on_sale,
        count(*) as uses,
        max(invoiced_at) as last_used_at,
        max(line_id) as last_line_id
    from lines
    where description is not null
    group by stock_code, description
),
canonical as (
    select
        stock_code,
        arg_max(description, struct_pack(on_sale := on_sale, uses := uses, last_used_at := last_used_at, last_line_id := last_line_id)) as description,
        count(*) as description_count
    from descriptions
    group by stock_code
),
products as (
    select
        stock_code,
        bool_or(is_service) as is_service,
        min(invoiced_at) filter (where not is_cancellation) as first_sold_at,
        max(invoiced_at) filter (where not is_cancellation) as last_sold_at
    from lines
    group by stock_code
),
-- The median price of real sales, found from how often each price occurs: median() keeps every
-- line's price in memory, which does not spill, while a product has only a few distinct prices.
-- With n prices in order (0-based), the median is the mean of those at (n - 1) // 2 and n // 2.
price_counts as (
    select stock_code, unit_price, count(*) as n
    from lines
    where not is_cancellation and quantity > 0 and unit_price > 0
    group by all
),
price_ranges as (
    select
        stock_code,
        unit_price,
        sum(n) over (partition by stock_code order by unit_price) - n as first_position,
        sum(n) over (partition by stock_code order by unit_price) - 1 as last_position,
        sum(n) over (partition by stock_code) as prices
    from price_counts
),
typical_prices as (
    select
        stock_code,
        (any_value(unit_price::double) filter (where (prices - 1) // 2 between first_position and last_position)
            + any_value(unit_price::double) filter (where prices // 2 between first_position and last_position)) / 2 as typical_unit_price
    from price_ranges
    group by stock_code
),
words as (
    select distinct stock_code, unnest(string_split(regexp_replace(upper(description), '[^A-Z0-9-]+', ' ', 'g'), ' ')) as word
    from canonical
),
categorised as (
    -- the matching keyword of the highest-priority category decides
    select w.stock_code, arg_min(k.category, struct_pack(priority := k.priority, keyword := k.keyword)) as category, arg_min(k.keyword, struct_pack(priority := k.priority, keyword := k.keyword)) as keyword
    from words as w
    join ref_product_keyword as k on k.keyword = w.word
    group by w.stock_code
)
select
    p.stock_code,
    c.description,
    coalesce(c.description_count, 0)::integer as description_count,
    p.is_service,
    case
        when p.is_service then 'Service and fees'
        else coalesce(k.category, 'Other')
    end as category,
    case when not p.is_service then k.keyword end as category_keyword,
    p.first_sold_at,
    p.last_sold_at,
    t.typical_unit_price::decimal(18, 3) as typical_unit_price
from products as p
left join typical_prices as t using (stock_code)
left join canonical as c using (stock_code)
left join categorised as k using (stock_code)
order by p.stock_code;
