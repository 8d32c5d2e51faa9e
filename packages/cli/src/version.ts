import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** the CLI's version, from packages/cli/package.json */
export const VERSION: string = (require('../package.json') as { version: string }).version;
