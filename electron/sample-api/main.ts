import { runSampleApiCli } from './cli';

// Entry point of `npm run sample-api`.
void runSampleApiCli(process.argv.slice(2));
