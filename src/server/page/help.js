// How to write a query, in Arabic, with examples that run on a click.
'use strict';

// (what is written, what it finds). Each example searches the archive.
const QUERY_HELP = [
  ['قطر الحصار', 'كلمات: المقالات التي فيها كل الكلمات، بكل صيغها (قطر، لقطر، وقطر).'],
  ['«كأس العالم»', 'عبارة بين «…» أو "…": الكلمات متتالية كما هي.'],
  ['"قطر السعودية"~5', 'عبارة تتباعد كلماتها حتى 5 كلمات: "…"~5.'],
  ['قطر -السعودية', 'علامة الناقص قبل الكلمة: المقالات التي ليست فيها.'],
  ['النفط OR الغاز', 'OR بين كلمتين: إحداهما تكفي.'],
  ['اقتصاد*', 'النجمة في آخر الكلمة: كل كلمة تبدأ بها.'],
  ['=قطري', 'علامة = قبل الكلمة: الكلمة كما كُتبت، دون صيغها الأخرى.'],
  ['title:قطر', 'title: في العنوان وحده، و body: في النص وحده.'],
  ['قطر source:cnn-arabic', 'source: مصدر واحد، و category: تصنيف واحد (والمصدران معاً: source:(أ OR ب)).'],
  ['قطر date:[2017-06 TO 2017-07]', 'date: سنة أو شهر أو يوم، أو فترة [من TO إلى]؛ و h في آخر التاريخ للهجري (1438-09h).'],
];

function renderHelp() {
  const list = el('dl', { id: 'help-examples' });
  for (const [query, meaning] of QUERY_HELP) {
    list.append(
      el('dt', {}, link({ q: query, page: null, id: null }, { class: 'example', dir: 'auto' }, el('bdi', { text: query }))),
      el('dd', { text: meaning }));
  }
  $('#help').replaceChildren(
    el('summary', { text: 'كيف أكتب البحث؟' }),
    el('p', { text: 'انقر مثالاً لتجربته. يُبحث عن كل صيغة للكلمة وكل طريقة لكتابتها (الهمزات، التاء المربوطة، الحركات) إلا إذا طُلبت كما هي.' }),
    list);
}
