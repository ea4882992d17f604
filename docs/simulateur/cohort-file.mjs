// A cohort file before the checker reads it: what can be told without Python (too big, empty,
// a workbook, not text, too many rows), its bytes decoded as the checker decodes them, cells pasted from a spreadsheet turned into CSV, the
// header's columns (to name a problem's column), and the file cut into slices of rows so that
// the table fills in with a progress bar. The CSV itself is read by the checker
// (checker.evaluate_batch), as on the command line.

export const MAX_BYTES = 8 * 1024 * 1024;
export const MAX_ROWS = 10000;

// The messages are typeset as written: \u00a0 is the non-breaking space French puts before
// « : » and inside « guillemets ».
export class CohortInputError extends Error {}

const megabytes = (n) => (n / 1024 / 1024).toLocaleString("fr-FR", { maximumFractionDigits: 1 });

// The text of a chosen or dropped file, or a CohortInputError in French naming the line.
export async function readFile(file) {
  if (file.size > MAX_BYTES) {
    throw new CohortInputError(`Le fichier «\u00a0${file.name}\u00a0» pèse ${megabytes(file.size)} Mo\u00a0: c'est trop pour un ` +
      `tableau de stagiaires (au plus ${megabytes(MAX_BYTES)} Mo). Vérifiez que c'est le bon fichier, ou découpez-le.`);
  }
  if (file.size === 0) throw new CohortInputError(`Le fichier «\u00a0${file.name}\u00a0» est vide.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isZip(bytes)) {
    throw new CohortInputError(`«\u00a0${file.name}\u00a0» est un classeur (Excel ou LibreOffice), pas un fichier CSV\u00a0: ` +
      "dans votre tableur, choisissez «\u00a0Enregistrer sous\u00a0», format «\u00a0CSV\u00a0» (point-virgule, UTF-8 ou non), puis déposez ce fichier.");
  }
  return checkText(decode(bytes, file.name), `Le fichier «\u00a0${file.name}\u00a0»`);
}

// The bytes decoded by the rules the checker applies to a file (contract v1.2,
// checker.cohort.decode): UTF-16 when it starts with its byte order mark, else UTF-8, else
// Windows-1252 (what French Excel writes for « CSV (séparateur : point-virgule) »).
const UNDEFINED_1252 = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

export function decode(bytes, name) {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  if (le || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    try {
      return new TextDecoder(le ? "utf-16le" : "utf-16be", { fatal: true }).decode(bytes);
    } catch {
      throw new CohortInputError(`«\u00a0${name}\u00a0» commence comme un texte UTF-16 mais n'en est pas un\u00a0: ` +
        "enregistrez-le depuis votre tableur au format «\u00a0CSV UTF-8\u00a0».");
    }
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new CohortInputError(`«\u00a0${name}\u00a0» n'est pas un fichier texte (ligne ${lineAt(bytes, nul)})\u00a0: ` +
      "enregistrez votre classeur au format «\u00a0CSV UTF-8\u00a0», puis déposez ce fichier.");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const bad = bytes.findIndex((b) => UNDEFINED_1252.includes(b));
    if (bad >= 0) {
      throw new CohortInputError(`«\u00a0${name}\u00a0», ligne ${lineAt(bytes, bad)}\u00a0: des caractères illisibles, ni UTF-8 ` +
        "ni Windows-1252. Enregistrez le fichier au format «\u00a0CSV UTF-8\u00a0», puis déposez-le.");
    }
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

// Pasted cells: a spreadsheet copies them separated by tabs; the checker reads `;` or `,`.
export function fromPaste(text) {
  const plain = text.replace(/^\ufeff/, "");
  if (!plain.includes("\t")) return checkText(plain, "Le texte collé");
  const quote = (cell) => (/[;"\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return checkText(plain.split(/\r?\n/).map((line) => line.split("\t").map(quote).join(";")).join("\n"), "Le texte collé");
}

function checkText(text, what) {
  if (!text.trim()) throw new CohortInputError(`${what} est vide\u00a0: il faut au moins la ligne d'en-tête.`);
  const records = recordStarts(text);
  const rows = records.length - 1;
  if (rows > MAX_ROWS) {
    throw new CohortInputError(`${what} compte ${rows.toLocaleString("fr-FR")} lignes de données (ligne ` +
      `${records[MAX_ROWS + 1].line} et suivantes en trop)\u00a0: au plus ${MAX_ROWS.toLocaleString("fr-FR")} stagiaires ` +
      "à la fois. Découpez le tableau en plusieurs fichiers.");
  }
  return text;
}

function isZip(bytes) {
  const zip = [0x50, 0x4b, 0x03, 0x04]; // « PK\3\4 »: xlsx and ods files are zip archives
  return zip.every((b, i) => bytes[i] === b);
}

function lineAt(bytes, offset) {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
  return line;
}

// Where each CSV record starts ({offset, line}), blank lines left out, quotes honoured (a
// quoted cell may hold line breaks): the first is the header.
export function recordStarts(text) {
  const out = [];
  let inQuotes = false;
  let line = 1;
  let start = 0;
  let startLine = 1;
  let blank = true;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    if (i === text.length || (c === "\n" && !inQuotes)) {
      if (!blank) out.push({ offset: start, line: startLine });
      start = i + 1;
      startLine = line + 1;
      blank = true;
    } else if (blank && c !== "\r" && c !== " " && c !== "\t" && c !== ";" && c !== ",") {
      blank = false;
    }
    if (c === "\n") line++;
  }
  return out;
}

// `;`, tab or `,`: the one the header uses most outside quotes (ties: in that order), as the
// checker reads it.
export function delimiterOf(line) {
  const outside = line.replace(/"[^"]*"/g, "");
  const count = (d) => outside.split(d).length - 1;
  return [";", "\t", ","].reduce((best, d) => (count(d) > count(best) ? d : best));
}

// The header's columns: [{label, path}] (the path is the content of the last parentheses that
// end the cell, as the checker reads it).
export function headerColumns(text) {
  const first = recordStarts(text)[0];
  if (!first) return [];
  const end = text.indexOf("\n", first.offset);
  const line = text.slice(first.offset, end < 0 ? undefined : end).replace(/\r$/, "").replace(/^\ufeff/, "");
  const delimiter = delimiterOf(line);
  const cells = [];
  let cell = "";
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) {
      cells.push(cell);
      cell = "";
    } else cell += c;
  }
  cells.push(cell);
  return cells.map((raw) => {
    const label = raw.trim();
    const m = /\(([^()]*)\)\s*$/.exec(label);
    return { label: m ? label.slice(0, m.index).trim() || m[1].trim() : label, path: m ? m[1].trim() : label };
  });
}

// The file in slices of about `size` rows, each a CSV the checker reads on its own: the header,
// then blank lines up to where the slice's rows start, so that every row keeps its line number.
export function slices(text, size) {
  const starts = recordStarts(text);
  if (starts.length <= size + 1) return [text];
  const headerEnd = starts[1].offset;
  const header = text.slice(0, headerEnd);
  const headerLines = (header.match(/\n/g) || []).length;
  const out = [];
  for (let k = 1; k < starts.length; k += size) {
    const from = starts[k];
    const to = starts[k + size];
    const before = (text.slice(0, from.offset).match(/\n/g) || []).length;
    out.push(header + "\n".repeat(Math.max(0, before - headerLines)) + text.slice(from.offset, to ? to.offset : undefined));
  }
  return out;
}
