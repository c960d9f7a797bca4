import { runHistory } from './run_history.js';

export { runHistory };

export const OPERATIONS_TABLES = [runHistory];
