// Builds the page scripts and stylesheets with esbuild, in one Node process (the build runs on
// every change under `mkdocs serve`). Reads JSON on stdin: {dir, modules, classic, options};
// writes JSON on stdout: {outputs: {output name: text}, entries: {source name: output name}}.
// The options and the names of the outputs are set in build_scripts/bundle.py, which runs this
// script.
import { build } from "esbuild";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { dir, modules, classic, options } = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const common = { ...options, absWorkingDir: dir, outdir: "out", write: false, metafile: true, logLevel: "silent" };
try {
  // ES modules and stylesheets: bundled, with the code two entries share split into chunks, so
  // that a page loads each piece once. A classic script (boot.js) is only minified: it runs as a
  // plain <script>, and its top-level names are the page's; it keeps its .js.
  const results = [
    await build({ ...common, entryPoints: modules, bundle: true, splitting: true, format: "esm" }),
    ...(classic.length ? [await build({ ...common, entryPoints: classic, bundle: false, outExtension: {} })] : []),
  ];
  const outputs = {};
  const entries = {};
  for (const result of results) {
    const texts = Object.fromEntries(result.outputFiles.map((f) => [f.path.slice(f.path.lastIndexOf("/") + 1), f.text]));
    for (const [path, meta] of Object.entries(result.metafile.outputs)) {
      const name = path.slice(path.lastIndexOf("/") + 1);
      outputs[name] = texts[name];
      if (meta.entryPoint) entries[meta.entryPoint] = name;
    }
  }
  process.stdout.write(JSON.stringify({ outputs, entries }));
} catch (err) {
  const messages = (err.errors || []).map((e) => `${e.location ? `${e.location.file}:${e.location.line}: ` : ""}${e.text}`);
  process.stderr.write((messages.length ? messages.join("\n") : String(err)) + "\n");
  process.exit(1);
}
