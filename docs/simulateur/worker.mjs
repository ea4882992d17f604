// The checker on Pyodide, in a module worker (Pyodide 314 supports no other kind), so that
// Python never blocks the page. Started from the page's <head> (see overrides/simulateur/).
//
// The worker URL carries the wheel to load: worker.mjs?wheel=<url>&integrity=sha256-…
// The wheel is fetched while Pyodide boots, checked against its sha256, and unpacked into a
// folder put on sys.path: the checker is then imported as the CLI imports it.
//
// Messages in:  {id, check, payload}   payload = the situation as JSON text (the page serialises
//               it: a string crosses postMessage whatever the situation's depth)
// Messages out: {type: "ready", python}
//               {type: "failed", kind, status?, message}   kind: network | server | integrity |
//                                                           internal (the page words them)
//               {type: "progress", received, total, active}  bytes of the core files and wheel
//               {id, verdict} | {id, error, errors}   (the checker's SituationError: its
//               message and its list of problems, contract v1.1)
// Every message in gets an answer, even one that is not of this form; nothing it holds can
// make the worker throw.

const params = new URL(import.meta.url).searchParams;
const wheelUrl = new URL(params.get("wheel"), import.meta.url).href;
const integrity = params.get("integrity") || undefined;
const pyodideUrl = new URL("pyodide/", import.meta.url).href;
const MAX_PAYLOAD = 2 * 1024 * 1024; // characters of JSON (the page refuses more than 1 MB)

// Messages that come before Python is ready wait here.
const queue = [];
let evaluate = null;

self.addEventListener("message", (event) => {
  try {
    if (evaluate) answer(event.data);
    else queue.push(event.data);
  } catch (err) {
    reply(null, `Erreur interne du simulateur : ${describe(err)}`);
  }
});

const describe = (err) => String(err && err.message ? err.message : err);

function reply(id, body) {
  try {
    self.postMessage(typeof body === "string" ? { id, error: body } : { id, ...body });
  } catch (err) {
    self.postMessage({ id, error: `Erreur interne du simulateur : ${describe(err)}` });
  }
}

// A message as the page sends it, or the French reason it is not one.
function read(data) {
  if (data === null || typeof data !== "object") {
    return { problem: "message illisible (la situation est peut-être trop imbriquée)" };
  }
  const id = Object.hasOwn(data, "id") && Number.isSafeInteger(data.id) ? data.id : null;
  if (id === null) return { problem: "message sans numéro de demande" };
  const check = Object.hasOwn(data, "check") ? data.check : undefined;
  if (typeof check !== "string" || check.length > 40) return { id, problem: "check: attendu : score, eligibility ou deadlines" };
  let payload = Object.hasOwn(data, "payload") ? data.payload : undefined;
  if (payload === undefined && Object.hasOwn(data, "situation")) {
    try {
      payload = JSON.stringify(data.situation ?? null);
    } catch {
      return { id, problem: "situation : illisible (trop imbriquée ?)" };
    }
  }
  if (typeof payload !== "string") return { id, problem: "situation : absente" };
  if (payload.length > MAX_PAYLOAD) return { id, problem: "situation : trop volumineuse" };
  return { id, check, payload };
}

