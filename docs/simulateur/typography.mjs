// French typography in what the simulator writes: the spaces French puts before « : ; ? ! » and
// inside « guillemets », and between a number and « % » or « € », become non-breaking, so that
// a phone's narrow column never starts a line with « : » or « % ». The same rules as the
// built pages' (build_scripts/french_typography.py; tests/browser/test_typography.py checks
// that both give the same text). Idempotent; code and typed values are left as they are.

const NBSP = "\u00a0";
const RULES = [
  [/(?<=\S)[ \t\n]+(?=[:;?!»])/g, NBSP],
  [/^[ \t\n]+(?=[:;?!»])/g, NBSP],
  [/«[ \t\n]+/g, "«" + NBSP],
  [/(?<=\d)[ \t\n]+(?=[%€])/g, NBSP],
];
const VERBATIM = new Set(["SCRIPT", "STYLE", "PRE", "CODE", "TEXTAREA", "KBD", "SAMP"]);

export function frenchText(text) {
  let out = String(text);
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

// Every text node below `root`, but in code and typed values.
export function frenchSpacing(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      for (let el = node.parentElement; el && el !== root.parentElement; el = el.parentElement) {
        if (VERBATIM.has(el.tagName)) return NodeFilter.FILTER_REJECT;
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const spaced = frenchText(node.data);
    if (spaced !== node.data) node.data = spaced;
  }
  return root;
}
