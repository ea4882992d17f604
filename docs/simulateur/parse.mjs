// Dates as people write them, for what a form shows before and beside the engine: the weekday
// under a date field, the recap's dates. Values themselves are read by the checker (Python, the
// field table of referentiels/site.yaml): the form sends the text as typed. The month names come
// from the same place, through the page's configuration (build_scripts/simulator/assets.py).

// Day first with "/", "-" or "." between parts (15/06/2026, 15-06-2026, 15.06.2026), ISO
// (2026-06-15), or in words (15 juin 2026, 1er juin 2026), as the checker reads them. A day that
// does not exist (31/02/2026, month 13) is not a date.
const DAY_FIRST = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const IN_WORDS = /^(\d{1,2})(?:er)?\s+(\S+?)\.?\s+(\d{4})$/;

// Compared as the checker compares words: any case, accents apart.
const plain = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

let configured = null;
function months() {
  if (configured === null) {
    const tag = typeof document === "undefined" ? null : document.getElementById("cqp-config");
    configured = ((tag && JSON.parse(tag.textContent).months) || []).map(plain);
  }
  return configured;
}

function isoOf(year, month, day) {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function parseDate(text) {
  const t = String(text).trim();
  const fr = DAY_FIRST.exec(t);
  if (fr) {
    const [, day, , month, year] = fr.map(Number);
    return isoOf(year, month, day);
  }
  const iso = ISO.exec(t);
  if (iso) {
    const [, year, month, day] = iso.map(Number);
    return isoOf(year, month, day);
  }
  const words = IN_WORDS.exec(plain(t));
  if (words) {
    const [, day, name, year] = words;
    const month = months().indexOf(name) + 1;
    return month ? isoOf(Number(year), month, Number(day)) : null;
  }
  return null;
}

// Today where the person is (local time, not UTC: at 15:30 in Tahiti it is already tomorrow in
// UTC), as an ISO date: the date printed on a sheet or put in a file's name.
export function today(now = new Date()) {
  return isoOf(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

// "lundi 15 juin 2026": a date with its weekday, as people check it against a calendar.
export function longDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!m) return "";
  const [, year, month, day] = m.map(Number);
  const d = new Date(Date.UTC(year, month - 1, day));
  const text = d.toLocaleDateString("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  // French writes the first of the month as an ordinal: « mercredi 1er juillet 2026 ».
  return text.replace(/^(\S+) 1 /, "$1 1er ");
}
