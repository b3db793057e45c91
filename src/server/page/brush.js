// The timeline's date-range brush: press on one period, drag to another,
// let go, and the search is narrowed to the periods between them (both
// included); a press and release on one period narrows it to that period.
// The chart keeps the whole span, with the chosen periods marked. For the
// keyboard and for exact dates, two month fields under the chart do the
// same.
'use strict';

// Makes `box` (the chart's SVG, `step` user units per period, its plot
// between `top` and `bottom` from the foot) a brush over `periods`.
function addBrush(box, periods, step, top, bottom) {
  const height = Number(box.getAttribute('height'));
  const width = Number(box.getAttribute('width'));
  const band = svg('rect', { class: 'brush', y: top, height: height - top - bottom, width: 0, x: 0,
    'pointer-events': 'none', visibility: 'hidden' });
  box.append(band);
  // The period under a pointer event, from its position in the SVG.
  const periodAt = (event) => {
    const frame = box.getBoundingClientRect();
    const x = (event.clientX - frame.left) * width / Math.max(1, frame.width);
    return Math.min(periods.length - 1, Math.max(0, Math.floor(x / step)));
  };
  let start = null;
  const draw = (a, b) => {
    const [low, high] = a <= b ? [a, b] : [b, a];
    band.setAttribute('x', low * step);
    band.setAttribute('width', (high - low + 1) * step);
    band.setAttribute('visibility', 'visible');
    box.dataset.brushing = `${periods[low]}..${periods[high]}`;
  };
  box.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    start = periodAt(event);
    box.setPointerCapture(event.pointerId);
    draw(start, start);
    event.preventDefault();
  });
  box.addEventListener('pointermove', (event) => {
    if (start !== null) draw(start, periodAt(event));
  });
  const finish = (event, apply) => {
    if (start === null) return;
    const end = periodAt(event);
    const [low, high] = start <= end ? [start, end] : [end, start];
    start = null;
    band.setAttribute('visibility', 'hidden');
    delete box.dataset.brushing;
    if (apply) go({ from: periods[low], to: periods[high], page: null });
  };
  box.addEventListener('pointerup', (event) => finish(event, true));
  box.addEventListener('pointercancel', (event) => finish(event, false));
  box.classList.add('brushable');
}

// Two month fields, from and to, set to the URL's period; changing either
// narrows the search. (`type=month` falls back to a text field where a
// browser has no month picker, which takes 2017-06 as typed.)
function periodFields(p, periods) {
  const month = (value) => (value || '').slice(0, 7);
  const field = (name, label, value) => el('label', { class: 'control' }, label + ' ',
    el('input', { id: 'period-' + name, name, type: 'month', dir: 'ltr', value: month(value),
      min: periods[0], max: periods[periods.length - 1], 'aria-label': label }));
  const form = el('form', { id: 'period-form', class: 'inline' },
    field('from', 'من', p.get('from')), ' ', field('to', 'إلى', p.get('to')), ' ',
    el('button', { type: 'submit', text: 'حصر' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const from = $('#period-from').value.trim();
    const to = $('#period-to').value.trim();
    go({ from: from || null, to: to || null, page: null });
  });
  return form;
}