function answer(data) {
  const message = read(data);
  if (message.problem) {
    reply(message.id ?? null, message.problem);
    return;
  }
  let body;
  try {
    body = JSON.parse(evaluate(message.check, message.payload));
  } catch (err) {
    body = `Erreur interne du simulateur : ${describe(err)}`;
  }
  reply(message.id, body);
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
    except RecursionError:
        return json.dumps({"error": "situation: trop imbriquée"}, ensure_ascii=False)
    return json.dumps({"verdict": verdict}, ensure_ascii=False)

_cqp_evaluate
`;

// --- downloads: failures told apart at once, progress reported ---

class LoadError extends Error {
  constructor(kind, message, status) {
    super(message);
    this.kind = kind;
    this.status = status;
  }
}

const progress = { received: 0, total: 0, active: 0, sentAt: 0, timer: null };
function report(force = false) {
  const now = performance.now();
  if (!force && now - progress.sentAt < 200) {
    progress.timer ??= setTimeout(() => report(true), 200);
    return;
  }
  clearTimeout(progress.timer);
  progress.timer = null;
  progress.sentAt = now;
  if (!evaluate && !failed) {
    self.postMessage({ type: "progress", received: progress.received, total: progress.total, active: progress.active });
  }
}

// Every download of the boot goes through here (Pyodide calls the global fetch for its
// WebAssembly, standard library and lock file): an HTTP error fails at once, and each chunk
// received is counted, so that the page's watchdog judges progress, not time.
const nativeFetch = self.fetch.bind(self);
async function countedFetch(input, init) {
  const url = typeof input === "string" ? input : input.url;
  if (evaluate) return nativeFetch(input, init);
  // Waiting for the answer counts as downloading: a request that never answers is a stall.
  progress.active += 1;
  report(true);
  let response;
  try {
    response = await nativeFetch(input, init);
  } catch (err) {
    progress.active -= 1;
    const kind = init && init.integrity ? "integrity-or-network" : "network";
    fail(new LoadError(kind, describe(err)));
    throw err;
  }
  if (!response.ok || !response.body) {
    progress.active -= 1;
    if (!response.ok) fail(new LoadError("server", `${url}: HTTP ${response.status}`, response.status));
    return response;
  }
  progress.total += Number(response.headers.get("Content-Length")) || 0;
  report(true);
  const counter = new TransformStream({
    transform(chunk, controller) {
      progress.received += chunk.byteLength;
      report();
      controller.enqueue(chunk);
    },
    flush() {
      progress.active -= 1;
      report(true);
    },
  });
  return new Response(response.body.pipeThrough(counter), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
self.fetch = countedFetch;

async function fetchWheel() {
  // Checked here rather than by fetch's integrity option where the browser allows, so that a
  // wrong file is told apart from a network failure.
  const subtle = self.crypto && self.crypto.subtle;
  const response = await countedFetch(wheelUrl, subtle ? {} : { integrity });
  if (!response.ok) throw new LoadError("server", `${wheelUrl}: HTTP ${response.status}`, response.status);
  const bytes = await response.arrayBuffer();
  if (subtle && integrity) {
    const digest = new Uint8Array(await subtle.digest("SHA-256", bytes));
    const got = "sha256-" + btoa(String.fromCharCode(...digest));
    if (got !== integrity) throw new LoadError("integrity", `${wheelUrl}: ${got} != ${integrity}`);
  }
  return bytes;
}

async function boot() {
  const wheel = fetchWheel();
  wheel.catch(() => {}); // reported below, once Pyodide is up or has failed
  const { loadPyodide } = await import("./pyodide/pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL: pyodideUrl });
  pyodide.unpackArchive(await wheel, "wheel", { extractDir: "/home/pyodide/cqp-checker" });
  evaluate = pyodide.runPython(GLUE);
  self.fetch = nativeFetch;
  self.postMessage({ type: "ready", python: pyodide.runPython("import sys; sys.version.split()[0]") });
  for (const message of queue.splice(0)) {
    try {
      answer(message);
    } catch (err) {
      reply(null, `Erreur interne du simulateur : ${describe(err)}`);
    }
  }
}

// A script that could not be imported (pyodide.mjs, pyodide.asm.mjs) gives a bare TypeError
// naming its URL: asked again (HEAD), the server tells a missing file from a lost connection.
async function classify(err) {
  if (err instanceof LoadError) return err;
  const text = describe(err);
  const url = /(https?:\/\/[^\s"']+)/.exec(text);
  if (url && err instanceof TypeError) {
    try {
      const head = await nativeFetch(url[1], { method: "HEAD", cache: "no-store" });
      if (!head.ok) return new LoadError("server", `${url[1]}: HTTP ${head.status}`, head.status);
    } catch {
      return new LoadError("network", text);
    }
  }
  const network = err instanceof TypeError && /fetch|import|network|load/i.test(text);
  return new LoadError(network ? "network" : "internal", text);
}

let failed = false;
async function fail(reason) {
  if (evaluate || failed) return;
  failed = true;
  const err = await classify(reason);
  self.postMessage({ type: "failed", kind: err.kind, status: err.status, message: describe(err) });
}
// When its WebAssembly cannot be fetched, Pyodide logs the error and its promise never settles:
// the rejection surfaces here instead.
self.addEventListener("unhandledrejection", (event) => fail(event.reason));
self.addEventListener("error", (event) => fail(event.message));
boot().catch(fail);
