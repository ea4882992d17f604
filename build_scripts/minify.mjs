// Minifies the simulator's scripts and stylesheets with esbuild, all in one Node process (the
// build runs on every change under `mkdocs serve`). Reads {name: source} as JSON on stdin,
// writes {name: minified} as JSON on stdout; the options per kind of file are in
// build_scripts/minify.py, which runs this script.
import { transform } from "esbuild";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { files, options } = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const names = Object.keys(files);
const outputs = await Promise.allSettled(
  names.map((name) => transform(files[name], { ...options[name], sourcefile: name })));
const failures = outputs.flatMap((o, i) => (o.status === "rejected" ? [`${names[i]}: ${o.reason.message}`] : []));
if (failures.length) {
  process.stderr.write(failures.join("\n") + "\n");
  process.exit(1);
}
process.stdout.write(JSON.stringify(Object.fromEntries(names.map((name, i) => [name, outputs[i].value.code]))));
