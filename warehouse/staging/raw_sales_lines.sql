-- Every input line as text, before any parsing (see raw_sales_lines.ts, raw_sources.ts and input_file_log.ts beside it), the sources they came from,
-- and what this refresh decided about each input file it was given.
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
    country      varchar,
    -- Physical lines the line covers when a quoted field holds line breaks (null: one line), and
    -- how many of the lines after its first read as sales lines of their own (see csv-structure.ts).
    spanned_lines integer,
    swallowed_sales_lines integer
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
    physical_lines bigint,
    blank_lines    bigint,
    content_sha256 varchar not null,
    loaded_by_refresh varchar not null
);

create or replace table input_file_log (
    refresh_id        varchar not null,
    input_file        varchar not null,
    content_sha256    varchar not null,
    bytes             bigint  not null,
    status            varchar not null,
    loaded_input_file varchar,
    loaded_by_refresh varchar,
    sources           integer not null,
    rows_read         bigint  not null,
    primary key (refresh_id, input_file)
);
