#!/usr/bin/env node
// The `spanwise` command: runs the TypeScript CLI (src/cli) through tsx's ESM loader API, so
// there is no build step; tsx is a devDependency, installed by `npm install`.
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  console.error(
    `spanwise needs Node.js 22 or newer; this is ${process.version}.\n` +
      'From the repository, `npx spanwise …` runs it on the Node 24 that `npm install` provides.',
  );
  process.exit(2);
}
const { tsImport } = await import('tsx/esm/api');
const cli = await tsImport('../src/cli/index.ts', import.meta.url);
process.exitCode = await cli.main(process.argv.slice(2));
