// A cohort file before the checker reads it: what can be told without Python (too big, empty,
// not text, not UTF-8, too many rows), cells pasted from a spreadsheet turned into CSV, the
// header's columns (to name a problem's column), and the file cut into slices of rows so that
// the table fills in with a progress bar. The CSV itself is read by the checker
// (checker.evaluate_batch), as on the command line.

export const MAX_BYTES = 8 * 1024 * 1024;
export const MAX_ROWS = 10000;

export class CohortInputError extends Error {}

const megabytes = (n) => (n / 1024 / 1024).toLocaleString("fr-FR", { maximumFractionDigits: 1 });

// The text of a chosen or dropped file, or a CohortInputError in French naming the line.
export async function readFile(file) {
  if (file.size > MAX_BYTES) {
    throw new CohortInputError(`Le fichier « ${file.name} » pèse ${megabytes(file.size)} Mo : c'est trop pour un ` +
      `tableau de stagiaires (au plus ${megabytes(MAX_BYTES)} Mo). Vérifiez que c'est le bon fichier, ou découpez-le.`);
  }
  if (file.size === 0) throw new CohortInputError(`Le fichier « ${file.name} » est vide.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isZip(bytes)) {
    throw new CohortInputError(`« ${file.name} » est un classeur (Excel ou LibreOffice), pas un fichier CSV : ` +
      "dans votre tableur, choisissez « Enregistrer sous », format « CSV UTF-8 », puis déposez ce fichier.");
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new CohortInputError(`« ${file.name} » n'est pas un fichier texte (ligne ${lineAt(bytes, nul)}) : ` +
      "déposez le tableau enregistré au format « CSV UTF-8 ».");
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    throw new CohortInputError(`« ${file.name} », ligne ${lineAt(bytes, bad)} : le fichier n'est pas en UTF-8 ` +
      "(les accents seraient mal lus). Dans votre tableur, enregistrez-le au format « CSV UTF-8 ».");
  }
  return checkText(new TextDecoder("utf-8").decode(bytes), `Le fichier « ${file.name} »`);
}

// Pasted cells: a spreadsheet copies them separated by tabs; the checker reads `;` or `,`.
export function fromPaste(text) {
  const plain = text.replace(/^\ufeff/, "");
  if (!plain.includes("\t")) return checkText(plain, "Le texte collé");
  const quote = (cell) => (/[;"\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return checkText(plain.split(/\r?\n/).map((line) => line.split("\t").map(quote).join(";")).join("\n"), "Le texte collé");
}

function checkText(text, what) {
  if (!text.trim()) throw new CohortInputError(`${what} est vide : il faut au moins la ligne d'en-tête.`);
  const records = recordStarts(text);
  const rows = records.length - 1;
  if (rows > MAX_ROWS) {
    throw new CohortInputError(`${what} compte ${rows.toLocaleString("fr-FR")} lignes de données (ligne ` +
      `${records[MAX_ROWS + 1].line} et suivantes en trop) : au plus ${MAX_ROWS.toLocaleString("fr-FR")} stagiaires ` +
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

// Offset of the first byte that is not valid UTF-8, or -1.
function firstInvalidUtf8(bytes) {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 0x3 : -1; // continuation bytes after the lead byte
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
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

// The header's columns: [{label, path}] (the path is the content of the last parentheses that
// end the cell, as the checker reads it).
export function headerColumns(text) {
  const first = recordStarts(text)[0];
  if (!first) return [];
  const end = text.indexOf("\n", first.offset);
  const line = text.slice(first.offset, end < 0 ? undefined : end).replace(/\r$/, "").replace(/^\ufeff/, "");
  const outside = line.replace(/"[^"]*"/g, "");
  const delimiter = (outside.match(/,/g) || []).length > (outside.match(/;/g) || []).length ? "," : ";";
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
