// The checker on Pyodide, in a module worker (Pyodide 314 supports no other kind), so that
// Python never blocks the page. Started from the page's <head> (see overrides/simulateur/).
//
// The worker URL carries the checker's archives and where Pyodide is, with their sha256
// (computed at build time, build_scripts/simulator/assets.py): worker.<hash>.mjs?checker=<url>
// &checker.sri=sha256-…&cohort=<url>&cohort.sri=sha256-…&stdlib=<url>&stdlib.sri=sha256-…
// &pyodide=<folder>&sri.<core file>=sha256-…
// The archives hold the checker compiled to bytecode by Pyodide at build time
// (build_scripts/bytecode.py): Pyodide would otherwise compile its sources at every visit. The
// checker's is fetched while Pyodide boots, checked against its sha256, and unpacked into a folder
// put on sys.path: the checker is then imported as the CLI imports it. The cohorts' modules come
// with the first cohort. The core files Pyodide fetches are checked against theirs too.
// `cache=<name>` names the Cache Storage cache the service worker keeps the engine in
// (build_scripts/offline.py): asked once Python is ready, the worker puts there the files it has
// just downloaded and checked, so that keeping the engine offline downloads none of them again.
//
// Messages in:  {id, check, payload}   payload = the situation as JSON text (the page serialises
//               it: a string crosses postMessage whatever the situation's depth)
//               {type: "cache-engine", keep}   once Python is ready (docs/assets/javascripts/
//               offline.js, through CQP.cacheEngine): keep the engine's files in the cache, or
//               let them go; answered {type: "engine-cached", ok}
//               {id, check, csv, lean?, fixed?, notes?}   a cohort (contract v1.1, v1.2):
//               checker.evaluate_batch(check, csv, fixed={cqp, route, subject}), csv its text or
//               its bytes (Uint8Array), answered as {id, verdict: [rows]} or {id, error} when the file cannot be
//               read; `notes` (the cohort page's table) adds to each row its cells in words,
//               `table` (checker.cohort.table_row), and leaves out of each verdict everything
//               the table does not read (sentences, references, next steps, trace, display;
//               of a score, all but its figures: checker.cohort.table_figures);
//               `lean` leaves each verdict's trace and display out
// Messages out: {type: "ready", python}
//               {type: "failed", kind, status?, message, url?}   kind: network | server |
//               integrity | internal (the page words them); url: the file that was wrong or
//               missing, which the page has fetched again bypassing the HTTP cache before it
//               starts another worker (boot.js)
//               {type: "progress", received, total, active}  bytes of the core files and checker
//               {id, verdict} | {id, error, errors}   (the checker's SituationError: its
//               message and its list of problems, contract v1.1)
// Every message in gets an answer, even one that is not of this form; nothing it holds can
// make the worker throw.

const params = new URL(import.meta.url).searchParams;
const archives = {
  checker: { url: new URL(params.get("checker"), import.meta.url).href, sri: params.get("checker.sri") || undefined },
  cohort: { url: new URL(params.get("cohort"), import.meta.url).href, sri: params.get("cohort.sri") || undefined },
};
const CHECKER_DIR = "/home/pyodide/cqp-checker"; // also written in GLUE (kept free of substitutions)
// Pyodide's folder is named after its files' hash (build_scripts/simulator/assets.py).
const pyodideUrl = new URL(params.get("pyodide"), import.meta.url).href;
// The standard library cut to what runs (build_scripts/stdlib_cut.py), passed as stdLibURL.
const stdlibUrl = new URL(params.get("stdlib"), import.meta.url).href;
// sha256 of the core files Pyodide fetches (its WebAssembly, standard library, lock file), by URL.
const coreIntegrity = new Map(
  [...params].filter(([key]) => key.startsWith("sri.")).map(([key, value]) => [new URL(key.slice(4), pyodideUrl).href, value]));
if (params.get("stdlib.sri")) coreIntegrity.set(stdlibUrl, params.get("stdlib.sri"));
const MAX_PAYLOAD = 2 * 1024 * 1024; // characters of JSON (the page refuses more than 1 MB)
const engineCache = params.get("cache");

