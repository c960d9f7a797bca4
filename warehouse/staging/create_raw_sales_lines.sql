-- Every input line as text, before any parsing (see spec/staging.ts), and the sources they came from.
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

create or replace table raw_sources (
    source_file    varchar not null primary key,
    input_file     varchar not null,
    sheet_name     varchar,
    sheet_index    integer,
    file_format    varchar not null,
    compression    varchar not null,
    encoding       varchar,
    delimiter      varchar,
    header_layout  varchar not null,
    rows_read      bigint  not null,
    physical_lines bigint
);
