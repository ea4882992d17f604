// Compresses files with brotli (quality 11, the slowest and smallest) and gzip (level 9), with
// Node's own zlib: no package to pin. Run by build_scripts/precompress.py, which says why.
//
//   node build_scripts/precompress.mjs < [[source, output base], …]
//
// Writes <output base>.br and <output base>.gz for each source. Brotli 11 on Pyodide's
// WebAssembly alone takes about 40 s: the files are compressed on every core at once (zlib's
// asynchronous calls run on libuv's thread pool), the largest first, so that the others are done
// while it runs. Each output is written under a temporary name, then renamed: an interrupted build
// leaves no truncated file in the cache.
import { availableParallelism } from "node:os";
import { readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

async function compress([source, out]) {
  const bytes = readFileSync(source);
  const [br, gzipped] = await Promise.all([
    brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        // A 4 MB window (22 bits), not the largest (24): on Pyodide's WebAssembly, measured at
        // quality 11, 2,741,061 bytes against 2,766,607, for the same time.
        [constants.BROTLI_PARAM_LGWIN]: 22,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gz(bytes, { level: 9 }),
  ]);
  for (const [ext, data] of [[".br", br], [".gz", gzipped]]) {
    writeFileSync(out + ext + ".tmp", data);
    renameSync(out + ext + ".tmp", out + ext);
  }
}

const todo = JSON.parse(readFileSync(0, "utf-8"))
  .sort((a, b) => statSync(b[0]).size - statSync(a[0]).size);
async function worker() {
  for (let job = todo.shift(); job; job = todo.shift()) await compress(job);
}
await Promise.all(Array.from({ length: availableParallelism() }, worker));
