-- Working tables of the cancellation match (see warehouse/CANCELLATIONS.md for the rule in words).
-- Only (customer, stock code) groups that hold a cancellation take part; each cancellation gets its
-- position within its group in time order, because cancellations of one group are matched one after
-- the other (an earlier cancellation uses up order quantity first).
create or replace temp table match_cancellations as
with cancellations as (
    select * from stg_sales_lines
    where is_cancellation and customer_id is not null and quantity < 0
)
select
    line_id,
    customer_id,
    stock_code,
    invoiced_at,
    -quantity as quantity,
    row_number() over (partition by customer_id, stock_code order by invoiced_at, line_id) as seq
from cancellations;

create or replace temp table match_orders as
with sales as (
    select * from stg_sales_lines
    where not is_cancellation and not is_adjustment and quantity > 0 and customer_id is not null
),
groups as (
    select distinct customer_id, stock_code from match_cancellations
)
select
    line_id,
    customer_id,
    stock_code,
    invoiced_at,
    quantity
from sales
semi join groups using (customer_id, stock_code);

create or replace temp table match_pairs (
    cancellation_line_id bigint,
    order_line_id bigint,
    quantity integer,
    match_no bigint
);
