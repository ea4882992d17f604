// The simulator's page script: tabs, autosave, share links, import/export, evaluation,
// engine status. Python runs in the worker that overrides/simulateur/boot.html started;
// window.CQP is defined there. Forms ⇄ situations: form.mjs; verdicts: verdict.mjs.
import { collect, fill, pathOf, sameJSON, shown, switches, updateVisibility } from "./form.mjs";
import { problemsOf, problemText, renderVerdict, summaryOf } from "./verdict.mjs";

const root = document.querySelector("[data-cqp-sim]");
const CQP = window.CQP;
const STORAGE_KEY = CQP.storageKey; // versioned: a new format gets a new key

const tools = {}; // check -> {panel, form, seq, override, lastSituation}
for (const panel of root.querySelectorAll(".cqp-panel")) {
  const check = panel.dataset.check;
  tools[check] = { check, panel, form: panel.querySelector("form"), seq: 0, override: null };
}
let active = "eligibility";

// --- storage, share links ---

function readStore() {
  try {
    const data = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
    return data && data.version === 1 ? data : null;
  } catch {
    return null;
  }
}

function save() {
  const data = { version: 1, active, tools: {} };
  for (const t of Object.values(tools)) {
    data.tools[t.check] = { situation: t.override ?? collect(t.form), switches: switches(t.form) };
  }
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(data));
  } catch {
    /* private mode or quota: the page works without autosave */
  }
}

const b64url = {
  encode(text) {
    let bin = "";
    for (const byte of new TextEncoder().encode(text)) bin += String.fromCharCode(byte);
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  },
  decode(text) {
    const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  },
};

function shareUrl(check, situation) {
  const url = new URL(location.href);
  url.hash = "s=" + b64url.encode(JSON.stringify({ check, situation }));
  return url.href;
}

function fromHash() {
  const m = /^#s=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (!m) return null;
  try {
    const data = JSON.parse(b64url.decode(m[1]));
    if (data && tools[data.check] && data.situation && typeof data.situation === "object") return data;
  } catch {
    /* fall through */
  }
  return { invalid: true };
}

// --- tabs ---

function activate(check, focus = false) {
  active = check;
  document.documentElement.setAttribute("data-cqp-active", check); // see simulateur.css
  for (const tab of root.querySelectorAll('[role="tab"]')) {
    const on = tab.dataset.check === check;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    if (on && focus) tab.focus();
  }
  for (const t of Object.values(tools)) t.panel.hidden = t.check !== check;
}

function setupTabs() {
  const list = root.querySelector('[role="tablist"]');
  const tabs = [...list.querySelectorAll('[role="tab"]')];
  for (const t of Object.values(tools)) {
    const tab = tabs.find((b) => b.dataset.check === t.check);
    t.panel.setAttribute("role", "tabpanel");
    t.panel.setAttribute("aria-labelledby", tab.id);
    t.panel.tabIndex = -1;
  }
  list.hidden = false;
  list.addEventListener("click", (e) => {
    const tab = e.target.closest('[role="tab"]');
    if (tab) {
      activate(tab.dataset.check);
      save();
    }
  });
  list.addEventListener("keydown", (e) => {
    const i = tabs.findIndex((b) => b.dataset.check === active);
    const j = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (j === undefined) return;
    e.preventDefault();
    activate(tabs[(j + tabs.length) % tabs.length].dataset.check, true);
    save();
  });
}

// --- evaluation ---

function clearFieldErrors(form) {
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) {
    el.removeAttribute("aria-invalid");
    const ids = (el.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== `${el.id}-error`);
    if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
    else el.removeAttribute("aria-describedby");
  }
  for (const p of form.querySelectorAll(".cqp-field-error")) p.remove();
}

// The field at a problem's path ("blocks.B1.C1.1.jury", "members[0]"), or the nearest one.
function fieldFor(form, path) {
  const fields = [...form.querySelectorAll("[data-key]")]
    .filter((el) => shown(el) && el.type !== "hidden")
    .map((el) => [pathOf(el.dataset.key), el]);
  const hit =
    fields.find(([p]) => p === path) ||
    fields.find(([p]) => p.startsWith(path + ".") || p.startsWith(path + "[")) ||
    fields
      .filter(([p]) => path.startsWith(p + ".") || path.startsWith(p + "["))
      .sort((x, y) => y[0].length - x[0].length)[0];
  return hit ? hit[1] : null;
}

