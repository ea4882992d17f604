// Dates as people write them, for what a form shows before and beside the engine: the weekday
// under a date field, the recap's dates, the cohort's printed sheets. Values themselves are read
// by the checker (Python, the field table of referentiels/site.yaml): the form sends the text as
// typed. The month and weekday names are the checker's (checker/french.py), through the page's
// configuration (build_scripts/simulator/assets.py), so that a date reads here as it does in a
// verdict.

// Day first with "/", "-" or "." between parts (15/06/2026, 15-06-2026, 15.06.2026), ISO
// (2026-06-15), or in words (15 juin 2026, 1er juin 2026), as the checker reads them. A day that
// does not exist (31/02/2026, month 13) is not a date.
const DAY_FIRST = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const IN_WORDS = /^(\d{1,2})(?:er)?\s+(\S+?)\.?\s+(\d{4})$/;

// Compared as the checker compares words: any case, accents apart.
const plain = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

let configured = null;
function names() {
  if (configured === null) {
    const tag = typeof document === "undefined" ? null : document.getElementById("cqp-config");
    const config = tag ? JSON.parse(tag.textContent) : {};
    configured = { months: config.months || [], weekdays: config.weekdays || [] };
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
    const month = names().months.map(plain).indexOf(name) + 1;
    return month ? isoOf(Number(year), month, Number(day)) : null;
  }
  return null;
}

// Today where the person is (local time, not UTC: at 15:30 in Tahiti it is already tomorrow in
// UTC), as an ISO date: the date printed on a sheet or put in a file's name.
export function today(now = new Date()) {
  return isoOf(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

// « lundi 1er juin 2026 »: a date with its weekday, as people check it against a calendar, written
// as the checker writes it (checker.french.long_date). "" for what is not a date.
export function longDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!m) return "";
  const [, year, month, day] = m.map(Number);
  if (!isoOf(year, month, day)) return "";
  const { months, weekdays } = names();
  // getUTCDay counts from Sunday; the checker's weekdays, as Python's, from Monday.
  const sunday = weekdays.length - 1;
  const weekday = weekdays[(new Date(Date.UTC(year, month - 1, day)).getUTCDay() + sunday) % weekdays.length];
  if (!weekday || !months[month - 1]) return "";
  return `${weekday} ${day === 1 ? "1er" : day} ${months[month - 1]} ${year}`;
}
