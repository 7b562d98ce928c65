// Loaded before anything native: better-sqlite3 built for a newer Node crashes an older one
// with a bare "Segmentation fault", so an unsupported Node gets a message and exit 1 instead.
const MIN_MAJOR = 22;
const major = Number(process.versions.node.split('.')[0]);
if (major < MIN_MAJOR) {
  process.stderr.write(
    `keizoku needs Node.js ${MIN_MAJOR} or newer (24 recommended); this is Node.js ${process.versions.node}.\n` +
      'Run `. scripts/node24.sh` in this shell first (it installs Node 24 from the npm registry),\n' +
      'then `npm ci` again, or switch with your version manager (.nvmrc names 24).\n',
  );
  process.exit(1);
}
