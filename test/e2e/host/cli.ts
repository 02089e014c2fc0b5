import { resolve } from 'node:path';
import { startTestHost } from './server';

// `npm run test-host`: serve the built renderer with the bridge over HTTP, for a browser by hand.
const port = Number(process.argv[2] ?? 5174);
const host = await startTestHost({ rendererDir: resolve('dist/renderer'), port });
process.stdout.write(`Test host on ${host.url} (demo API ${host.demo.apiBaseUrl}); packets go to ${host.packetsDir}\n`);
process.on('SIGINT', () => void host.close().then(() => process.exit(0)));
