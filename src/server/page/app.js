// Fahras's page. Everything it shows comes from the JSON API; text from the
// archive is only ever set as text (textContent, text nodes), never parsed
// as HTML, and the server's Content-Security-Policy forbids inline scripts.
'use strict';

const PER_PAGE = 10;
// The server's limits: the longest query, the furthest offset.
const MAX_QUERY_BYTES = 4096;
const MAX_OFFSET = 1000000000;
const FACETS = [
  ['source', 'المصدر'],
  ['category', 'التصنيف'],
  ['year', 'السنة'],
];
// Western digits, as the dates and most Arabic news sites write them.
const numbers = new Intl.NumberFormat('en-US');

const $ = (selector) => document.querySelector(selector);

// An element with attributes and children (strings become text nodes).
function el(tag, attributes, ...children) {
  const node = attributes && attributes.svg
    ? document.createElementNS('http://www.w3.org/2000/svg', tag)
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name === 'svg' || value === null || value === undefined || value === false) continue;
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

function svg(tag, attributes, ...children) {
  return el(tag, Object.assign({ svg: true }, attributes), ...children);
}

// `text` with <mark> around each [start, end) range of code points.
function marked(text, ranges) {
  const chars = Array.from(text || '');
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const [start, end] of ranges || []) {
    if (start < at || end <= start) continue;
    if (start > at) fragment.append(chars.slice(at, start).join(''));
    fragment.append(el('mark', { text: chars.slice(start, end).join('') }));
    at = end;
  }
  if (at < chars.length) fragment.append(chars.slice(at).join(''));
  return fragment;
}

function params() {
  return new URLSearchParams(location.search);
}

// The page's URL with `changes` made (null removes a parameter).
function urlWith(changes, base) {
  const p = base ? new URLSearchParams(base) : params();
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') p.delete(name);
    else if (Array.isArray(value)) {
      // A list: the parameter repeated, once per value.
      p.delete(name);
      for (const one of value) p.append(name, one);
    } else p.set(name, value);
  }
  const query = p.toString();
  return query ? '/?' + query : '/';
}

function go(changes) {
  history.pushState(null, '', urlWith(changes));
  render();
}

// A link to another state of the page, followed without a reload.
function link(changes, attributes, ...children) {
  const a = el('a', Object.assign({ href: urlWith(changes) }, attributes), ...children);
  a.addEventListener('click', (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    go(changes);
  });
  return a;
}

async function api(path, query) {
  const response = await fetch(path + (query ? '?' + query : ''));
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    throw new Error(response.status + ' ' + response.statusText);
  }
  if (!response.ok) {
    const error = new Error(body && body.error ? body.error.message : response.statusText);
    error.status = response.status;
    error.arabic = body && body.error ? body.error.message_ar : null;
    throw error;
  }
  return body;
}

// The API parameters that decide what matches, from the page's URL.
function queryParams(p) {
  const out = new URLSearchParams();
  for (const name of ['from', 'to', 'fields', 'exact', 'all', 'any', 'fuzzy']) {
    if (p.get(name)) out.set(name, p.get(name));
  }
  const q = searchedQuery(p);
  if (q) out.set('q', q);
  return out;
}

// The query the API is asked: what the reader typed, then the chosen
// facet values as filters (`source:"a" source:"b"`: values of one field
// are alternatives, fields are all required). The URL keeps them apart,
// as `source` and `category` parameters, so the query box shows only what
// was typed. `except` leaves one field's values out.
function searchedQuery(p, except) {
  const parts = [(p.get('q') || '').trim()];
  for (const [facet] of FACETS.slice(0, 2)) {
    if (facet === except) continue;
    for (const value of p.getAll(facet)) parts.push(clause(facet, value));
  }
  return parts.filter(Boolean).join(' ');
}

// The facet values chosen in the URL, with `value` added or taken away.
function toggled(p, facet, value) {
  const values = p.getAll(facet);
  return values.includes(value) ? values.filter((v) => v !== value) : values.concat([value]);
}

function status(text, error) {
  const node = $('#status');
  node.textContent = text || '';
  node.classList.toggle('error', Boolean(error));
}

// An error from the API: the server's Arabic, its English after it (the
// words a bug report or an administrator needs), small.
function failed(error) {
  const node = $('#status');
  const english = el('bdi', { dir: 'ltr', lang: 'en', class: 'detail', text: error.message });
  node.replaceChildren(error.arabic || 'تعذّر ذلك.', ' ', english);
  node.classList.add('error');
}

function show(id, visible) {
  $(id).hidden = !visible;
}

function clear(...ids) {
  for (const id of ids) $(id).replaceChildren();
}

// Each render belongs to one URL; an older one that finishes late is dropped.
let generation = 0;

