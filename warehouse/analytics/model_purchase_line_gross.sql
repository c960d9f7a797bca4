-- Fallback of model_purchase_line.sql for a fact table without net_quantity (no cancellation match):
-- gross sales lines of known customers; cancellations, adjustments, stock corrections and exact
-- duplicate lines are left out.
create or replace temp view model_purchase_line as
with lines as (
    select * from fact_invoice_line
),
purchases as (
    select
        customer_id,
        invoice_no,
        stock_code,
        country,
        invoiced_at,
        quantity,
        line_amount as amount
    from lines
    where customer_id is not null
      and not is_cancellation
      and not is_adjustment
      and not is_duplicate
      and quantity > 0
)
select * from purchases;
