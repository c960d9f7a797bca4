-- The lines every action reads: sale lines of products with the units that remain after matched
-- cancellations. Cancellations, adjustments, stock corrections, service codes, fully cancelled lines
-- and exact duplicate lines (data-entry repeats, as in the models) are left out. Guest lines stay:
-- their invoices are baskets and their units are demand.
-- Two unit counts: `units` nets every matched cancellation in the data (fact_invoice_line.net_quantity:
-- what the published rules, recommendations and demand read); `units_at_cutoff`, for lines invoiced
-- before the evaluation cutoff (action_param), nets only the cancellations dated before that cutoff,
-- because the out-of-time recommendation check must see the baskets as they stood then (a later
-- cancellation had not happened yet). A line cancelled in full after the cutoff stays with units 0.
create or replace temp table action_line as
with params as (
    select * from action_param
),
lines as (
    select * from fact_invoice_line
),
cancelled_before as (
    select c.order_line_id, sum(c.quantity) as units
    from fact_cancellation as c, params as p
    where c.is_matched and c.cancelled_at < p.cutoff
    group by c.order_line_id
),
sales as (
    select
        l.invoice_no,
        l.customer_id,
        l.stock_code,
        l.invoiced_at,
        l.invoiced_at::date as invoice_date,
        l.net_quantity as units,
        case when l.invoiced_at < p.cutoff then l.quantity - coalesce(c.units, 0) end as units_at_cutoff,
        (l.net_quantity * l.unit_price)::decimal(18, 3) as amount
    from lines as l
    left join cancelled_before as c on c.order_line_id = l.line_id, params as p
    where not l.is_cancellation
      and not l.is_adjustment
      and not l.is_service
      and not l.is_duplicate
      and l.quantity > 0
)
select * from sales
where units > 0 or units_at_cutoff > 0;