async function render() {
  const mine = ++generation;
  const current = () => mine === generation;
  const p = params();
  const q = p.get('q') || '';
  $('#q').value = q;
  document.title = q ? q + ' — فهرس' : 'فهرس — البحث في الأرشيف';
  for (const id of ['#timeline', '#summary', '#notes', '#kwic-view', '#desk', '#article', '#intro', '#coverage']) show(id, false);
  clear('#results', '#pages', '#facets', '#filters', '#notes', '#chart', '#heat', '#desk', '#kwic-pages', '#kwic-download', '#chart-tools');
  freeDownloads();
  $('#kwic tbody').replaceChildren();
  $('#layout').classList.remove('wide');
  status('');
  try {
    if (p.get('id')) {
      show('#tabs', false);
      await renderArticle(p, current);
    } else if (p.get('tab') === 'coverage') {
      renderTabs(p);
      renderFilters(p);
      await renderCoverage(p, current);
    } else if (!q.trim()) {
      show('#tabs', false);
      await renderIntro(current);
    } else if (new TextEncoder().encode(q).length > MAX_QUERY_BYTES) {
      show('#tabs', false);
      status(`النص أطول مما يُبحث به (${numbers.format(MAX_QUERY_BYTES)} بايت): ابحث بجملة أو جملتين منه.`, true);
    } else {
      renderTabs(p);
      renderFilters(p);
      const view = TABS.find(([, tab]) => tab === p.get('tab'));
      await (view && view[2] ? view[2] : renderResults)(p, current);
    }
    // For whoever measures the page: when this view was drawn.
    if (current()) performance.mark('fahras:drawn');
  } catch (error) {
    if (current()) failed(error);
  }
}

// The tabs: (element, `tab` in the URL, the function that draws it).
const TABS = [
  ['#tab-results', null, null],
  ['#tab-kwic', 'kwic', (p, current) => renderKwic(p, current)],
  ['#tab-collocates', 'collocates', (p, current) => renderCollocates(p, current)],
  ['#tab-keywords', 'keywords', (p, current) => renderKeywords(p, current)],
  ['#tab-words', 'words', (p, current) => renderWords(p, current)],
  ['#tab-dispersion', 'dispersion', (p, current) => renderDispersion(p, current)],
  ['#tab-coverage', 'coverage', null],
];

function renderTabs(p) {
  show('#tabs', true);
  const current = p.get('tab') || null;
  for (const [id, tab] of TABS) {
    const a = $(id);
    a.classList.toggle('active', tab === current);
    // Each tab has its own sorts and pages.
    a.href = urlWith({ tab, page: null, sort: null });
    a.onclick = (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      go({ tab, page: null, sort: null });
    };
  }
}

// The filters in force, each with a way to remove it.
function renderFilters(p) {
  const chips = [];
  if (p.get('from') || p.get('to')) {
    const span = p.get('from') === p.get('to') ? p.get('from') : (p.get('from') || '…') + ' – ' + (p.get('to') || '…');
    chips.push(el('span', { class: 'chip', id: 'filter-dates' }, 'الفترة: ', el('bdi', { text: span }),
      link({ from: null, to: null, page: null }, { title: 'إزالة', text: '✕' })));
  }
  for (const [facet, label] of FACETS.slice(0, 2)) {
    // Chosen from the facets: several values of a field are alternatives.
    for (const value of p.getAll(facet)) {
      chips.push(el('span', { class: 'chip', 'data-facet': facet, 'data-value': value },
        el('bdi', { text: label + ': ' + value }),
        link({ [facet]: toggled(p, facet, value), page: null }, { class: 'remove', title: 'إزالة', text: '✕' })));
    }
    // Written in the query by hand (or an older link).
    for (const value of clausesOf(p.get('q') || '', facet)) {
      chips.push(el('span', { class: 'chip', 'data-facet': facet, 'data-value': value },
        el('bdi', { text: label + ': ' + value }),
        link({ q: toggleClause(p.get('q') || '', facet, value), page: null }, { class: 'remove', title: 'إزالة', text: '✕' })));
    }
  }
  $('#filters').replaceChildren(...chips);
}

