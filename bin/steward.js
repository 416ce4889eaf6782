#!/usr/bin/env node
// The `steward` command. Runs the compiled CLI (built by `npm install` / `npm run build`).
import { main } from '../dist/cli/main.js';

main(process.argv).catch((error) => {
  process.stderr.write(`steward: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(70);
});
