#!/usr/bin/env node
// The `socket-workbench` command: runs the command line that `npm run build`
// writes (electron-vite puts it at out/main/cli.js, beside the app's main process).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write(
    'socket-workbench: the command line is not built yet; run "npm run build" in the checkout first.\n',
  );
  process.exit(2);
}
// The build is CommonJS, like the app's main process.
createRequire(import.meta.url)(built);
