-- Fallback of action_line.sql for a fact table without net_quantity (no cancellation match): sale
-- lines of products as they are, plus the cancellation lines of products with their negative units,
-- so that weekly demand is net of cancellations in the week they happen. Baskets read only the
-- positive lines.
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
        quantity as units,
        line_amount as amount
    from lines
    where not is_adjustment
      and not is_service
      and not is_duplicate
      and (quantity > 0 or is_cancellation)
)
select * from sales;
