-- Net purchase lines of known customers from the raw CSV, for trying the analytics on real data.
select
    CustomerID::double::bigint::varchar as customer_id,
    InvoiceNo as invoice_no,
    strftime(strptime(InvoiceDate, '%m/%d/%Y %H:%M'), '%Y-%m-%dT%H:%M:00Z') as invoiced_at,
    Quantity::integer * UnitPrice::decimal(18, 3) as amount,
    StockCode as product_id
from read_csv($file, header = true, all_varchar = true)
where CustomerID is not null
  and not starts_with(InvoiceNo, 'C')
