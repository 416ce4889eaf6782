import { main } from '../../src/cli/main.js';

main(process.argv).catch((error) => {
  process.stderr.write(`steward: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(70);
});
