/* The comparison chooser: two to four countries side by side. Works from file:// (the data is a script,
   data.js, that sets window.GECompareData); the choice lives in the URL (?c=bo,pe,br) so it can be shared.
   Everything from the data is written with textContent, except the narratives, which are the same
   sanitised HTML the country pages show. */
(function () {
  'use strict';
  var form = document.getElementById('compare-chooser');
  var result = document.getElementById('compare-result');
  var status = document.getElementById('compare-status');
  var me = document.currentScript || document.querySelector('script[data-data]');
  if (!form || !result || !status || !me) return;
  var limit = parseInt(form.getAttribute('data-limit'), 10) || 4;
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name=c]'));
  var s = status.dataset;
  var loading = null;

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }

  function load() {
    if (window.GECompareData) return Promise.resolve(window.GECompareData);
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = new URL(me.getAttribute('data-data'), location.href).href;
      script.onload = function () { resolve(window.GECompareData); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return loading;
  }

  function chosen() { return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }); }

  function writeUrl(codes) {
    var url = location.pathname + (codes.length ? '?c=' + codes.join(',') : '');
    try { history.replaceState(null, '', url); } catch (e) { /* file:// may refuse */ }
  }

  function render(codes) {
    boxes.forEach(function (b) { b.disabled = !b.checked && codes.length >= limit; });
    result.textContent = '';
    if (codes.length < 2) { status.textContent = s.pick; return; }
    status.textContent = codes.length >= limit ? s.limitReached : '';
    load().then(function (data) {
      var bySlug = {};
      data.countries.forEach(function (c) { bySlug[c.code.toLowerCase()] = c; });
      var cs = codes.map(function (k) { return bySlug[k]; }).filter(Boolean);
      var head = el('tr', {}, [el('td', {})].concat(cs.map(function (c) {
        var th = el('th', { scope: 'col' }, [el('a', { href: c.url }, [c.name])]);
        if (c.committee) th.appendChild(el('span', { 'class': 'committee' }, [' (' + c.committee + ')']));
        if (c.illustrative) th.appendChild(el('span', { 'class': 'meta' }, [s.illustrative]));
        return th;
      })));
      var body = el('tbody', {});
      data.pillars.forEach(function (label, i) {
        body.appendChild(el('tr', {}, [el('th', { scope: 'row' }, [label])].concat(cs.map(function (c) {
          var p = c.pillars[i], cell = el('td', { 'class': 'stage-' + p.stage });
          cell.appendChild(el('p', { 'class': 'level' }, [p.level + ' (' + p.stage + '/5)']));
          var narrative = el('div', { 'class': 'narrative', lang: c.narrativeLanguage });
          narrative.innerHTML = p.narrative; // sanitised at build time, as on the country page
          cell.appendChild(narrative);
          return cell;
        }))));
      });
      data.indicators.forEach(function (ind, i) {
        body.appendChild(el('tr', {}, [el('th', { scope: 'row' }, [ind.name + ' (' + ind.unit + ')'])].concat(cs.map(function (c) {
          var v = c.indicators[i];
          return el('td', { 'class': 'num' }, v ? [v.value + ' (' + v.year + ')'] : ['—']);
        }))));
      });
      body.appendChild(el('tr', {}, [el('th', { scope: 'row' }, [s.practices])].concat(cs.map(function (c) {
        var cell = el('td', {});
        if (c.practices.length === 0) { cell.appendChild(document.createTextNode(s.none)); return cell; }
        cell.appendChild(el('ul', {}, c.practices.map(function (p) { return el('li', {}, [el('a', { href: p.url, lang: p.language }, [p.title])]); })));
        if (c.practiceCount > c.practices.length)
          cell.appendChild(el('p', {}, [el('a', { href: c.practicesUrl }, [s.all.replace('{n}', c.practiceCount)])]));
        return cell;
      }))));
      var table = el('table', { 'class': 'compare-table' }, [el('caption', {}, [s.caption]), el('thead', {}, [head]), body]);
      result.appendChild(el('div', { 'class': 'table-scroll', tabindex: '0', role: 'region', 'aria-label': s.caption }, [table]));
      // The key figures in one chart each: a bar per chosen country, its value and year written beside it.
      var charts = el('div', { 'class': 'compare-charts' });
      data.indicators.forEach(function (ind, i) {
        var rows = cs.map(function (c) { return { name: c.name, v: c.indicators[i] }; });
        var max = Math.max.apply(null, rows.map(function (r) { return r.v ? r.v.raw : 0; }).concat([1]));
        var svgNs = 'http://www.w3.org/2000/svg', rowH = 26, w = 560, left = 150, right = 120;
        var svg = document.createElementNS(svgNs, 'svg');
        svg.setAttribute('viewBox', '0 0 ' + w + ' ' + (rows.length * rowH + 8));
        svg.setAttribute('class', 'chart compare-bars');
        svg.setAttribute('role', 'img');
        svg.setAttribute('aria-label', ind.name + ' (' + ind.unit + ')');
        rows.forEach(function (r, k) {
          var y = 4 + k * rowH;
          var label = document.createElementNS(svgNs, 'text');
          label.setAttribute('x', left - 8); label.setAttribute('y', y + 17); label.setAttribute('text-anchor', 'end'); label.setAttribute('font-size', '13');
          label.textContent = r.name;
          svg.appendChild(label);
          var bw = r.v ? (w - left - right) * r.v.raw / max : 0;
          var bar = document.createElementNS(svgNs, 'rect');
          bar.setAttribute('x', left); bar.setAttribute('y', y + 5); bar.setAttribute('width', bw.toFixed(2)); bar.setAttribute('height', rowH - 10); bar.setAttribute('fill', '#0b5394');
          svg.appendChild(bar);
          var value = document.createElementNS(svgNs, 'text');
          value.setAttribute('x', (left + bw + 6).toFixed(2)); value.setAttribute('y', y + 17); value.setAttribute('font-size', '12'); value.setAttribute('fill', '#3b4452');
          value.textContent = r.v ? r.v.value + ' (' + r.v.year + ')' : '—';
          svg.appendChild(value);
        });
        var figure = el('figure', { 'class': 'chart-figure' }, [el('figcaption', { 'class': 'chart-title' }, [el('strong', {}, [ind.name]), ' (' + ind.unit + ')'])]);
        figure.appendChild(svg);
        charts.appendChild(figure);
      });
      result.appendChild(el('h2', {}, [s.figures]));
      result.appendChild(charts);
    }, function () { status.textContent = ''; });
  }

  form.hidden = false;
  var wanted = (new URLSearchParams(location.search).get('c') || '').split(',').filter(Boolean).slice(0, limit);
  boxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; });
  form.addEventListener('change', function () {
    var codes = chosen();
    writeUrl(codes);
    render(codes);
  });
  render(chosen());
})();
