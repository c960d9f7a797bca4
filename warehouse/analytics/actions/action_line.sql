-- The lines every action reads: sale lines of products with the units that remain after matched
-- cancellations (fact_invoice_line.net_quantity). Cancellations, adjustments, stock corrections,
-- service codes, fully cancelled lines and exact duplicate lines (data-entry repeats, as in the
-- models) are left out. Guest lines stay: their invoices are baskets and their units are demand.
create or replace temp table action_line as
with lines as (
    select * from fact_invoice_line
),
sales as (
    select
        invoice_no,
        customer_id,
        stock_code,
        invoiced_at,
        invoiced_at::date as invoice_date,
        net_quantity as units,
        (net_quantity * unit_price)::decimal(18, 3) as amount
    from lines
    where not is_cancellation
      and not is_adjustment
      and not is_service
      and not is_duplicate
      and quantity > 0
      and net_quantity > 0
)
select * from sales;
