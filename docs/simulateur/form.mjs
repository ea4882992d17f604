// The forms as situations: where each field's value goes (data-key), which groups count
// (data-when), and back from a situation to the fields. How forms are annotated:
// build_scripts/simulator/forms.py.

// --- situation paths ---

export const segments = (key) => key.split("/").map((s) => (s.startsWith("#") ? Number(s.slice(1)) : s));
// The checker's name for the same place: blocks.B1.C1.1.jury, members[0].role.
export const pathOf = (key) =>
  segments(key).reduce((out, k) => (typeof k === "number" ? `${out}[${k}]` : out ? `${out}.${k}` : k), "");

export function getIn(obj, keys) {
  let cur = obj;
  for (const k of keys) {
    if (cur === null || typeof cur !== "object" || !(k in cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

export function setIn(obj, keys, value) {
  let cur = obj;
  keys.forEach((k, i) => {
    if (i === keys.length - 1) {
      cur[k] = value;
      return;
    }
    if (cur[k] === undefined || cur[k] === null || typeof cur[k] !== "object") {
      cur[k] = typeof keys[i + 1] === "number" ? [] : {};
    }
    cur = cur[k];
  });
}

// --- visibility of conditional groups ---

function conditionHolds(form, when) {
  return when.split(";").every((cond) => {
    const [id, values] = cond.split("=");
    const control = form.querySelector(`#${CSS.escape(id)}`);
    return control && !control.closest("[hidden]") && values.split("|").includes(control.value);
  });
}

export function updateVisibility(form) {
  // Document order: a group's controlling field is above it, so it is settled first.
  for (const group of form.querySelectorAll("[data-when]")) {
    group.hidden = !conditionHolds(form, group.dataset.when);
  }
}

export const shown = (el) => !el.closest("[hidden]");

// --- form -> situation ---

function parseNumber(text) {
  const t = text.trim().replace(/\s/g, "").replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : text.trim();
}

function parseDate(text) {
  const t = text.trim();
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  return fr ? `${fr[3]}-${fr[2].padStart(2, "0")}-${fr[1].padStart(2, "0")}` : t;
}

function valueOf(el) {
  switch (el.dataset.type) {
    case "bool":
      return el.checked;
    case "int":
    case "number":
      return el.value.trim() === "" ? undefined : parseNumber(el.value);
    case "date":
      return el.value.trim() === "" ? undefined : parseDate(el.value);
    case "text":
      return el.value.trim() === "" ? undefined : el.value.trim();
    default:
      return el.value === "" ? undefined : el.value;
  }
}

export function collect(form) {
  const situation = {};
  for (const group of form.querySelectorAll("[data-base]")) {
    if (shown(group) && getIn(situation, segments(group.dataset.base)) === undefined) {
      setIn(situation, segments(group.dataset.base), {});
    }
  }
  for (const el of form.querySelectorAll("[data-key]")) {
    if (!shown(el)) continue;
    const value = valueOf(el);
    if (value !== undefined) setIn(situation, segments(el.dataset.key), value);
  }
  return situation;
}

export function switches(form) {
  const out = {};
  for (const el of form.querySelectorAll("[data-switch]")) out[el.id] = el.value;
  return out;
}

// --- situation -> form ---

function inferred(el, situation) {
  for (const clause of el.dataset.infer.split(";")) {
    const [option, conds] = clause.split(":");
    const ok = !conds || conds.split(",").every((cond) => {
      const [key, expected] = cond.split("=");
      const value = getIn(situation, segments(key));
      return expected === undefined ? value !== undefined && value !== null : String(value) === expected;
    });
    if (ok) return option;
  }
  return null;
}

export function fill(form, situation, saved = null) {
  form.reset();
  for (const el of form.querySelectorAll("[data-switch]")) {
    if (saved && saved[el.id] !== undefined) el.value = saved[el.id];
    else if (el.dataset.infer) el.value = inferred(el, situation) ?? el.value;
  }
  for (const el of form.querySelectorAll("[data-key]")) {
    if (el.type === "hidden") continue;
    const value = getIn(situation, segments(el.dataset.key));
    if (value === undefined || value === null) continue;
    if (el.dataset.type === "bool") el.checked = value === true;
    else if (el.tagName === "SELECT") {
      if ([...el.options].some((o) => o.value === String(value))) el.value = String(value);
    } else el.value = typeof value === "object" ? JSON.stringify(value) : String(value);
  }
  updateVisibility(form);
}

// Keys of a restored situation that the form cannot show: the verdict then stays on the
// situation as given until the user edits the form.
export function sameJSON(x, y) {
  const norm = (v) => JSON.stringify(v, (k, val) =>
    val && typeof val === "object" && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val).sort(([p], [q]) => (p < q ? -1 : 1))) : val);
  return norm(x) === norm(y);
}