// `source:"…"` clauses: filters written in the query, as the command line takes them.
function clause(facet, value) {
  return facet + ':"' + value.replace(/"/g, '') + '"';
}

function clausesOf(q, facet) {
  const out = [];
  const pattern = new RegExp(facet + ':"([^"]*)"', 'g');
  let m;
  while ((m = pattern.exec(q)) !== null) out.push(m[1]);
  return out;
}

function toggleClause(q, facet, value) {
  const written = clause(facet, value);
  if (q.includes(written)) return q.replace(written, '').replace(/\s+/g, ' ').trim();
  return (q.trim() + ' ' + written).trim();
}

async function renderIntro(current) {
  const stats = await api('/api/stats');
  if (!current()) return;
  const intro = $('#intro');
  const held = nounParts(stats.articles, 'article');
  intro.replaceChildren(
    el('p', {}, 'في الأرشيف ', el('strong', { text: held[0] }), held[1] ? ' ' + held[1] : '',
      stats.first_date ? ' من ' : '', stats.first_date ? el('bdi', { text: stats.first_date }) : null,
      stats.last_date ? ' إلى ' : '', stats.last_date ? el('bdi', { text: stats.last_date }) : null, '.'),
    el('p', { text: 'اكتب كلمات للبحث: تُوجد كل صيغة من صيغ الكلمة وكل طريقة لكتابتها (الدوحة، الدوحه، بالدوحة). ضع العبارة بين علامتي تنصيص لتُطلب كما هي.' }),
    el('p', {}, 'قبل أن تقارن بين الشهور أو المصادر، اعرف ما في الأرشيف: ',
      link({ tab: 'coverage' }, { id: 'coverage-link' }, 'عدد المقالات في كل شهر لكل مصدر'), '.'));
  show('#intro', true);
}

// Why nothing was found: where the filters (period, outlet, category)
// admit no article at all, that is a gap in the archive, not an absence of
// the subject, and the reader is told so; else, other words may find it.
async function nothingFound(p, results) {
  const filtered = p.get('from') || p.get('to') || FACETS.slice(0, 2).some(([facet]) => p.getAll(facet).length > 0)
    || /\b(source|category|date|id):/.test(p.get('q') || '');
  if (filtered) {
    const request = queryParams(p);
    request.set('split', 'none');
    request.set('by', 'year');
    const held = await api('/api/coverage', request).then((c) => c.articles).catch(() => null);
    if (held === 0) {
      return el('span', { class: 'none', id: 'archive-gap' },
        ' — لا مقالة في الأرشيف أصلاً تحت هذه المرشِّحات (الفترة أو المصدر أو التصنيف): فجوة في الأرشيف، لا صفر؛'
        + ' غياب النتائج هنا لا يدل على غياب الموضوع. ',
        link({ tab: 'coverage', page: null }, {}, 'ما في الأرشيف'));
    }
  }
  // A query read otherwise than it looked (a field without a value, a
  // parenthesis never closed): the notes above say how; other words are
  // not the first thing to try.
  if ((results.notes || []).length > 0) {
    return el('span', { class: 'none', id: 'read-otherwise', text: ' — لم تُوجد مقالة. انظر الملاحظات: قُرئ البحث على غير ما بدا.' });
  }
  return el('span', { class: 'none', text: ' — لم تُوجد مقالة. جرّب كلمات أقل أو تهجئة أخرى.' });
}

async function renderResults(p, current) {
  const page = Math.min(Math.max(1, parseInt(p.get('page') || '1', 10) || 1),
    Math.floor(MAX_OFFSET / PER_PAGE));
  const search = queryParams(p);
  search.set('limit', PER_PAGE);
  search.set('offset', (page - 1) * PER_PAGE);
  search.set('facet', 'source,category,year');
  if (p.get('sort')) search.set('sort', p.get('sort'));
  status('جارٍ البحث…');
  // The timeline keeps the whole span, the chosen months highlighted.
  const timeline = queryParams(p);
  timeline.delete('from');
  timeline.delete('to');
  timeline.set('by', 'month');
  if (p.get('share') === 'true') timeline.set('share', 'true');
  // More queries to compare, each a series, under the same filters.
  for (const also of p.getAll('also')) {
    const other = new URLSearchParams(p);
    other.set('q', also);
    timeline.append('q', searchedQuery(other));
  }
  // A field with values chosen is counted without them, so that another
  // value of it can be added (two outlets at once).
  const others = FACETS.slice(0, 2).filter(([facet]) => p.getAll(facet).length > 0).map(([facet]) => {
    const request = queryParams(p);
    request.set('q', searchedQuery(p, facet));
    request.set('limit', 0);
    request.set('facet', facet);
    return api('/api/search', request).then((r) => [facet, r.facets && r.facets[facet]]).catch(() => [facet, null]);
  });
  const [results, chart, ...widened] = await Promise.all([
    api('/api/search', search),
    api('/api/timeline', timeline).catch(() => null),
    ...others,
  ]);
  for (const [facet, counts] of widened) {
    if (counts && results.facets) results.facets[facet] = counts;
  }
  if (!current()) return;
  status('');
  const summary = $('#summary');
  const sortLink = p.get('sort') === 'date'
    ? link({ sort: null, page: null }, { id: 'sort' }, 'رتّب حسب الصلة')
    : link({ sort: 'date', page: null }, { id: 'sort' }, 'رتّب حسب التاريخ');
  // A ranked page counts to 10,000 and then says "more than" (gte).
  const strong = (id, n, relation, noun) => {
    const [number, word] = nounParts(n, noun);
    const text = relation === 'gte' ? 'أكثر من ' + number : number;
    return [el('strong', { id, ['data-' + id]: n, 'data-relation': relation || 'eq', text }), word ? ' ' + word : ''];
  };
  const [total, articles] = strong('total', results.total, results.total_relation, 'article');
  // Ranked by any of several words: how many hold them all (what the
  // timeline and the facets count), and how many at least one.
  const parts = results.total_all === undefined
    ? [total, articles, results.total === 1 ? '' : ' مطابقة']
    : [...strong('total-all', results.total_all, results.total_all_relation, 'article'),
      ' فيها كل الكلمات، و', total, ' فيها كلمة منها على الأقل'];
  // Copies of one story are shown once: say how many stories there are.
  if (results.stories !== undefined && (results.stories !== results.total || results.total_relation === 'gte')) {
    parts.push(' (', el('span', { id: 'stories', 'data-stories': results.stories,
      text: (results.total_relation === 'gte' ? 'على الأقل ' : '') + counted(results.stories, 'story') }), ')');
  }
  if (results.total > 0) parts.push(' · ', sortLink);
  else parts.push(await nothingFound(p, results));
  if (!current()) return;
  summary.replaceChildren(...parts);
  show('#summary', true);
  if (results.total > 0 && results.hits.length === 0) {
    const last = Math.ceil(results.total / PER_PAGE);
    $('#results').append(el('li', { class: 'past-end' }, 'لا نتائج في هذه الصفحة. ',
      link({ page: last === 1 ? null : last }, {}, 'الصفحة الأخيرة (' + numbers.format(last) + ')')));
  }
  renderNotes(results);
  const list = $('#results');
  for (const hit of results.hits) {
    const article = urlWith({ id: hit.id, tab: null, page: null });
    const title = el('a', { class: 'title', href: article }, marked(hit.title, hit.title_highlights));
    title.addEventListener('click', (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      go({ id: hit.id, tab: null, page: null });
    });
    const meta = metaLine([hit.date, hit.source, hit.category]);
    list.append(el('li', { class: 'hit', 'data-id': hit.id },
      el('h3', {}, title), meta, el('p', { class: 'snippet' },
        hit.snippet_cut_before ? '… ' : '', marked(hit.snippet, hit.highlights), hit.snippet_cut_after ? ' …' : ''),
      copiesLine(hit)));
  }
  renderPages(page, results.total);
  renderFacets(p, results.facets || {});
  if (chart) renderChart(p, chart);
}

// The other articles of the hit's story (its copies), each a link to it.
function copiesLine(hit) {
  const copies = hit.copies || [];
  if (copies.length === 0) return null;
  const line = el('p', { class: 'copies', 'data-copies': copies.length },
    '+' + numbers.format(copies.length) + (copies.length === 1 ? ' نسخة أخرى: ' : ' نسخ أخرى: '));
  copies.forEach((id, i) => {
    if (i > 0) line.append('، ');
    const source = (hit.copy_sources || [])[i];
    line.append(link({ id, tab: null, page: null }, { class: 'copy', 'data-id': id },
      el('bdi', { text: source || id })));
  });
  return line;
}

// Date, source and category, each isolated so its direction is its own.
function metaLine(values) {
  const meta = el('p', { class: 'meta' });
  for (const value of values.filter(Boolean)) {
    if (meta.childNodes.length > 0) meta.append(' · ');
    meta.append(el('bdi', { text: value }));
  }
  return meta;
}

function renderNotes(results) {
  const notes = $('#notes');
  const items = [];
  if (results.did_you_mean) {
    items.push(el('li', { lang: 'ar', dir: 'rtl' }, 'هل تقصد: ',
      link({ q: results.did_you_mean.query, page: null }, { id: 'did-you-mean' }, results.did_you_mean.query),
      ' (' + counted(results.did_you_mean.articles, 'article') + ')؟'));
  }
  for (const c of results.corrections || []) {
    items.push(el('li', { lang: 'ar', dir: 'rtl' }, 'كُتب ', el('bdi', { text: '«' + c.typed + '»' }),
      '؛ بُحث معه عن ', el('bdi', { text: '«' + c.searched + '»' })));
  }
  // The notes in Arabic (the API gives them as notes_ar); in English only
  // from a server that does not.
  if (results.notes_ar) {
    for (const note of results.notes_ar) items.push(el('li', { lang: 'ar', dir: 'rtl', text: note }));
  } else {
    for (const note of results.notes || []) items.push(el('li', { text: note }));
  }
  notes.replaceChildren(...items);
  show('#notes', items.length > 0);
}

function renderPages(page, total) {
  const last = Math.max(1, Math.ceil(total / PER_PAGE));
  if (last === 1) return;
  const nav = $('#pages');
  const to = (n, text, rel) => link({ page: n === 1 ? null : n }, { class: 'page', 'data-page': n, rel }, text);
  if (page > 1) nav.append(to(page - 1, 'السابق', 'prev'));
  const shown = new Set([1, last, page - 2, page - 1, page, page + 1, page + 2]);
  let previous = 0;
  for (const n of [...shown].filter((n) => n >= 1 && n <= last).sort((a, b) => a - b)) {
    if (n > previous + 1) nav.append(el('span', { class: 'gap', text: '…' }));
    nav.append(n === page ? el('span', { class: 'current', text: numbers.format(n) }) : to(n, numbers.format(n)));
    previous = n;
  }
  if (page < last) nav.append(to(page + 1, 'التالي', 'next'));
}

function renderFacets(p, facets) {
  const q = p.get('q') || '';
  const aside = $('#facets');
  for (const [name, label] of FACETS) {
    const facet = facets[name];
    if (!facet || facet.counts.length === 0) continue;
    const list = el('ul', { id: 'facet-' + name });
    for (const [value, count] of facet.counts.slice(0, 30)) {
      let changes;
      let active;
      if (name === 'year') {
        active = p.get('from') === value && p.get('to') === value;
        changes = active ? { from: null, to: null, page: null } : { from: value, to: value, page: null };
      } else {
        active = p.getAll(name).includes(value) || clausesOf(q, name).includes(value);
        changes = clausesOf(q, name).includes(value)
          ? { q: toggleClause(q, name, value), page: null }
          : { [name]: toggled(p, name, value), page: null };
      }
      list.append(el('li', {}, link(changes,
        { class: active ? 'facet active' : 'facet', 'data-facet': name, 'data-value': value, 'data-count': count },
        el('bdi', { text: value }), el('span', { class: 'count', text: numbers.format(count) }))));
    }
    aside.append(el('h2', { text: label }), list);
  }
}

// Bars per month, oldest on the left as on most charts; a click narrows the
// search to that month. A month without any article in the archive (under
// the query's filters) is a gap, not a zero: a grey band, not an empty bar.
function renderChart(p, chart) {
  const series = chart.series[0];
  if (!series || chart.periods.length === 0) return;
  if (chart.series.length > 1) {
    renderLines(p, chart);
    return;
  }
  // ‰: of every thousand articles the archive holds that month, how many
  // match; a month with too few articles to say has no bar (thin).
  const share = Boolean(chart.share);
  $('#timeline figcaption').textContent = (share ? 'من كل ألف مقالة في الأرشيف في الشهر (‰): ' : 'عدد ')
    + (chart.match === 'any'
      ? 'المقالات التي فيها كلمة من كلمات البحث في كل شهر'
      : 'المقالات التي فيها كل كلمات البحث في كل شهر') + ' — انقر شهراً أو اسحب على أشهر لحصر البحث فيها';
  const counts = series.counts;
  const peak = Math.max(1, ...counts.filter((c) => c !== null));
  const width = Math.max(300, $('#content').clientWidth || 900);
  const height = 120;
  const top = 16;
  const bottom = 22;
  const step = width / counts.length;
  const gap = Math.min(2, step * 0.15);
  const box = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'aria-label': 'عدد المقالات في كل شهر', dir: 'ltr' });
  box.append(svg('line', { x1: 0, x2: width, y1: height - bottom, y2: height - bottom }));
  yAxis(box, width, height - bottom, top, peak, share);
  // Months inside from..to (a year or a month, as the URL gives them).
  const from = p.get('from');
  const to = p.get('to');
  const chosen = (label) => (from || to) && (!from || label >= from.slice(0, 7)) && (!to || label <= to.slice(0, 7) + '~');
  let gaps = 0;
  let thin = 0;
  counts.forEach((count, i) => {
    const label = chart.periods[i];
    const of = series.articles ? series.articles[i] : null;
    if (count === null && share && of > 0) {
      thin += 1;
      box.append(svg('rect', { class: 'thin', x: i * step, y: top, width: step, height: height - top - bottom,
        'data-period': label, 'data-thin': 'true' },
      svg('title', { text: `${label}: ${counted(of, 'article')} فقط في الأرشيف في هذا الشهر، أقل من ${numbers.format(chart.min_articles)}: لا نسبة` })));
      return;
    }
    if (count === null) {
      gaps += 1;
      box.append(svg('rect', { class: 'gap', x: i * step, y: top, width: step, height: height - top - bottom,
        'data-period': label, 'data-gap': 'true' },
      svg('title', { text: label + ': لا مقالة في الأرشيف في هذا الشهر (فجوة، لا صفر)' })));
      return;
    }
    const h = (height - top - bottom) * count / peak;
    const said = share
      ? figure(count, 2) + '‰ (' + numbers.format(series.matching[i]) + ' من ' + counted(of, 'article') + ' في الأرشيف)'
      : numbers.format(count) + (of !== null ? ' من ' + counted(of, 'article') + ' في الأرشيف' : '');
    const bar = svg('rect', {
      class: chosen(label) ? 'bar active' : 'bar',
      x: i * step + gap / 2, y: height - bottom - h, width: Math.max(1, step - gap), height: Math.max(h, count > 0 ? 1 : 0),
      'data-period': label, 'data-count': count,
    }, svg('title', { text: label + ': ' + said }));
    box.append(bar);
  });
  // A label under the first month of each year, or of every period if few;
  // none where it would run into the previous one.
  if (counts.length <= 12) {
    let lastEnd = -Infinity;
    chart.periods.forEach((label, i) => {
      const x = (i + 0.5) * step;
      if (x - label.length * 3.5 >= lastEnd + 6) {
        box.append(svg('text', { x, y: height - 6, 'text-anchor': 'middle', text: label }));
        lastEnd = x + label.length * 3.5;
      }
    });
  } else {
    for (const [i, year] of yearLabels(chart.periods, step)) {
      box.append(svg('text', { x: i * step, y: height - 6, 'text-anchor': 'start', text: year }));
    }
  }
  addBrush(box, chart.periods, step, top, bottom);
  $('#chart').replaceChildren(box);
  $('#chart-gaps').replaceChildren(gaps === 0 ? '' : el('span', {},
    el('span', { class: 'swatch gap' }), ` ${counted(gaps, 'month')} بلا أي مقالة في الأرشيف: فجوة في الأرشيف، لا صفر. `,
    link({ tab: 'coverage', page: null }, {}, 'ما في الأرشيف')),
  thin === 0 ? '' : el('span', {}, el('span', { class: 'swatch thin' }),
    ` ${counted(thin, 'month')} فيها أقل من ${counted(chart.min_articles, 'article')} في الأرشيف: لا نسبة لها. `));
  chartTools(p, box, share, chart.periods);
  show('#timeline', true);
}

