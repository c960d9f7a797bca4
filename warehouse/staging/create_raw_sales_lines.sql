-- Every input line as text, before any parsing (see spec/staging.ts).
create or replace table raw_sales_lines (
    source_file  varchar not null,
    line_number  bigint  not null,
    invoice_no   varchar,
    stock_code   varchar,
    description  varchar,
    quantity     varchar,
    invoice_date varchar,
    unit_price   varchar,
    customer_id  varchar,
    country      varchar
);
