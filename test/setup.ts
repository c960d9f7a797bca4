import { installSdkLogging } from '../runtime/logging.js';

// Failures are asserted by the tests; the SDK's own log of them is noise here.
installSdkLogging('ERROR');