// Where each year is labelled under a chart of `periods` (months), `step`
// wide each, from `left`: under its first month, unless its label would
// run into the next year's, in which case the year with fewer months (a
// span that starts in December) gives way: [index, year] pairs.
function yearLabels(periods, step) {
  const starts = [];
  periods.forEach((label, i) => {
    if (i === 0 || label.slice(0, 4) !== periods[i - 1].slice(0, 4)) starts.push([i, label.slice(0, 4)]);
  });
  const room = 4 * 7 + 6;
  return starts.filter(([i], k) => k + 1 === starts.length || (starts[k + 1][0] - i) * step >= room);
}

// The scale: dashed lines at the peak and at half of it, each with its
// value at the right end, so a reader (and a downloaded chart) can read
// heights without hovering.
function yAxis(box, width, base, top, peak, share) {
  const said = (v) => (share ? figure(v, 2) + '‰' : numbers.format(Math.round(v)));
  for (const part of [1, 0.5]) {
    if (!share && part < 1 && peak < 2) continue;
    const y = base - (base - top) * part;
    box.append(svg('line', { class: 'grid', x1: 0, x2: width, y1: y, y2: y, 'stroke-dasharray': '3 3' }),
      svg('text', { class: 'scale', x: width - 2, y: y - 3, 'text-anchor': 'end', text: said(peak * part) }));
  }
}

