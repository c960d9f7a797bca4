export { tempDir } from '../../runtime/temp-dir.js';