// Messages that come before Python is ready wait here.
const queue = [];
let evaluate = null;
let batch = null;
let pyodide = null;
let cohortModules = null; // the promise of the cohorts' archive, unpacked

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
  if (Object.hasOwn(data, "csv")) {
    const bytes = data.csv instanceof Uint8Array;
    if (typeof data.csv !== "string" && !bytes) return { id, problem: "tableau : texte attendu" };
    let fixed = {};
    for (const key of ["cqp", "route", "subject"]) {
      const value = data.fixed && typeof data.fixed === "object" ? data.fixed[key] : undefined;
      if (typeof value === "string" && value.length <= 200) fixed[key] = value;
    }
    return { id, check, csv: data.csv, lean: data.lean === true, notes: data.notes === true, fixed: JSON.stringify(fixed) };
  }
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
  if (data !== null && typeof data === "object" && data.type === "cache-engine") {
    cacheEngine(data.keep === true).then((ok) => self.postMessage({ type: "engine-cached", ok }));
    return;
  }
  const message = read(data);
  if (message.problem) {
    reply(message.id ?? null, message.problem);
    return;
  }
  if (message.csv !== undefined && !cohortReady) {
    // The cohorts' modules, at the first cohort: the simulator's first load does without them.
    withCohort().then(() => answer(data), (err) => reply(message.id, err.kind === "integrity"
      ? "Le simulateur a été mis à jour depuis l'ouverture de cette page : rechargez la page, puis réessayez."
      : "Une partie du simulateur, nécessaire aux cohortes, n'a pas pu être téléchargée : vérifiez la connexion, puis réessayez."));
    return;
  }
  let body;
  try {
    body = JSON.parse(message.csv !== undefined ? batch(message.check, message.csv, message.lean, message.fixed, message.notes)
      : evaluate(message.check, message.payload));
  } catch (err) {
    body = `Erreur interne du simulateur : ${describe(err)}`;
  }
  reply(message.id, body);
}

// Runs once, after the checker's archive is unpacked. Errors of the situation come back as the checker's
// own message (the CLI prints the same one on stderr).
const GLUE = `
import json, sys
sys.path.insert(0, "/home/pyodide/cqp-checker")
import checker

def _cqp_evaluate(check, payload):
    # The JSON text itself: the checker reads its numbers exactly (contract v1.2).
    try:
        verdict = checker.evaluate(check, payload)
    except checker.SituationError as err:
        # With the screen's wording of the problems, from the checker (explain.problems_display).
        return json.dumps({"error": str(err), "errors": err.errors,
                           "display": checker.explain.problems_display(err.errors)}, ensure_ascii=False)
    except RecursionError:
        return json.dumps({"error": "situation: trop imbriquée"}, ensure_ascii=False)
    return json.dumps({"verdict": verdict}, ensure_ascii=False)

def _cqp_batch(check, text, lean, fixed, notes):
    # lean: the traces (and the screen's display of a single result) are not even written (a third of a row's time, three quarters of its bytes).
    # notes: the cohort page's table. Each row gets "table", its cells in words
    # (checker.cohort.table_row), and its verdict keeps only what the table, the export's figures
    # and the procès-verbal read: no sentence, reference, next step, trace nor display is written
    # (half of a row's time; the printed sheets ask for whole verdicts when they are printed).
    # text: the CSV's text, or its bytes (a Uint8Array), decoded as the CLI decodes a file.
    from checker.explain import OPTIONAL
    if not isinstance(text, str):
        text = text.to_bytes()
    leave_out = OPTIONAL if notes else ("trace", "display") if lean else ()
    try:
        rows = checker.evaluate_batch(check, text, leave_out=leave_out, fixed=json.loads(fixed))
    except ValueError as err:  # CohortFileError: the file cannot be read
        message = str(err)
        if notes:  # shown on the page: typeset as the checker's sentences are
            message = checker.french.typeset(message)
        return json.dumps({"error": message}, ensure_ascii=False)
    if notes:
        from checker.cohort import table_figures, table_row
        for row in rows:
            row["table"] = table_row(check, row)
            if check == "score" and "verdict" in row:
                row["verdict"] = table_figures(row["verdict"])
    return json.dumps({"verdict": rows}, ensure_ascii=False)

(_cqp_evaluate, _cqp_batch)
`;

// --- downloads: failures told apart at once, progress reported ---

class LoadError extends Error {
  constructor(kind, message, status, url) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.url = url;
  }
}

