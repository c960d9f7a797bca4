-- Copies of the data set for the benchmark: copy k offsets customer ids by k x 100,000 and invoice
-- numbers by k x 1,000,000 (keeping the C/A prefix), and shifts dates by k mod 7 days.
with source as (
    select *, row_number() over () as line from read_csv($input, header = true, all_varchar = true)
),
copies as (
    select range as k from range(0, $factor::bigint)
)
select
    case
        when regexp_matches(InvoiceNo, '^[A-Za-z]')
            then left(InvoiceNo, 1) || (k * 1000000 + try_cast(substr(InvoiceNo, 2) as bigint))::varchar
        else (k * 1000000 + try_cast(InvoiceNo as bigint))::varchar
    end as InvoiceNo,
    StockCode,
    Description,
    Quantity,
    strftime(strptime(InvoiceDate, '%m/%d/%Y %H:%M') + to_days((k % 7)::integer), '%-m/%-d/%Y %-H:%M') as InvoiceDate,
    UnitPrice,
    case when CustomerID is null then null else (k * 100000 + try_cast(CustomerID as bigint))::varchar end as CustomerID,
    Country
from copies, source
order by k, line
