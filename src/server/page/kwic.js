// The concordance (KWIC): every line of every matching article, 100 a
// page, sorted by the context before or after the match, the date or the
// outlet. The match's column is never cut: the contexts are, inside their
// cells, on the side away from the match.
'use strict';

const KWIC_PER_PAGE = 100;
// Characters of context on each side of the match.
const KWIC_CONTEXT = 60;
const KWIC_SORTS = [
  ['rank', 'الصلة'],
  ['left', 'ما قبل الكلمة'],
  ['right', 'ما بعد الكلمة'],
  ['date', 'التاريخ'],
  ['source', 'المصدر'],
];
// The sort each column's header sets.
const KWIC_HEADERS = { before: 'left', match: 'rank', after: 'right', date: 'date', source: 'source' };

async function renderKwic(p, current) {
  $('#layout').classList.add('wide');
  const sort = KWIC_SORTS.some(([s]) => s === p.get('sort')) ? p.get('sort') : 'rank';
  const page = Math.min(Math.max(1, parseInt(p.get('page') || '1', 10) || 1), 100);
  const request = queryParams(p);
  request.set('every', 'true');
  request.set('lines', KWIC_PER_PAGE);
  request.set('offset', (page - 1) * KWIC_PER_PAGE);
  request.set('context', KWIC_CONTEXT);
  if (sort !== 'rank') request.set('sort', sort);
  status('جارٍ البحث…');
  const concordance = await api('/api/kwic', request);
  if (!current()) return;
  renderNotes(concordance);
  const first = concordance.offset + 1;
  const last = concordance.offset + concordance.lines.length;
  status(concordance.lines.length === 0
    ? (concordance.found === 0
      ? ((concordance.notes || []).length > 0 ? 'لا سطر: انظر الملاحظات.' : 'لا سطر: لم تُوجد كلمات البحث في نص المقالات.')
      : 'لا سطور في هذه الصفحة.')
    : `السطور ${numbers.format(first)}–${numbers.format(last)} من ${counted(concordance.found, 'line')}`
      + ` في ${counted(concordance.read, 'article')} (كل المقالات المطابقة${concordance.collapsed ? '، كل قصة مرة' : ''})`);
  // No line at all: no table to sort, no headers over nothing.
  $('#kwic').hidden = concordance.found === 0;
  if (concordance.found === 0) {
    $('#kwic-controls').replaceChildren();
    $('#kwic-pages').replaceChildren();
    $('#kwic-download').replaceChildren();
    show('#kwic-view', true);
    return;
  }
  for (const th of document.querySelectorAll('#kwic thead th')) {
    const key = KWIC_HEADERS[th.className.split(' ')[0]];
    th.replaceChildren(link({ sort: key === 'rank' ? null : key, page: null },
      { class: key === sort ? 'sort active' : 'sort', 'data-sort': key, title: 'رتّب حسب ' + KWIC_SORTS.find(([s]) => s === key)[1] },
      th.dataset.label || (th.dataset.label = th.textContent)));
  }
  const body = $('#kwic tbody');
  for (const line of concordance.lines) {
    const source = link({ id: line.id, tab: null, page: null, sort: null }, { title: line.id }, el('bdi', { text: line.source || line.id }));
    body.append(el('tr', { 'data-id': line.id },
      el('td', { class: 'before' }, el('span', { text: line.left })),
      el('td', { class: 'match' }, el('mark', { text: line.match })),
      el('td', { class: 'after' }, el('span', { text: line.right })),
      el('td', { class: 'date' }, el('bdi', { text: line.date || '—' })),
      el('td', { class: 'source' }, source)));
  }
  $('#kwic-controls').replaceChildren(chooser('sort', 'الترتيب:', KWIC_SORTS, sort));
  renderKwicPages(page, concordance.found);
  const columns = ['id', 'date', 'source', 'left', 'match', 'right', 'start', 'end'].map((key) => ({ key }));
  $('#kwic-download').replaceChildren(concordance.lines.length === 0 ? ''
    : csvLink(fileName('kwic-' + page, p.get('q')), columns, concordance.lines));
  show('#kwic-view', true);
}

function renderKwicPages(page, found) {
  const last = Math.max(1, Math.min(100, Math.ceil(found / KWIC_PER_PAGE)));
  const nav = $('#kwic-pages');
  nav.replaceChildren();
  if (last === 1 && page === 1) return;
  const to = (n, text, rel) => link({ page: n === 1 ? null : n }, { class: 'page', 'data-page': n, rel }, text);
  if (page > 1) nav.append(to(page - 1, 'السابق', 'prev'));
  nav.append(el('span', { class: 'current', text: `الصفحة ${numbers.format(page)} من ${numbers.format(last)}` }));
  if (page < last) nav.append(to(page + 1, 'التالي', 'next'));
}
