// Runs the checker in Pyodide under Node as the simulator's worker runs it (docs/simulateur/
// worker.mjs: its archives unpacked without Python, its GLUE, the calls the page makes), over
// every case it is given, and reports which files of the standard library's zip were imported.
// Run by build_scripts/stdlib_cut.py, which documents why: with Pyodide's whole zip to find what
// the cut zip keeps, and by tests/test_stdlib_cut.py with the cut zip to check that nothing else
// is ever asked for.
//
//   node build_scripts/stdlib_run.mjs <pyodide folder> <stdlib zip> <worker.mjs> < input.json
//
// input.json: {checker, cohort (archive paths), cases: [{check, payload}], cohorts: [{check, csv}],
// compileTo?: a path}
// Prints one JSON line: {used: [members of the zip imported], missed: [modules no finder found],
// cases: [answers], cohorts: [answers], raised: text of a Python error that reached JavaScript}.
// With compileTo, also writes there a zip of the members used, compiled by this very Pyodide
// (after the report: compiling imports modules of its own).
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { gunzipSync } from "node:zlib";

const [pyodideDir, stdlib, workerPath] = process.argv.slice(2);
const input = JSON.parse(readFileSync(0, "utf-8"));
const { loadPyodide } = await import(resolve(pyodideDir, "pyodide.mjs"));
const pyodide = await loadPyodide({
  indexURL: resolve(pyodideDir) + "/",
  stdLibURL: resolve(stdlib),
  // PYTHONNODEBUGRANGES: no column positions in the code objects compiled (a third of their size).
  env: { HOME: "/home/pyodide", PYTHONNODEBUGRANGES: "1" },
  stdout: (line) => process.stderr.write(line + "\n"),
  stderr: (line) => process.stderr.write(line + "\n"),
});

// From here on, an import that no finder resolves is noted: with the cut zip, a module it lacks.
pyodide.runPython(`
import sys
class _MissedImports:
    missed = []
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        cls.missed.append(name)
        return None
sys.meta_path.append(_MissedImports)
`);

// The worker's own GLUE, so that what is measured is what runs.
const worker = readFileSync(workerPath, "utf-8");
const GLUE = /const GLUE = `([\s\S]*?)`;/.exec(worker)[1];
const CHECKER_DIR = /const CHECKER_DIR = "([^"]+)"/.exec(worker)[1];

// The worker's unpack: a gzip'd tar written straight into the file system.
function unpack(path) {
  const tar = gunzipSync(readFileSync(path));
  const text = new TextDecoder();
  const field = (at, length) => text.decode(tar.subarray(at, at + length)).replace(/\0[\s\S]*$/, "");
  for (let at = 0; at + 512 <= tar.length && tar[at] !== 0;) {
    const file = `${CHECKER_DIR}/${field(at, 100)}`;
    const size = parseInt(field(at + 124, 12).trim(), 8);
    pyodide.FS.mkdirTree(file.slice(0, file.lastIndexOf("/")));
    pyodide.FS.writeFile(file, tar.subarray(at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
}

unpack(input.checker);
const [evaluate, batch] = pyodide.runPython(GLUE).toJs();
pyodide.runPython("import sys; sys.version.split()[0]");
const cases = input.cases.map((c) => JSON.parse(evaluate(c.check, c.payload)));
unpack(input.cohort);
// As the page sends them: the file's bytes (decoded by the checker), the case fixed, the notes.
const cohorts = input.cohorts.map((c) => JSON.parse(batch(c.check, c.bytes ? new Uint8Array(c.bytes) : c.csv,
  c.lean === true, JSON.stringify(c.fixed || {}), c.lean === true)));
// A Python error that reaches JavaScript (a bug of the checker): Pyodide formats its traceback.
let raised = null;
try {
  pyodide.runPython("raise RuntimeError('essai')");
} catch (err) {
  raised = String(err.message).split("\n").at(-2) ?? String(err);
}

const report = pyodide.runPython(`
import json, sys
from importlib.machinery import ModuleSpec

def _zip_member(module):
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None) or ""
    zips = [p for p in sys.path if p.endswith(".zip")]
    for z in zips:
        if origin.startswith(z + "/"):
            return origin[len(z) + 1:]
    return None

json.dumps({"used": sorted({m for m in map(_zip_member, list(sys.modules.values())) if m}),
            "missed": sorted(set(_MissedImports.missed))})
`);
if (input.compileTo) {
  pyodide.globals.set("USED", JSON.parse(report).used);
  pyodide.runPython(`
import py_compile, sys, zipfile

# Unchecked hash: the .pyc is never compared with a source, since none is shipped. optimize=2
# (no docstrings, no asserts), as the checker's: 568 kB with brotli instead of 701 kB; the test
# (tests/test_stdlib_cut.py) runs every case with this very zip.
full = zipfile.ZipFile(next(p for p in sys.path if p.endswith(".zip")))
with zipfile.ZipFile("/tmp/cut.zip", "w", zipfile.ZIP_STORED) as cut:
    for name in USED:
        info = full.getinfo(name)
        with open("/tmp/source.py", "wb") as f:
            f.write(full.read(info))
        py_compile.compile("/tmp/source.py", cfile="/tmp/out.pyc", dfile=name, doraise=True, optimize=2,
                           invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
        member = zipfile.ZipInfo(name + "c", info.date_time)
        member.external_attr = info.external_attr
        with open("/tmp/out.pyc", "rb") as f:
            cut.writestr(member, f.read())
`);
  writeFileSync(input.compileTo, pyodide.FS.readFile("/tmp/cut.zip"));
}
process.stdout.write(JSON.stringify({ ...JSON.parse(report), cases, cohorts, raised }) + "\n");
