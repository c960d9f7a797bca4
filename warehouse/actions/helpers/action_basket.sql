-- Baskets with integer keys, shared by the rules and the recommendations: joins and counts on
-- integers are several times faster than on invoice numbers and stock codes. is_before marks
-- invoices before the evaluation cutoff (action_param). A basket row is in the 'all' scope when the
-- line keeps units after every cancellation (in_all), and in the 'before' scope when the invoice is
-- before the cutoff and the line kept units after the cancellations dated before it (in_before):
-- the out-of-time check must not see a cancellation that happened after its cutoff.
create or replace temp table action_invoice as
select
    invoice_no,
    row_number() over (order by invoice_no) as invoice_id,
    min(invoiced_at) < any_value(p.cutoff) as is_before,
    -- an invoice belongs to one customer; min() only makes that explicit
    min(customer_id) as customer_id,
    bool_or(units > 0) as in_all,
    bool_or(units_at_cutoff > 0) as in_before
from action_line, action_param as p
group by invoice_no;

create or replace temp table action_item as
select stock_code, row_number() over (order by stock_code) as item_id
from (select distinct stock_code from action_line);

create or replace temp table action_basket as
select
    i.invoice_id,
    any_value(i.is_before) as is_before,
    any_value(i.customer_id) as customer_id,
    t.item_id,
    bool_or(l.units > 0) as in_all,
    bool_or(l.units_at_cutoff > 0) as in_before
from action_line as l
join action_invoice as i using (invoice_no)
join action_item as t using (stock_code)
group by i.invoice_id, t.item_id;