// Under the chart: counts or ‰, another query to compare, the downloads.
function chartTools(p, box, share, periods) {
  const name = fileName('timeline', p.get('q'));
  const also = el('input', { id: 'also', type: 'search', dir: 'rtl', placeholder: 'كلمة أخرى للمقارنة',
    'aria-label': 'أضف بحثاً آخر إلى الرسم' });
  const form = el('form', { id: 'also-form', class: 'inline' }, also, el('button', { type: 'submit', text: 'أضف' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (also.value.trim()) go({ also: p.getAll('also').concat([also.value.trim()]) });
  });
  $('#chart-tools').replaceChildren(
    share ? link({ share: null }, { id: 'chart-counts' }, 'اعرض العدد')
      : link({ share: 'true' }, { id: 'chart-share' }, 'اعرض في الألف (‰)'),
    ' · ', chartSvgLink(box, name), ' · ', chartPngLink(box, name), ' · ', form,
    periodFields(p, periods));
}

// Several queries on one chart: a line each, a gap (no article in the
// archive) or a thin month (‰ without enough articles) breaks the line.
const LINE_COLOURS = ['#0b5cad', '#e07b00', '#2a9d3f', '#b5179e', '#6c757d', '#d62828'];

function renderLines(p, chart) {
  const share = Boolean(chart.share);
  $('#timeline figcaption').textContent = share
    ? 'من كل ألف مقالة في الأرشيف في الشهر (‰): المقالات التي فيها كل بحث'
    : 'عدد المقالات التي فيها كل بحث في كل شهر';
  const n = chart.periods.length;
  const width = Math.max(300, $('#content').clientWidth || 900);
  const height = 160;
  const top = 16;
  const bottom = 22;
  const step = width / n;
  const peak = Math.max(1e-9, ...chart.series.flatMap((s) => s.counts.filter((c) => c !== null)));
  const y = (c) => height - bottom - (height - top - bottom) * c / peak;
  const box = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'aria-label': 'عدد المقالات في كل شهر لكل بحث', dir: 'ltr' });
  box.append(svg('line', { x1: 0, x2: width, y1: height - bottom, y2: height - bottom }));
  yAxis(box, width, height - bottom, top, peak, share);
  // A month the archive lacks is a gap; in ‰, a month with too few
  // articles to divide by is thin: both break the lines, both are bands.
  let thin = 0;
  chart.series[0].articles.forEach((a, i) => {
    if (a === 0) box.append(svg('rect', { class: 'gap', x: i * step, y: top, width: step, height: height - top - bottom }));
    else if (share && chart.series[0].counts[i] === null) {
      thin += 1;
      box.append(svg('rect', { class: 'thin', x: i * step, y: top, width: step, height: height - top - bottom, 'data-thin': 'true' }));
    }
  });
  const legend = el('ul', { id: 'chart-legend' });
  chart.series.forEach((series, k) => {
    const colour = LINE_COLOURS[k % LINE_COLOURS.length];
    let d = '';
    let pen = 'M';
    series.counts.forEach((c, i) => {
      if (c === null) {
        pen = 'M';
        return;
      }
      d += `${pen}${((i + 0.5) * step).toFixed(1)},${y(c).toFixed(1)} `;
      pen = 'L';
    });
    box.append(svg('path', { class: 'series', d, fill: 'none', stroke: colour, 'stroke-width': 2, 'data-query': series.query },
      svg('title', { text: series.query })));
    const also = k === 0 ? null : p.getAll('also')[k - 1];
    box.legend = (box.legend || []).concat([[colour, k === 0 ? (p.get('q') || '') : also]]);
    legend.append(el('li', { 'data-query': series.query },
      svg('svg', { width: 14, height: 10, class: 'key' }, svg('rect', { width: 14, height: 10, fill: colour })),
      el('bdi', { text: k === 0 ? (p.get('q') || '') : also }),
      k === 0 ? null : link({ also: p.getAll('also').filter((_, j) => j !== k - 1) }, { class: 'remove', title: 'إزالة', text: ' ✕' })));
  });
  // Each year under its first month (each month when there are few).
  const labels = n <= 12 ? chart.periods.map((label, i) => [i, label]) : yearLabels(chart.periods, step);
  for (const [i, text] of labels) box.append(svg('text', { x: i * step, y: height - 6, text }));
  // The months the search is narrowed to, as the bars mark them.
  const from = p.get('from');
  const to = p.get('to');
  if (from || to) {
    chart.periods.forEach((label, i) => {
      if ((!from || label >= from.slice(0, 7)) && (!to || label <= to.slice(0, 7) + '~')) {
        box.append(svg('rect', { class: 'chosen', x: i * step, y: top, width: step, height: height - top - bottom,
          'data-period': label }));
      }
    });
  }
  addBrush(box, chart.periods, step, top, bottom);
  $('#chart').replaceChildren(box, legend);
  const gaps = chart.series[0].articles.filter((a) => a === 0).length;
  $('#chart-gaps').replaceChildren(gaps === 0 ? '' : el('span', {},
    el('span', { class: 'swatch gap' }), ` ${counted(gaps, 'month')} بلا أي مقالة في الأرشيف: فجوة في الأرشيف، لا صفر؛ ينقطع الخط عندها. `,
    link({ tab: 'coverage', page: null }, {}, 'ما في الأرشيف')),
  thin === 0 ? '' : el('span', {}, el('span', { class: 'swatch thin' }),
    ` ${counted(thin, 'month')} فيها أقل من ${counted(chart.min_articles, 'article')} في الأرشيف: لا نسبة لها، فينقطع الخط. `));
  chartTools(p, box, share, chart.periods);
  show('#timeline', true);
}

