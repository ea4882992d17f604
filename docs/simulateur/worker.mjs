// The checker on Pyodide, in a module worker (Pyodide 314 supports no other kind), so that
// Python never blocks the page. Started from the page's <head> (see overrides/simulateur/).
//
// The worker URL carries the wheel to load: worker.mjs?wheel=<url>&integrity=sha256-…
// The wheel is fetched while Pyodide boots, checked against its sha256, and unpacked into a
// folder put on sys.path: the checker is then imported as the CLI imports it.
//
// Messages in:  {id, check, situation}
//               {id, check, csv, lean?}   a cohort (contract v1.1): checker.evaluate_batch(check,
//               csv), answered as {id, verdict: [rows]} or {id, error} when the file cannot be
//               read; `lean` leaves each verdict's trace out (the cohort page does not show it,
//               and it is three quarters of the bytes)
// Messages out: {type: "ready", python} | {type: "failed", message}
//               {id, verdict} | {id, error, errors}   (the checker's SituationError: its message
//               and its list of problems, contract v1.1)

const params = new URL(import.meta.url).searchParams;
const wheelUrl = new URL(params.get("wheel"), import.meta.url).href;
const integrity = params.get("integrity") || undefined;
const pyodideUrl = new URL("pyodide/", import.meta.url).href;

// Messages that come before Python is ready wait here.
const queue = [];
let evaluate = null;
let batch = null;

self.addEventListener("message", (event) => {
  if (evaluate) answer(event.data);
  else queue.push(event.data);
});

function answer({ id, check, situation, csv, lean }) {
  let reply;
  try {
    reply = JSON.parse(typeof csv === "string" ? batch(String(check), csv, Boolean(lean))
      : evaluate(String(check), JSON.stringify(situation ?? null)));
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

def _cqp_batch(check, text, lean):
    try:
        rows = checker.evaluate_batch(check, text)
    except ValueError as err:  # CohortFileError: the file cannot be read
        return json.dumps({"error": str(err)}, ensure_ascii=False)
    if lean:
        for row in rows:
            row.get("verdict", {}).pop("trace", None)
    return json.dumps({"verdict": rows}, ensure_ascii=False)

(_cqp_evaluate, _cqp_batch)
`;

async function fetchWheel() {
  const response = await fetch(wheelUrl, { integrity });
  if (!response.ok) throw new Error(`${wheelUrl}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

async function boot() {
  const wheel = fetchWheel();
  wheel.catch(() => {}); // reported below, once Pyodide is up or has failed
  const { loadPyodide } = await import("./pyodide/pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL: pyodideUrl });
  pyodide.unpackArchive(await wheel, "wheel", { extractDir: "/home/pyodide/cqp-checker" });
  [evaluate, batch] = pyodide.runPython(GLUE).toJs();
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
