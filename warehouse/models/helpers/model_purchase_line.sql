-- The purchases every model reads, as they stood at a moment: sales lines of known customers invoiced
-- before `cutoff`, net of the units cancelled before `cutoff` (fact_cancellation.cancelled_at). A
-- cancellation dated after the cutoff had not happened yet, so it must not shrink (or remove) a line
-- a feature at that cutoff sees; fact_invoice_line.net_quantity nets all cancellations in the data.
-- Cancellations, adjustments, stock corrections (quantity <= 0), lines fully cancelled by then and
-- exact duplicate lines are left out; the duplicates because an exact copy of an earlier line is a
-- data-entry repeat, not a second purchase.
create or replace temp macro model_purchase_line_as_of(cutoff) as table
with cancelled_before as (
    select order_line_id, sum(quantity) as units
    from fact_cancellation
    where is_matched and cancelled_at < cutoff
    group by order_line_id
),
purchases as (
    select
        l.customer_id,
        l.invoice_no,
        l.stock_code,
        l.country,
        l.invoiced_at,
        l.quantity - coalesce(c.units, 0) as quantity,
        l.unit_price
    from fact_invoice_line as l
    left join cancelled_before as c on c.order_line_id = l.line_id
    where l.customer_id is not null
      and not l.is_cancellation
      and not l.is_adjustment
      and not l.is_duplicate
      and l.quantity > 0
      and l.invoiced_at < cutoff
)
select customer_id, invoice_no, stock_code, country, invoiced_at, quantity, (quantity * unit_price)::decimal(18, 3) as amount
from purchases
where quantity > 0;

-- Every purchase as of the end of the data (net of every matched cancellation): the labels, the
-- current scores, the segments and lifetime value read this.
-- A view, not a table: the step reads it twice, and scanning the fact is cheaper than materialising it.
create or replace temp view model_purchase_line as
select * from model_purchase_line_as_of('infinity'::timestamp);