// The bytes the boot receives, decompressed (build_scripts/simulator/assets.py): a host that
// compresses sends a Content-Length of the compressed bytes, while the stream counts decompressed
// ones, so that the bar would be full a third of the way.
const bootBytes = Number(params.get("boot.bytes")) || 0;
const progress = { received: 0, total: bootBytes, active: 0, sentAt: 0, timer: null };
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
async function countedFetch(input, init, { quiet = false } = {}) {
  // Pyodide passes a string or a URL object.
  const url = input instanceof Request ? input.url : String(input);
  if (evaluate) return nativeFetch(input, init);
  // A core file is checked as it streams (WebAssembly compiles while it downloads, which fetch's
  // integrity option would prevent: it holds the body until the whole file is checked); without
  // crypto.subtle (a page not served securely), fetch checks it.
  const sri = coreIntegrity.get(new URL(url, self.location.href).href);
  const subtle = self.crypto && self.crypto.subtle;
  if (sri && !subtle && !(init && init.integrity)) init = { ...init, integrity: sri };
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
    if (!response.ok && !quiet) fail(new LoadError("server", `${url}: HTTP ${response.status}`, response.status, url));
    return response;
  }
  if (!bootBytes) progress.total += Number(response.headers.get("Content-Length")) || 0;
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
  if (sri && subtle) {
    // Pyodide gets the browser's own response, a copy of it is counted and checked: the browser
    // keeps the code WebAssembly compiles from a response it fetched (its URL, its HTTP or
    // Cache Storage entry), so that the next visit does not compile it again; from a response
    // rebuilt here, it keeps nothing.
    const copy = response.clone();
    const check = verify(copy.body.pipeThrough(counter), sri, url).then((bytes) => hold(url, bytes, response));
    check.catch((err) => { // at once: Pyodide may never settle on a file it cannot use
      checkFailed(err);
      fail(err);
    });
    coreChecks.push(check);
    return response;
  }
  return new Response(response.body.pipeThrough(counter), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
self.fetch = countedFetch;

// The core files' checks: Python is ready only once they all passed.
const coreChecks = [];
async function verify(stream, sri, url) {
  const bytes = await new Response(stream).arrayBuffer();
  const got = "sha256-" + btoa(String.fromCharCode(...new Uint8Array(await self.crypto.subtle.digest("SHA-256", bytes))));
  if (got !== sri) throw new LoadError("integrity", `${url}: ${got} != ${sri}`, undefined, url);
  return bytes;
}

// --- the engine kept offline without a second download ---
//
// The service worker keeps the engine (Pyodide's files, the checker, this worker) once the
// simulator has been used; fetching them again would download them a second time wherever the
// host sends no caching header. The files downloaded and checked here are held until the page
// says (CQP.cacheEngine, once the service worker is registered) whether to put them in its
// engine cache, and let go then, or after HOLD_MS at the latest on a page that keeps nothing
// offline (an embed, a browser without service workers).
const HOLD_MS = 60000;
const held = new Map(); // url → {bytes, type}
let holdTimer = null;
const keeping = engineCache && self.caches && self.crypto && self.crypto.subtle;
function hold(url, bytes, response) {
  if (!keeping) return;
  const file = [new URL(url, self.location.href).href, { bytes, type: response.headers.get("Content-Type") }];
  if (engineKept) putInEngineCache(new Map([file])).catch(() => {}); // else the service worker fetches it
  else held.set(...file);
}

// Pyodide's two scripts were imported, not fetched, and so was this worker: their bytes are read
// again from the HTTP cache the imports have just filled (force-cache: no request when it holds
// them), and checked, Pyodide's against their sha256, this worker against the hash in its name.
async function readImported(url, check) {
  const response = await nativeFetch(url, { cache: "force-cache" });
  if (!response.ok) return null;
  const bytes = await response.arrayBuffer();
  const digest = new Uint8Array(await self.crypto.subtle.digest("SHA-256", bytes));
  return check(digest) ? { bytes, type: response.headers.get("Content-Type") } : null;
}

// Once the engine is kept, a file fetched later (the cohorts' archive) is kept as it arrives.
let engineKept = false;
async function putInEngineCache(files) {
  const cache = await self.caches.open(engineCache);
  for (const [url, { bytes, type }] of files) {
    if (await cache.match(url)) continue; // kept by an earlier visit
    await cache.put(url, new Response(bytes, { headers: type ? { "Content-Type": type } : {} }));
  }
}

async function cacheEngine(keep) {
  clearTimeout(holdTimer);
  const files = new Map(held);
  held.clear();
  if (!keep || !keeping || !evaluate) return false;
  try {
    const base64 = (digest) => "sha256-" + btoa(String.fromCharCode(...digest));
    for (const name of ["pyodide.mjs", "pyodide.asm.mjs"]) {
      const url = new URL(name, pyodideUrl).href;
      const sri = coreIntegrity.get(url);
      const file = sri && await readImported(url, (digest) => base64(digest) === sri);
      if (file) files.set(url, file);
    }
    // This worker's own sha256 is in its query (build_scripts/simulator/assets.py); it is kept
    // without its query, as the service worker lists it.
    const self_ = new URL(import.meta.url);
    const ownSri = params.get("self.sri");
    const file = ownSri && await readImported(self_.href, (digest) => base64(digest) === ownSri);
    if (file) files.set(self_.origin + self_.pathname, file);
    await putInEngineCache(files);
    engineKept = true;
    return true;
  } catch (err) {
    return false; // the service worker downloads what is missing
  }
}

async function fetchArchive({ url, sri }) {
  // Checked here rather than by fetch's integrity option where the browser allows, so that a
  // wrong file is told apart from a network failure.
  const subtle = self.crypto && self.crypto.subtle;
  const once = async (cache) => {
    const response = await countedFetch(url, { ...(subtle ? {} : { integrity: sri }), cache }, { quiet: true });
    if (!response.ok) throw new LoadError("server", `${url}: HTTP ${response.status}`, response.status, url);
    const bytes = await response.arrayBuffer();
    if (subtle && sri) {
      const digest = new Uint8Array(await subtle.digest("SHA-256", bytes));
      const got = "sha256-" + btoa(String.fromCharCode(...digest));
      if (got !== sri) throw new LoadError("integrity", `${url}: ${got} != ${sri}`, undefined, url);
    }
    return { bytes, response };
  };
  let got;
  try {
    got = await once("default");
  } catch (err) {
    // A wrong answer the HTTP cache kept (an error page, another build's file) is asked for
    // again from the server itself, once; the new answer replaces the kept one.
    if (!(err instanceof LoadError) || err.kind === "network") throw err;
    got = await once("reload");
  }
  if (subtle && sri) hold(url, got.bytes, got.response);
  return got.bytes;
}

// An archive of build_scripts/bytecode.py, a gzip'd tar of plain files with short names, written
// straight into Pyodide's file system: Pyodide's own unpackArchive would import (and so compile)
// tarfile and gzip first, which costs more than the bytecode saves.
async function unpack(bytes) {
  if (typeof DecompressionStream !== "function") {
    pyodide.unpackArchive(bytes, "gztar", { extractDir: CHECKER_DIR });
    return;
  }
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  const tar = new Uint8Array(await new Response(stream).arrayBuffer());
  const text = new TextDecoder();
  const field = (at, length) => text.decode(tar.subarray(at, at + length)).replace(/\0[\s\S]*$/, "");
  // A header block of 512 bytes (the name at 0, the size in octal at 124), then the file's
  // blocks; a block of zeros ends the archive.
  for (let at = 0; at + 512 <= tar.length && tar[at] !== 0;) {
    const path = `${CHECKER_DIR}/${field(at, 100)}`;
    const size = parseInt(field(at + 124, 12).trim(), 8);
    pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    pyodide.FS.writeFile(path, tar.subarray(at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
}

let cohortReady = false;
function withCohort() {
  cohortModules ??= fetchArchive(archives.cohort).then(unpack).then(() => { cohortReady = true; },
    (err) => {
      cohortModules = null; // asked again with the next cohort
      throw err;
    });
  return cohortModules;
}

async function boot() {
  const checker = fetchArchive(archives.checker);
  checker.catch(fail); // at once: the boot would otherwise wait for Pyodide to tell it
  const { loadPyodide } = await import(new URL("pyodide.mjs", pyodideUrl).href);
  pyodide = await loadPyodide({ indexURL: pyodideUrl, stdLibURL: stdlibUrl });
  await Promise.all(coreChecks);
  await unpack(await checker);
  [evaluate, batch] = pyodide.runPython(GLUE).toJs();
  self.fetch = nativeFetch;
  self.postMessage({ type: "ready", python: pyodide.runPython("import sys; sys.version.split()[0]") });
  holdTimer = setTimeout(() => held.clear(), HOLD_MS);
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
      if (!head.ok) return new LoadError("server", `${url[1]}: HTTP ${head.status}`, head.status, url[1]);
    } catch {
      return new LoadError("network", text);
    }
  }
  const network = err instanceof TypeError && /fetch|import|network|load/i.test(text);
  // The script's URL goes with it: what the import got may be a wrong answer the HTTP cache keeps.
  return new LoadError(network ? "network" : "internal", text, undefined, url ? url[1] : undefined);
}

let failed = false;
let checkFailed;
const aCheckFailed = new Promise((resolve) => { checkFailed = resolve; });
async function fail(reason) {
  if (evaluate || failed) return;
  failed = true;
  let err = await classify(reason);
  if (err.kind === "internal") {
    // A core file that fails its check may break Pyodide (an unreadable lock file) before its
    // check ends: a check that fails within a moment says what really went wrong.
    err = (await Promise.race([aCheckFailed, new Promise((resolve) => setTimeout(resolve, 2000))])) || err;
  }
  self.postMessage({ type: "failed", kind: err.kind, status: err.status, message: describe(err), url: err.url });
}
// When its WebAssembly cannot be fetched, Pyodide logs the error and its promise never settles:
// the rejection surfaces here instead.
self.addEventListener("unhandledrejection", (event) => fail(event.reason));
self.addEventListener("error", (event) => fail(event.message));
boot().catch(fail);