// Each problem is told next to its field, in the checker's French words (label and message).
function showFieldError(form, problem) {
  const field = fieldFor(form, problem.path);
  if (!field) return null;
  const existing = document.getElementById(`${field.id}-error`);
  if (existing) {
    existing.textContent += ` ${problemText(problem)}`;
    return field;
  }
  field.setAttribute("aria-invalid", "true");
  const p = Object.assign(document.createElement("p"), { className: "cqp-field-error", id: `${field.id}-error`, textContent: problemText(problem) });
  (field.closest(".cqp-field, td") || field.parentElement).append(p);
  field.setAttribute("aria-describedby", `${field.getAttribute("aria-describedby") || ""} ${p.id}`.trim());
  return field;
}

// Evaluations in flight, readable by tests and scripts (0 = every verdict shown is current).
let inFlight = 0;
root.dataset.pending = "0";
function pending(delta) {
  inFlight += delta;
  root.dataset.pending = String(inFlight);
}

async function evaluate(t, startedAt = performance.now()) {
  const situation = t.override ?? collect(t.form);
  t.lastSituation = situation;
  if (CQP.status !== "ready") return;
  const seq = ++t.seq;
  let verdict = null;
  let error = null;
  pending(+1);
  try {
    verdict = await CQP.evaluate(t.check, situation);
  } catch (err) {
    error = err;
  } finally {
    pending(-1);
  }
  if (seq !== t.seq) return; // a newer evaluation is on its way
  clearFieldErrors(t.form);
  if (error) for (const problem of problemsOf(error)) showFieldError(t.form, problem);
  // The printed recap (answers, date, referential) is recap.mjs's, on cqp:verdict.
  const box = t.panel.querySelector(".cqp-verdict");
  renderVerdict(box.querySelector(".cqp-verdict-details"), t.check, verdict, error, (path) => fieldFor(t.form, path),
    situation);
  const summary = box.querySelector(".cqp-verdict-summary");
  const text = summaryOf(t.check, verdict, error);
  if (summary.textContent !== text) {
    summary.replaceChildren(Object.assign(document.createElement("p"), { textContent: text }));
  }
  box.dataset.state = error ? "error" : "verdict";
  document.dispatchEvent(new CustomEvent("cqp:verdict", {
    detail: { check: t.check, ms: performance.now() - startedAt, verdict, error: error && error.message },
  }));
}

function onEdit(t, event) {
  const startedAt = performance.now();
  if (event && event.target.closest && event.target.closest("[data-action]")) return;
  t.override = null;
  updateVisibility(t.form);
  save();
  evaluate(t, startedAt);
}

// --- actions ---

const escapeHtml = (v) =>
  String(v).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

function note(t, html) {
  const p = t.panel.querySelector(".cqp-action-note");
  p.innerHTML = html;
}

function download(name, type, text) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function load(check, situation, { switchesSaved = null, from = "" } = {}) {
  const t = tools[check];
  fill(t.form, situation, switchesSaved);
  t.override = sameJSON(collect(t.form), situation) ? null : situation;
  if (t.override && from) {
    note(t, `${from} contient des éléments que le formulaire ne montre pas : le résultat porte sur la ` +
      "situation telle qu'elle a été transmise, jusqu'à votre prochaine modification.");
  }
}