// The chart as a standalone SVG file: the page's colours written into it
// (they come from the style sheet, which the file does not carry).
function standaloneSvg(box) {
  const copy = box.cloneNode(true);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  // Several series: their key under the chart, as the page shows it beside.
  if (box.legend && box.legend.length) {
    const width = Number(box.getAttribute('width'));
    const height = Number(box.getAttribute('height'));
    const rows = box.legend.length;
    const taller = height + 8 + rows * 16;
    copy.setAttribute('height', taller);
    copy.setAttribute('viewBox', `0 0 ${width} ${taller}`);
    box.legend.forEach(([colour, label], k) => {
      const y = height + 8 + k * 16;
      copy.append(svg('rect', { x: 8, y, width: 14, height: 10, fill: colour }),
        svg('text', { x: 28, y: y + 9, text: label, direction: 'rtl', 'text-anchor': 'end' }));
    });
  }
  for (const band of copy.querySelectorAll('rect.brush')) band.remove();
  copy.insertBefore(svg('rect', { x: 0, y: 0, width: '100%', height: '100%', fill: '#ffffff' }), copy.firstChild);
  for (const rect of copy.querySelectorAll('rect.bar')) rect.setAttribute('fill', '#0b5cad');
  for (const rect of copy.querySelectorAll('rect.gap')) rect.setAttribute('fill', '#d9d9d9');
  for (const rect of copy.querySelectorAll('rect.thin')) rect.setAttribute('fill', '#f3e3c3');
  for (const rect of copy.querySelectorAll('rect.chosen')) {
    rect.setAttribute('fill', '#e07b00');
    rect.setAttribute('fill-opacity', '0.14');
  }
  for (const line of copy.querySelectorAll('line')) line.setAttribute('stroke', '#d8dde6');
  for (const text of copy.querySelectorAll('text')) {
    text.setAttribute('fill', '#5b6474');
    text.setAttribute('font-size', '11');
    text.setAttribute('font-family', 'sans-serif');
  }
  return new XMLSerializer().serializeToString(copy);
}

