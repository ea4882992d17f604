// Compresses files with brotli (quality 11, the slowest and smallest) and gzip (level 9), with
// Node's own zlib: no package to pin. Run by build_scripts/precompress.py, which says why.
//
//   node build_scripts/precompress.mjs < [[source, output base], …]
//
// Writes <output base>.br and <output base>.gz for each source.
import { readFileSync, writeFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

for (const [source, out] of JSON.parse(readFileSync(0, "utf-8"))) {
  const bytes = readFileSync(source);
  writeFileSync(out + ".br", brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }));
  writeFileSync(out + ".gz", gzipSync(bytes, { level: 9 }));
}
