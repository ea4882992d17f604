// The checker on Pyodide, in a module worker (Pyodide 314 supports no other kind), so that
// Python never blocks the page. Started from the page's <head> (see overrides/simulateur/).
//
// The worker URL carries the wheel to load: worker.mjs?wheel=<url>&integrity=sha256-…
// The wheel is fetched while Pyodide boots, checked against its sha256, and unpacked into a
// folder put on sys.path: the checker is then imported as the CLI imports it.
//
// Messages in:  {id, check, situation}
// Messages out: {type: "ready", python} | {type: "failed", message}
//               {id, verdict} | {id, error, errors}   (the checker's SituationError: its message
//               and its list of problems, contract v1.1)

const params = new URL(import.meta.url).searchParams;
const wheelUrl = new URL(params.get("wheel"), import.meta.url).href;
const integrity = params.get("integrity") || undefined;
// Pyodide's folder is named after its files' hash (build_scripts/simulator/assets.py).
const pyodideUrl = new URL(params.get("pyodide"), import.meta.url).href;

// Messages that come before Python is ready wait here.
const queue = [];
let evaluate = null;

self.addEventListener("message", (event) => {
  if (evaluate) answer(event.data);
  else queue.push(event.data);
});

function answer({ id, check, situation }) {
  let reply;
  try {
    reply = JSON.parse(evaluate(String(check), JSON.stringify(situation ?? null)));
  } catch (err) {
    reply = { error: `Erreur interne du simulateur : ${err && err.message ? err.message : err}` };
  }
  self.postMessage({ id, ...reply });
}

// Runs once, after the wheel is unpacked. Errors of the situation come back as the checker's
// own message (the CLI prints the same one on stderr).
const GLUE = `
import json, sys
sys.path.insert(0, "/home/pyodide/cqp-checker")
import checker

def _cqp_evaluate(check, payload):
    try:
        verdict = checker.evaluate(check, json.loads(payload))
    except checker.SituationError as err:
        return json.dumps({"error": str(err), "errors": err.errors}, ensure_ascii=False)
    return json.dumps({"verdict": verdict}, ensure_ascii=False)

_cqp_evaluate
`;

async function fetchWheel() {
  const response = await fetch(wheelUrl, { integrity });
  if (!response.ok) throw new Error(`${wheelUrl}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

async function boot() {
  const wheel = fetchWheel();
  wheel.catch(() => {}); // reported below, once Pyodide is up or has failed
  const { loadPyodide } = await import(new URL("pyodide.mjs", pyodideUrl).href);
  const pyodide = await loadPyodide({ indexURL: pyodideUrl });
  pyodide.unpackArchive(await wheel, "wheel", { extractDir: "/home/pyodide/cqp-checker" });
  evaluate = pyodide.runPython(GLUE);
  self.postMessage({ type: "ready", python: pyodide.runPython("import sys; sys.version.split()[0]") });
  for (const message of queue.splice(0)) answer(message);
}

let failed = false;
function fail(err) {
  if (evaluate || failed) return;
  failed = true;
  self.postMessage({ type: "failed", message: String(err && err.message ? err.message : err) });
}
// When its WebAssembly cannot be fetched, Pyodide logs the error and its promise never settles:
// the rejection surfaces here instead.
self.addEventListener("unhandledrejection", (event) => fail(event.reason));
self.addEventListener("error", (event) => fail(event.message));
boot().catch(fail);
