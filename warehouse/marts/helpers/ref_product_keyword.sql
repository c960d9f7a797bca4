-- Keyword rules of the product classification (seed shipped with the code): one upper-case word per row.
create or replace temp table ref_product_keyword as
select *
from read_csv($path, header = true, auto_detect = false, quote = '"', columns = {
    'priority': 'INTEGER', 'category': 'VARCHAR', 'keyword': 'VARCHAR'
})