function chartSvgLink(box, name) {
  const blob = new Blob([standaloneSvg(box)], { type: 'image/svg+xml' });
  return downloadLink(blob, { id: 'chart-svg', download: name + '.svg' }, 'تنزيل ', 'SVG');
}

// PNG at twice the size, drawn when asked: the SVG through an image (a
// data: address, which the page's policy allows for images) onto a canvas.
function chartPngLink(box, name) {
  const a = el('a', { id: 'chart-png', href: '#', download: name + '.png' }, 'تنزيل ', el('bdi', { dir: 'ltr', text: 'PNG' }));
  a.addEventListener('click', (event) => {
    if (a.dataset.ready) return;
    event.preventDefault();
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth * 2;
      canvas.height = image.naturalHeight * 2;
      canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob((png) => {
        a.href = URL.createObjectURL(png);
        csvUrls.push(a.href);
        a.file = png;
        a.dataset.ready = 'true';
        a.click();
      }, 'image/png');
    };
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(standaloneSvg(box));
  });
  return a;
}

// What the archive holds: a row per source, a cell per month, darker for
// more articles (within the row); an empty cell is a month without any.
async function renderCoverage(p, current) {
  $('#layout').classList.add('wide');
  const request = new URLSearchParams();
  for (const name of ['from', 'to']) if (p.get(name)) request.set(name, p.get(name));
  if (searchedQuery(p)) request.set('q', searchedQuery(p));
  request.set('by', 'month');
  request.set('split', 'source');
  status('…');
  const coverage = await api('/api/coverage', request);
  if (!current()) return;
  status('');
  const n = Math.max(1, coverage.periods.length);
  const labelW = 130;
  const infoW = 270;
  // At least 6 pixels a month: on a phone the table scrolls sideways
  // rather than shrink to nothing.
  const width = Math.max(360, $('#content').clientWidth || 900, labelW + infoW + 6 * n);
  const cellW = Math.max(2, (width - labelW - infoW) / n);
  const cellH = 18;
  const height = coverage.rows.length * cellH + 28;
  const box = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'aria-label': 'عدد المقالات في الأرشيف في كل شهر لكل مصدر', dir: 'ltr' });
  const blues = ['#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'];
  coverage.rows.forEach((row, r) => {
    const y = r * cellH;
    box.append(svg('text', { x: labelW - 6, y: y + cellH * 0.7, 'text-anchor': 'end', class: 'row-label', text: row.value }));
    const peak = Math.max(1, ...row.articles);
    row.articles.forEach((a, k) => {
      const x = labelW + k * cellW;
      const tip = row.value + ' · ' + coverage.periods[k] + ': '
        + (a === 0 ? 'لا مقالة (فجوة)' : counted(a, 'article'));
      const level = Math.min(blues.length, Math.max(1, Math.ceil(a / peak * blues.length)));
      box.append(svg('rect', { x, y, width: cellW, height: cellH - 2,
        class: a === 0 ? 'cell empty' : 'cell', fill: a === 0 ? 'white' : blues[level - 1],
        'data-value': row.value, 'data-period': coverage.periods[k], 'data-articles': a },
      svg('title', { text: tip })));
    });
    const span = row.first ? row.first + ' .. ' + row.last : '—';
    box.append(svg('text', { x: labelW + n * cellW + 6, y: y + cellH * 0.7, class: 'row-info',
      text: numbers.format(row.dated + row.undated) + ' · ' + span }));
  });
  // Each year over its first month, unless it runs into the next.
  for (const [k, year] of yearLabels(coverage.periods, cellW)) {
    box.append(svg('text', { x: labelW + k * cellW, y: height - 8, text: year }));
  }
  // The gaps inside each outlet's run, as the terminal gives them.
  coverage.rows.forEach((row, r) => {
    if (row.gaps > 0) {
      box.append(svg('text', { x: width - 4, y: r * cellH + cellH * 0.7, 'text-anchor': 'end', class: 'row-info',
        text: counted(row.gaps, 'gap') }));
    }
  });
  $('#heat').replaceChildren(box);
  $('#coverage-summary').textContent = `${counted(coverage.articles, 'article')} في الأرشيف`
    + (coverage.undated ? ` (${numbers.format(coverage.undated)} بلا تاريخ)` : '')
    + (coverage.periods.length ? ` من ${coverage.periods[0]} إلى ${coverage.periods[coverage.periods.length - 1]}` : '')
    + '. الخانة البيضاء شهر لا مقالة فيه لهذا المصدر في الأرشيف: فجوة، لا صفر. كلما اشتد اللون زادت المقالات (في الصف نفسه).';
  show('#coverage', true);
}

