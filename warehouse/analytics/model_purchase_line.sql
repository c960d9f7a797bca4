-- The purchases every model reads: sales lines of known customers net of the units later cancelled
-- (fact_invoice_line.net_quantity, from the cancellation match). Cancellations, adjustments, stock
-- corrections (quantity <= 0), fully cancelled lines and exact duplicate lines are left out; the
-- duplicates because an exact copy of an earlier line is a data-entry repeat, not a second purchase.
-- A view, not a table: the step reads it twice, and scanning the fact is cheaper than materialising it.
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
        net_quantity as quantity,
        (net_quantity * unit_price)::decimal(18, 3) as amount
    from lines
    where customer_id is not null
      and not is_cancellation
      and not is_adjustment
      and not is_duplicate
      and quantity > 0
      and net_quantity > 0
)
select * from purchases;
