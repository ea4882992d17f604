// Compiles the checker's wheel to bytecode with the very Pyodide the site serves, under Node:
// only Pyodide's own Python (3.14) writes .pyc files that Pyodide can load. Run by
// build_scripts/bytecode.py, which documents why and what goes where.
//
//   node build_scripts/bytecode.mjs <pyodide folder> <wheel> <output folder> <cohort-only modules>
//
// Writes <output folder>/checker.tar.gz and <output folder>/cohortes.tar.gz, and prints on stdout
// a JSON report: the modules in each archive.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const [pyodideDir, wheelPath, outDir, cohortOnly] = process.argv.slice(2);
const { loadPyodide } = await import(resolve(pyodideDir, "pyodide.mjs"));
// PYTHONNODEBUGRANGES: no column positions in the code objects (a third of their size); tracebacks
// keep their line numbers.
const pyodide = await loadPyodide({
  indexURL: resolve(pyodideDir) + "/",
  env: { HOME: "/home/pyodide", PYTHONNODEBUGRANGES: "1" },
  stdout: (line) => process.stderr.write(line + "\n"),
  stderr: (line) => process.stderr.write(line + "\n"),
});
pyodide.unpackArchive(new Uint8Array(readFileSync(wheelPath)), "wheel", { extractDir: "/wheel" });
pyodide.globals.set("COHORT_ONLY", cohortOnly.split(","));
const report = pyodide.runPython(`
import io, json, os, py_compile, sys, tarfile, zipfile

sys.path.insert(0, "/wheel")
STDLIB = zipfile.ZipFile(next(p for p in sys.path if p.endswith(".zip")))


def stdlib_imported(before):
    """Modules of the standard library's zip (sources, compiled at each import) imported since.
    Plain top-level modules only: a compiled package, or a module of one, would hide the rest of
    its package."""
    return sorted(name for name, module in sys.modules.items()
                  if name not in before and "." not in name
                  and (getattr(module, "__file__", None) or "").endswith(f".zip/{name}.py"))


before = set(sys.modules)
import checker
core_stdlib = stdlib_imported(before)
loaded = set(sys.modules)
for name in COHORT_ONLY:
    if "checker." + name in loaded:
        raise SystemExit(f"checker.{name} is imported with checker: it cannot be left to the cohorts")
for name in COHORT_ONLY:
    __import__("checker." + name)
cohort_stdlib = stdlib_imported(loaded)


def compiled(source, name):
    # Unchecked hash: the .pyc is never compared with a source, since none is shipped.
    py_compile.compile(source, cfile="/tmp/out.pyc", dfile=name, doraise=True, optimize=2,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    with open("/tmp/out.pyc", "rb") as f:
        return f.read()


def stdlib_source(name):
    path = "/tmp/" + name.replace(".", "_") + ".py"
    inner = sys.modules[name].__file__.split(".zip/", 1)[1]
    with open(path, "wb") as f:
        f.write(STDLIB.read(inner))
    return path, inner


def archive(path, members):
    # Fixed dates and owners: the same input gives the same bytes.
    with open(path, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz", compresslevel=9, format=tarfile.USTAR_FORMAT) as tar:
        for arcname, data in sorted(members.items()):
            if len(arcname.encode()) >= 100:  # the worker reads the name field only (no prefix)
                raise SystemExit(f"{arcname}: a name of 100 bytes or more")
            info = tarfile.TarInfo(arcname)
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            tar.addfile(info, io.BytesIO(data))


core, cohort = {}, {}
for root, _, files in os.walk("/wheel/checker"):
    for f in files:
        source = os.path.join(root, f)
        arcname = os.path.relpath(source, "/wheel")
        module = os.path.splitext(f)[0]
        if f == "__main__.py":
            continue  # the command line
        target = cohort if root == "/wheel/checker" and module in COHORT_ONLY else core
        if f.endswith(".py"):
            target[arcname + "c"] = compiled(source, arcname)
        else:
            with open(source, "rb") as data:
                target[arcname] = data.read()
for names, target in ((core_stdlib, core), (cohort_stdlib, cohort)):
    for name in names:
        source, inner = stdlib_source(name)
        target[os.path.splitext(inner)[0] + ".pyc"] = compiled(source, inner)
os.makedirs("/out", exist_ok=True)
archive("/out/checker.tar.gz", core)
archive("/out/cohortes.tar.gz", cohort)
json.dumps({"python": sys.version.split()[0], "checker": sorted(core), "cohortes": sorted(cohort)})
`);
for (const name of ["checker.tar.gz", "cohortes.tar.gz"]) {
  writeFileSync(resolve(outDir, name), pyodide.FS.readFile("/out/" + name));
}
process.stdout.write(report + "\n");