async function renderArticle(p, current) {
  $('#layout').classList.add('wide');
  const request = queryParams(p);
  status('…');
  let article;
  try {
    article = await api('/api/articles/' + encodeURIComponent(p.get('id')), request);
  } catch (error) {
    if (!current()) return;
    if (error.status === 404) status('لا توجد في الأرشيف مقالة بهذا المعرّف.', true);
    else failed(error);
    $('#article').replaceChildren(link({ id: null }, { class: 'back', id: 'back' }, '→ العودة إلى النتائج'));
    show('#article', true);
    return;
  }
  if (!current()) return;
  status('');
  const back = link({ id: null }, { class: 'back', id: 'back' }, '→ العودة إلى النتائج');
  const meta = metaLine([article.date, article.source, article.category]);
  const parts = [back, el('h1', {}, marked(article.title, article.title_highlights)), meta];
  if (article.url) parts.push(el('p', { class: 'meta', id: 'article-url' }, 'المصدر الأصلي: ', sourceLink(article.url)));
  parts.push(storyLine(article));
  parts.push(el('div', { class: 'body' }, marked(article.body, article.highlights)));
  $('#article').replaceChildren(...parts);
  show('#article', true);
  document.title = article.title + ' — فهرس';
}

// The address of an article on its outlet's site: a link only when it is
// http(s) (a `javascript:` address in the archive stays text).
function sourceLink(url) {
  let parsed = null;
  try {
    parsed = new URL(url);
  } catch (e) {
    parsed = null;
  }
  const safe = parsed !== null && ['http:', 'https:'].includes(parsed.protocol);
  if (!safe) return el('bdi', { dir: 'ltr', class: 'url', text: url });
  // The site's name is shown (an Arabic path after it would be laid out
  // right to left, before the name); the whole address is the link's.
  const text = el('bdi', { dir: 'ltr', text: parsed.host });
  return el('a', { class: 'url', href: url, title: url, rel: 'noopener noreferrer', target: '_blank' }, text);
}

// The article's story: how many copies of it the archive holds, and each
// other copy (outlet, date, its own view, its address), oldest first.
function storyLine(article) {
  const copies = article.copies || [];
  const section = el('section', { id: 'story', 'data-story-size': article.story_size || 1 });
  if (copies.length === 0) {
    section.append(el('p', { class: 'meta', text: 'لا نسخة أخرى من هذا الخبر في الأرشيف.' }));
    return section;
  }
  section.append(el('h2', { text: `نسخ الخبر نفسه: ${numbers.format(article.story_size)} في الأرشيف، هذه واحدة منها` }));
  const list = el('ol', { id: 'copies' });
  for (const copy of copies) {
    list.append(el('li', { 'data-id': copy.id },
      link({ id: copy.id }, { class: 'copy' }, el('bdi', { text: copy.source || copy.id })),
      ' · ', el('bdi', { text: copy.date || 'بلا تاريخ' }),
      copy.title ? ' · ' : '', copy.title ? el('bdi', { class: 'copy-title', text: copy.title }) : null,
      copy.url ? ' · ' : '', copy.url ? sourceLink(copy.url) : null));
  }
  section.append(list);
  return section;
}

document.addEventListener('DOMContentLoaded', () => {
  $('#search').addEventListener('submit', (event) => {
    event.preventDefault();
    // A new query starts on the first page of the results, keeping the dates.
    go({ q: $('#q').value.trim(), page: null, id: null });
  });
  window.addEventListener('popstate', render);
  renderHelp();
  render();
});
