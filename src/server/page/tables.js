// Tables of numbers and their CSV downloads, for the desk's tabs (the
// concordance, collocates, keywords, words and dispersion). Cells are set
// as text only: archive words are data.
'use strict';

// Numbers as the page writes them: Western digits, `digits` decimals.
// A count and its noun as Arabic says it: one and two by the noun alone
// (مقالة واحدة، مقالتان), 3–10 with the plural (أشهر), 11–99 with the
// singular accusative (شهراً), 100 and on with the singular (شهر); the
// categories are Unicode CLDR's plural rules for Arabic.
const PLURAL = new Intl.PluralRules('ar');
const NOUNS = {
  article: ['مقالة واحدة', 'مقالتان', 'مقالات', 'مقالةً', 'مقالة'],
  month: ['شهر واحد', 'شهران', 'أشهر', 'شهراً', 'شهر'],
  word: ['كلمة واحدة', 'كلمتان', 'كلمات', 'كلمةً', 'كلمة'],
  copy: ['نسخة واحدة', 'نسختان', 'نسخ', 'نسخةً', 'نسخة'],
  place: ['موضع واحد', 'موضعان', 'مواضع', 'موضعاً', 'موضع'],
  line: ['سطر واحد', 'سطران', 'أسطر', 'سطراً', 'سطر'],
  time: ['مرة واحدة', 'مرتان', 'مرات', 'مرةً', 'مرة'],
  period: ['فترة واحدة', 'فترتان', 'فترات', 'فترةً', 'فترة'],
  story: ['قصة واحدة', 'قصتان', 'قصص', 'قصةً', 'قصة'],
  gap: ['فجوة واحدة', 'فجوتان', 'فجوات', 'فجوةً', 'فجوة'],
};

// The count and its noun apart, for a count set in bold: [number, noun];
// one and two are said by the noun alone, as the "number" (مقالتان).
function nounParts(n, noun) {
  const [one, two, few, many, other] = NOUNS[noun];
  switch (PLURAL.select(n)) {
    case 'one': return [one, ''];
    case 'two': return [two, ''];
    case 'few': return [numbers.format(n), few];
    case 'many': return [numbers.format(n), many];
    default: return [numbers.format(n), other];
  }
}

function counted(n, noun) {
  const [number, word] = nounParts(n, noun);
  return word ? number + ' ' + word : number;
}

function figure(value, digits) {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'number') return String(value);
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits || 0,
    minimumFractionDigits: digits || 0 }).format(value);
}

// A table: `columns` are {key, label, digits, kind} ('word' cells are
// isolated with <bdi>, 'number' ones aligned as figures); `rows` objects.
function dataTable(id, columns, rows) {
  // A column marked `narrow: false` is left out on a phone (app.css); the
  // CSV download keeps it.
  const hidden = (c) => (c.narrow === false ? ' wide-only' : '');
  const head = el('tr', {}, ...columns.map((c) => el('th', { scope: 'col', 'data-key': c.key, class: hidden(c).trim() || null, text: c.label })));
  const body = el('tbody');
  for (const row of rows) {
    body.append(el('tr', {}, ...columns.map((c) => {
      const value = c.value ? c.value(row) : row[c.key];
      if (c.kind === 'word') return el('td', { class: 'word' + hidden(c) }, el('bdi', { text: value }));
      return el('td', { class: 'number' + hidden(c), text: figure(value, c.digits) });
    })));
  }
  return el('table', { id, class: 'numbers' }, el('thead', {}, head), body);
}

// One CSV field: quoted when it holds a comma, a quote or a line break.
function csvField(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

// The object URLs of the last downloads drawn, freed on the next render.
let csvUrls = [];

function freeDownloads() {
  for (const url of csvUrls) URL.revokeObjectURL(url);
  csvUrls = [];
}

// A link that downloads `rows` as CSV: UTF-8 with a byte-order mark, so
// that Excel reads the Arabic as Arabic; numbers unrounded.
function csvLink(name, columns, rows) {
  const lines = [columns.map((c) => csvField(c.csv || c.key)).join(',')];
  for (const row of rows) {
    lines.push(columns.map((c) => csvField(c.value ? c.value(row) : row[c.key])).join(','));
  }
  const blob = new Blob(['\uFEFF' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
  return downloadLink(blob, { class: 'csv', download: name + '.csv' }, 'تنزيل الجدول ', '(CSV)');
}

// A link that downloads `blob`: `attributes` (its class or id and file
// name), then `label` and the format's name kept left to right.
function downloadLink(blob, attributes, label, format) {
  const url = URL.createObjectURL(blob);
  csvUrls.push(url);
  const a = el('a', { ...attributes, href: url }, label, el('bdi', { dir: 'ltr', text: format }));
  // The file itself, for whoever checks it: the page's policy lets no
  // script fetch a blob: address, not even the page's own.
  a.file = blob;
  return a;
}

// A file name from the query: its letters and digits, joined by dashes.
function fileName(kind, q) {
  const words = (q || '').match(/[\p{L}\p{N}]+/gu) || [];
  return ['fahras', kind, ...words.slice(0, 6)].join('-');
}

// A <select> whose choice goes into the URL as `name`.
function chooser(name, label, options, chosen) {
  const select = el('select', { id: 'choose-' + name, name, 'aria-label': label });
  // A value from the URL that is none of the choices (ngrams=9) is shown as
  // it is, chosen and disabled: showing the first choice instead would claim
  // it is in force, and choosing it would change nothing.
  if (!options.some(([value]) => value === chosen)) {
    select.append(el('option', { value: chosen, text: chosen + ' (غير مقبول)', selected: true, disabled: true }));
  }
  for (const [value, text] of options) {
    const option = el('option', { value, text });
    if (value === chosen) option.selected = true;
    select.append(option);
  }
  select.addEventListener('change', () => go({ [name]: select.value === options[0][0] ? null : select.value, page: null }));
  return el('label', { class: 'control' }, label + ' ', select);
}
