/**
 * A cell as the models produce it: dates and timestamps as ISO text, BIGINT ids as decimal strings.
 * The models return their tables as rows of cells; the model step writes them to the warehouse.
 */
export type Cell = string | number | boolean | null;
