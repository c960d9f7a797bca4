export { refreshWarehouse, statusQuery } from './refresh-warehouse.js';