async function act(t, action, input) {
  const situation = t.override ?? collect(t.form);
  if (action === "share") {
    const url = shareUrl(t.check, situation);
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      /* no clipboard (permissions, insecure context): the link is shown below */
    }
    note(t, `${copied ? "Lien copié." : "Copiez ce lien :"} <a class="cqp-share-link" href="${url}">Lien vers cette situation</a>` +
      ` <input class="cqp-share-input" readonly aria-label="Lien de partage" value="${url}">`);
  } else if (action === "export") {
    const day = new Date().toISOString().slice(0, 10);
    download(`cqp-${t.check}-${day}.json`, "application/json", JSON.stringify(situation, null, 2) + "\n");
    note(t, "Vos réponses sont enregistrées dans un fichier : « Importer » les reprendra.");
  } else if (action === "import") {
    const file = input.files[0];
    if (!file) return;
    try {
      const data = JSON.parse(await file.text());
      const wrapped = data && typeof data === "object" && tools[data.check] && data.situation;
      const check = wrapped ? data.check : t.check;
      const sit = wrapped ? data.situation : data;
      if (!sit || typeof sit !== "object" || Array.isArray(sit)) throw new Error("un objet JSON est attendu");
      activate(check);
      load(check, sit, { from: "Le fichier importé" });
      if (!tools[check].override) note(tools[check], `Situation importée depuis ${escapeHtml(file.name)}.`);
      save();
      evaluate(tools[check]);
    } catch (err) {
      note(t, `Import impossible (${escapeHtml(file.name)}) : ${escapeHtml(err.message)}`);
    }
    input.value = "";
  } else if (action === "print") {
    window.print();
  } else if (action === "reset") {
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      /* nothing stored */
    }
    for (const other of Object.values(tools)) {
      other.override = null;
      fill(other.form, {});
      note(other, "");
    }
    note(t, "Saisie effacée.");
    for (const other of Object.values(tools)) evaluate(other);
  }
}

// --- engine status ---

function engine(state, reason = "") {
  const box = root.querySelector(".cqp-engine");
  box.dataset.engine = state;
  const loading = box.querySelector(".cqp-engine-loading");
  const failed = box.querySelector(".cqp-engine-failed");
  failed.hidden = state !== "failed";
  loading.hidden = state === "failed";
  if (state === "ready") loading.textContent = `Moteur de calcul prêt (Python ${CQP.python}, dans votre navigateur).`;
  if (state === "loading") loading.textContent = "Chargement du moteur de calcul (Python dans votre navigateur)…";
  if (state === "failed") box.querySelector(".cqp-engine-reason").textContent = `(${reason})`;
}

// --- start ---

function start() {
  setupTabs();
  const stored = readStore();
  const shared = fromHash();
  if (stored) {
    for (const [check, s] of Object.entries(stored.tools || {})) {
      if (tools[check]) load(check, s.situation || {}, { switchesSaved: s.switches });
    }
    if (tools[stored.active]) active = stored.active;
  } else {
    for (const t of Object.values(tools)) updateVisibility(t.form);
  }
  if (shared && !shared.invalid) {
    load(shared.check, shared.situation, { from: "Le lien de partage" });
    active = shared.check;
  }
  activate(active);
  if (shared) {
    history.replaceState(null, "", location.pathname + location.search); // later edits win on reload
    if (shared.invalid) note(tools[active], "Le lien de partage est illisible : il a peut-être été tronqué.");
    else save();
  }

  for (const t of Object.values(tools)) {
    // `input` fires for every kind of field (text, select, checkbox), at each keystroke.
    t.form.addEventListener("input", (e) => onEdit(t, e));
    t.form.addEventListener("submit", (e) => e.preventDefault());
    t.panel.addEventListener("click", (e) => {
      const button = e.target.closest("button[data-action]");
      if (button) act(t, button.dataset.action);
    });
    t.panel.querySelector('input[data-action="import"]').addEventListener("change", (e) => act(t, "import", e.target));
  }
  root.querySelector('[data-action="retry"]').addEventListener("click", () => {
    engine("loading");
    CQP.retry();
  });

  const evaluateAll = () => {
    engine("ready");
    for (const t of Object.values(tools)) evaluate(t);
  };
  document.addEventListener("cqp:ready", evaluateAll);
  document.addEventListener("cqp:failed", (e) => engine("failed", e.detail.message));
  if (CQP.status === "ready") evaluateAll();
  else if (CQP.status === "failed") engine("failed", CQP.error);
}

start();
CQP.formsReadyAt = performance.now(); // read by build_scripts/bench_simulator.py
