// How to write a query, in Arabic, with examples that run on a click.
'use strict';

// (what is written, what it finds). Each example searches the archive.
const QUERY_HELP = [
  ['قطر الحصار', 'كلمات: النتائج مقالات فيها أيٌّ من الكلمات بكل صيغها (قطر، لقطر، وقطر)، الأقرب إلى البحث أولاً؛ أما العدّ (الخط الزمني والسياقات وغيرهما) فللمقالات التي فيها الكلمات كلها.'],
  ['«كأس العالم»', 'عبارة بين «…» أو `"…"`: الكلمات متتالية بهذا الترتيب، بكل صيغها.'],
  ['"قطر السعودية"~5', 'عبارة تتباعد كلماتها حتى 5 كلمات: `"…"~5`.'],
  ['قطر -السعودية', 'علامة الناقص قبل الكلمة: المقالات التي ليست فيها.'],
  ['النفط OR الغاز', '`OR` بين كلمتين: إحداهما تكفي.'],
  ['اقتصاد*', 'النجمة في آخر الكلمة: كل كلمة تبدأ بها.'],
  ['=قطري', 'علامة `=` قبل الكلمة: الكلمة كما كُتبت، دون صيغها الأخرى.'],
  ['title:قطر', '`title:` في العنوان وحده، و`body:` في النص وحده.'],
  ['قطر source:cnn-arabic', '`source:` مصدر واحد، و`category:` تصنيف واحد (والمصدران معاً: `source:(أ OR ب)`).'],
  ['قطر date:[2017-06 TO 2017-07]', '`date:` سنة أو شهر أو يوم، أو فترة `[2017-01 TO 2017-06]`؛ و`h` في آخر التاريخ للهجري (`1438-09h`).'],
];

// `text` with its `…` parts as code, left to right and isolated, so that
// the Arabic around them cannot reorder them (1438-09h stays as written).
function withCode(text) {
  return text.split('`').map((part, i) => (i % 2 ? el('bdi', { dir: 'ltr' }, el('code', { text: part })) : part));
}

// A query as it reads right to left: each field clause and operator
// written in Latin letters (`date:[2017-06 TO 2017-07]`, `title:قطر`, `OR`)
// isolated left to right, so that the words around keep their order.
const CLAUSE = /[^\s:]+:\[[^\]]*\]|[^\s:]+:\([^)]*\)|[A-Za-z][^\s:]*:\S+|\b[A-Z]+\b/g;

function queryShown(query) {
  const parts = [];
  let at = 0;
  for (const match of query.matchAll(CLAUSE)) {
    if (match.index > at) parts.push(query.slice(at, match.index));
    parts.push(el('bdi', { dir: 'ltr', text: match[0] }));
    at = match.index + match[0].length;
  }
  if (at < query.length) parts.push(query.slice(at));
  return parts;
}

function renderHelp() {
  const list = el('dl', { id: 'help-examples' });
  for (const [query, meaning] of QUERY_HELP) {
    list.append(
      el('dt', {}, link({ q: query, page: null, id: null }, { class: 'example', dir: 'rtl' }, ...queryShown(query))),
      el('dd', {}, ...withCode(meaning)));
  }
  $('#help').replaceChildren(
    el('summary', { text: 'كيف أكتب البحث؟' }),
    el('p', { text: 'انقر مثالاً لتجربته. يُبحث عن كل صيغة للكلمة وكل طريقة لكتابتها (الهمزات، التاء المربوطة، الحركات) إلا إذا طُلبت كما هي.' }),
    list);
}
