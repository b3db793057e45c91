// The desk's word tabs: collocates, keywords, words (n-grams) and
// dispersion, each a table of numbers over the query box's query and
// filters, a line saying what was counted, and a CSV download.
'use strict';

const MEASURES = [['logdice', 'logDice'], ['mi', 'MI'], ['t', 't-score']];
const MIN_FREQS = [['', 'الافتراضي'], ['1', '1'], ['2', '2'], ['3', '3'], ['5', '5'], ['10', '10'], ['20', '20']];

// Shows the desk: its controls, the line saying what was counted, the table
// and its download.
function showDesk(controls, what, table, download) {
  const section = $('#desk');
  // The columns a phone leaves out (tables.js), named above the table there.
  const hidden = [...table.querySelectorAll('thead th.wide-only')].map((th) => '«' + th.textContent + '»');
  const narrow = hidden.length
    ? el('p', { id: 'desk-hidden', class: 'what narrow-only' },
      `على الشاشة الضيقة لا تظهر ${hidden.length === 1 ? 'خانة' : 'خانات'} ${hidden.join('، ')}؛ وهي في ملف CSV وعلى شاشة أعرض.`)
    : null;
  // (replaceChildren writes a null as the text "null": it is left out.)
  section.replaceChildren(...[
    el('div', { class: 'controls' }, ...controls),
    el('p', { id: 'desk-what', class: 'what' }, ...what),
    narrow,
    el('div', { class: 'scroll' }, table),
    el('p', { class: 'download' }, download)].filter((node) => node !== null));
  show('#desk', true);
}

// "N articles read (of M matching), copies of one story counted once".
function readLine(answer) {
  const parts = [`${counted(answer.read, 'article')} قُرئت`];
  if (answer.articles !== undefined && answer.articles !== answer.read) {
    parts.push(` من ${numbers.format(answer.articles)} مطابقة`);
  }
  if (answer.collapsed) {
    parts.push(answer.copies_skipped
      ? `، وتُركت ${counted(answer.copies_skipped, 'copy')} مكررة (القصة الواحدة تُعدّ مرة)`
      : '، كل قصة مرة واحدة (تُترك نسخها المكررة)');
  }
  return parts.join('');
}

// The desk's answer from `path`; if the request fails, the controls stay
// (with nothing under them) so that the reader can change what failed.
async function deskAnswer(path, request, controls) {
  status('جارٍ الحساب…');
  try {
    return await api(path, request);
  } catch (error) {
    showDesk(controls, [], el('span'), null);
    throw error;
  }
}

function deskRequest(p, names) {
  const request = queryParams(p);
  for (const name of names) if (p.get(name)) request.set(name, p.get(name));
  return request;
}

async function renderCollocates(p, current) {
  $('#layout').classList.add('wide');
  const request = deskRequest(p, ['measure', 'min_freq']);
  request.set('limit', 100);
  const controls = [
    chooser('measure', 'المقياس:', MEASURES, p.get('measure') || 'logdice'),
    chooser('min_freq', 'أقل عدد:', MIN_FREQS, p.get('min_freq') || ''),
  ];
  const answer = await deskAnswer('/api/collocates', request, controls);
  if (!current()) return;
  status('');
  renderNotes(answer);
  const measure = (MEASURES.find(([m]) => m === answer.measure) || MEASURES[0])[1];
  const columns = [
    { key: 'form', label: 'الكلمة', kind: 'word' },
    { key: 'term', label: 'الجذع', kind: 'word' },
    { key: 'near', label: 'مرات القرب' },
    { key: 'archive', label: 'في الأرشيف كله' },
    { key: 'score', label: 'القوة (' + measure + ')', digits: 2 },
  ];
  const what = [`الكلمات التي تقع قريباً من كلمات البحث (خمس كلمات من كل جهة) في ${counted(answer.matches, 'place')}: `,
    readLine(answer), ` (وفي الأرشيف كله نحو ${counted(answer.words, 'word')}). مرتبة حسب ${measure}`,
    p.get('min_freq') ? `، ما جاء ${p.get('min_freq')} مرات على الأقل.` : '، ما جاء 5 مرات على الأقل.'];
  if (answer.collocates.length === 0) what.push(' لا كلمة تبلغ هذا الحد: جرّب حداً أدنى أصغر.');
  showDesk(controls, what, dataTable('collocates', columns, answer.collocates),
  csvLink(fileName('collocates', p.get('q')), columns, answer.collocates));
}

async function renderKeywords(p, current) {
  $('#layout').classList.add('wide');
  const request = deskRequest(p, ['vs', 'sort', 'negative']);
  request.set('limit', 100);
  const vs = el('input', { id: 'vs', name: 'vs', type: 'search', dir: 'rtl', value: p.get('vs') || '',
    placeholder: 'فارغ: بقية الأرشيف', 'aria-label': 'مقارنة بـ' });
  const form = el('form', { id: 'vs-form', class: 'control' }, el('label', { for: 'vs', text: 'مقارنة بـ ' }), vs,
    el('button', { type: 'submit', text: 'قارن' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go({ vs: vs.value.trim(), page: null });
  });
  const controls = [form, chooser('sort', 'الترتيب:', [['ll', 'الدلالة (G²)'], ['ratio', 'النسبة'], ['simple', 'الرياضيات البسيطة (Kilgarriff)']], p.get('sort') || 'll'),
    chooser('negative', 'الاتجاه:', [['', 'ما يكثر في البحث'], ['true', 'ما يقلّ في البحث']], p.get('negative') || '')];
  const answer = await deskAnswer('/api/keywords', request, controls);
  if (!current()) return;
  status('');
  renderNotes(answer);
  const columns = [
    { key: 'word', label: 'الكلمة', kind: 'word' },
    { key: 'term', label: 'الجذع (كل صيغه معاً)', kind: 'word', narrow: false },
    { key: 'focus', label: 'مرات (البحث)' },
    { key: 'reference', label: 'مرات (المقارنة)' },
    { key: 'focus_per_million', label: 'في المليون (البحث)', digits: 1, narrow: false },
    { key: 'reference_per_million', label: 'في المليون (المقارنة)', digits: 1, narrow: false },
    { key: 'focus_articles', label: 'مقالات (البحث)', narrow: false },
    { key: 'reference_articles', label: 'مقالات (المقارنة)', narrow: false },
    { key: 'll', label: 'الدلالة (G²)', digits: 1 },
    { key: 'log_ratio', label: 'نسبة لوغاريتمية', digits: 2, narrow: false },
  ];
  const side = (s) => `${counted(s.read, 'article')}، ${counted(s.words, 'word')}`
    + (s.copies_skipped ? `، تُركت ${counted(s.copies_skipped, 'copy')} مكررة` : '');
  const what = ['الكلمات التي تكثر في مقالات البحث ', el('bdi', { text: '«' + answer.focus.query + '»' }),
    ` (${side(answer.focus)}) مقارنةً `,
    answer.reference_is_rest ? 'ببقية الأرشيف' : el('span', {}, 'بـ', el('bdi', { text: '«' + answer.reference.query + '»' })),
    ` (${side(answer.reference)})؛ تُعرض الكلمة إن بلغت دلالتها G² ${figure(answer.min_ll, 2)} على الأقل`
    + ` وجاءت ${counted(answer.min_freq, 'time')} على الأقل: ${counted(answer.significant, 'word')}`
    + (answer.significant > answer.keywords.length ? `، تُعرض أول ${numbers.format(answer.keywords.length)} منها (وفي ملف CSV مثلها).` : '.')
    + ' تُعدّ صيغ الكلمة كلها معاً (الجذع)، وتُعرض بأكثر صيغها وروداً.'];
  if (answer.negative) what.unshift('عكس المقارنة: ما يقلّ في مقالات البحث. ');
  if (answer.overlap) what.push(` في الجهتين ${counted(answer.overlap, 'article')} مشتركة.`);
  showDesk(controls, what, dataTable('keywords', columns, answer.keywords),
    csvLink(fileName('keywords', p.get('q') + (p.get('vs') ? ' vs ' + p.get('vs') : '')), columns.concat([{ key: 'simple_maths', label: '' }]),
      answer.keywords));
}

async function renderWords(p, current) {
  $('#layout').classList.add('wide');
  const request = deskRequest(p, ['ngrams', 'min_freq']);
  request.set('limit', 200);
  const controls = [chooser('ngrams', 'طول العبارة:', [['1', 'كلمة'], ['2', 'كلمتان'], ['3', 'ثلاث كلمات'], ['4', 'أربع كلمات']], p.get('ngrams') || '1')];
  const answer = await deskAnswer('/api/words', request, controls);
  if (!current()) return;
  status('');
  renderNotes(answer);
  const n = answer.ngram;
  const columns = [
    { key: 'word', label: n === 1 ? 'الكلمة' : 'العبارة', kind: 'word' },
    // On a phone: a phrase's stems repeat its words; long phrases need
    // the room of the rate per million.
    { key: 'term', label: 'الجذع (كل صيغه معاً)', kind: 'word', narrow: n === 1 },
    { key: 'freq', label: 'مرات' },
    { key: 'per_million', label: 'في المليون', digits: 1, narrow: n < 3 },
    { key: 'articles', label: 'مقالات' },
  ];
  const unit = ['', 'الكلمات', 'الثنائيات (كلمتان متتاليتان)', 'الثلاثيات (ثلاث كلمات متتالية)', 'الرباعيات (أربع كلمات متتالية)'][n] || '';
  const what = [`${unit} الأكثر وروداً في مقالات البحث: `, readLine(answer),
    `، ${counted(answer.words, 'word')}، ${numbers.format(answer.distinct)} مختلفة؛ ما جاء ${counted(answer.min_freq, 'time')} على الأقل`
    + (answer.frequent > answer.rows.length ? `، تُعرض أول ${numbers.format(answer.rows.length)} من ${numbers.format(answer.frequent)}.` : '.')
    + ' تُعدّ صيغ الكلمة كلها معاً (الجذع)، وتُعرض بأكثر صيغها وروداً.'];
  showDesk(controls, what, dataTable('words', columns, answer.rows),
    csvLink(fileName('words-' + n, p.get('q')), columns, answer.rows));
}

async function renderDispersion(p, current) {
  $('#layout').classList.add('wide');
  const request = deskRequest(p, ['by']);
  const controls = [chooser('by', 'حسب:', [['source', 'المصدر'], ['category', 'التصنيف'], ['year', 'السنة'], ['month', 'الشهر']], p.get('by') || 'source')];
  const answer = await deskAnswer('/api/dispersion', request, controls);
  if (!current()) return;
  status('');
  renderNotes(answer);
  const columns = [
    { key: 'part', label: { source: 'المصدر', category: 'التصنيف', year: 'السنة', month: 'الشهر' }[answer.by] || 'الجزء', kind: 'word' },
    { key: 'articles', label: 'مقالات الجزء', narrow: false },
    { key: 'words', label: 'كلماته', narrow: false },
    { key: 'matching', label: 'مقالات مطابقة' },
    { key: 'matches', label: 'مواضع' },
    { key: 'per_million', label: 'في المليون', digits: 1 },
    { key: 'share_of_words', label: 'حصته من الكلمات', digits: 3, narrow: false },
    { key: 'share_of_matches', label: 'حصته من المواضع', digits: 3, narrow: false },
  ];
  const formula = (text) => el('bdi', { dir: 'ltr', text });
  const what = [`كيف تتوزع ${counted(answer.matches, 'place')} في ${counted(answer.articles, 'article')} على الأجزاء: `,
    formula('DP = ' + figure(answer.dp, 3)), ' (0 توزع متساوٍ، 1 كله في جزء واحد)، المعيَّر ',
    formula('DP = ' + figure(answer.dp_norm, 3)), '، ', formula('Juilland D = ' + figure(answer.juilland_d, 3)),
    ' (1 توزع متساوٍ).'];
  if (answer.unplaced) what.push(` ${counted(answer.unplaced, 'article')} بلا جزء لم تُحسب.`);
  if (answer.gaps && answer.gaps.length) {
    const shown = answer.gaps.slice(0, 12);
    what.push(el('span', { id: 'dispersion-gaps' }, ` ${counted(answer.gaps.length, 'period')} بين الأولى والأخيرة بلا أي مقالة في الأرشيف `
      + '(فجوات في الأرشيف لا أجزاء بلا مطابقة، ولا تدخل في المقاييس): ',
    ...shown.flatMap((g, i) => [i ? '، ' : '', el('bdi', { text: g })]), answer.gaps.length > shown.length ? '، …' : '', '. ',
    link({ tab: 'coverage', page: null }, {}, 'ما في الأرشيف')));
  }
  showDesk(controls, what, dataTable('dispersion', columns, answer.parts),
    csvLink(fileName('dispersion', p.get('q')), columns, answer.parts));
}
