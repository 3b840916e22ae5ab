/* The survey questionnaire: an engine (GESurvey.check, .files, .zip) over the questions and rules of survey/data.js,
   which the generator derives from the content schemas (tested against the validator through Jint), and the page
   that builds the form, keeps the answers in localStorage and saves a .zip of draft content files for `ge import`.
   Typed text never becomes HTML (textContent, value) or YAML structure (quoted scalars). */
(function (root) {
  'use strict';

  // ---- Engine ---------------------------------------------------------------------------------------------------

  /* The code each problem has in the validator (README, "Error codes"). */
  var CODES = {
    required: 'GE0103', min_items: 'GE0103', localized: 'GE0103',
    too_long: 'GE0105', control: 'GE0105', range: 'GE0105', calendar: 'GE0105', duplicate: 'GE0105',
    integer: 'GE0102', date: 'GE0102', choice: 'GE0104',
    url_scheme: 'GE0107', url_incomplete: 'GE0107', url_relative: 'GE0207',
    future: 'GE0209'
  };
  var WARNINGS = { future: true };

  function isBlank(v) { return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0); }

  /* Text as the file will hold it: line ends normalised, lone surrogates replaced (they cannot be written as UTF-8). */
  function clean(s) {
    return String(s).replace(/\r\n?/g, '\n').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/g, function (m, before) {
      return (before === undefined ? '' : before) + '\uFFFD';
    });
  }

  /* The value of a text question as written to the file: trimmed (Markdown keeps its inner spacing, not trailing blanks). */
  function textValue(q, v) {
    var s = clean(v);
    return q.kind === 'markdown' ? s.replace(/\s+$/, '').replace(/^\n+/, '') : s.trim();
  }

  function lines(v) {
    return clean(v || '').split('\n').map(function (l) { return l.trim(); }).filter(function (l) { return l !== ''; });
  }

  /* The first control character other than tab and line breaks, as the validator looks for it (C0, DEL, C1). */
  function hasControl(s) { return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(s); }

  function isDate(s) { return /^\d{4}-\d{2}-\d{2}$/.test(s); }

  function inCalendar(s) {
    var y = +s.slice(0, 4), m = +s.slice(5, 7), d = +s.slice(8, 10);
    if (y < 1 || m < 1 || m > 12 || d < 1) return false;
    var days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
    return d <= days;
  }

  /* A web address's problem, as the validator's SafeUrl decides it for a questionnaire's answers. */
  function urlProblem(s, allowRelative) {
    var seen = s.replace(/^[\u0000-\u0020\u00A0\uFEFF]+|[\u0000-\u0020\u00A0\uFEFF]+$/g, '').replace(/[\t\n\r]/g, '');
    var m = /^([A-Za-z][A-Za-z0-9+.\-]*):/.exec(seen);
    if (!m) return allowRelative ? 'url_relative' : 'url_incomplete';
    var scheme = m[1].toLowerCase();
    if (scheme !== 'http' && scheme !== 'https' && scheme !== 'mailto') return 'url_scheme';
    if (seen.indexOf('&') >= 0 || hasControl(seen)) return 'url_scheme';
    if (scheme !== 'mailto' && !/^https?:\/\/[^\/?#\s@]*@?[^\/?#\s:@]+(:\d+)?([\/?#]\S*)?$/i.test(seen)) return 'url_incomplete';
    return null;
  }

  /* Whether a relative address climbs out of content/ from a file one folder down (countries/, practices/). */
  function leavesContent(url) {
    var depth = 1;
    return url.split(/[#?]/)[0].split(/[\/\\]/).some(function (seg) {
      if (seg === '..') return --depth < 0;
      if (seg !== '' && seg !== '.') depth++;
      return false;
    });
  }

  /* Every problem of the answers to `questions` (an assessment or one practice), each {path, code, key, params, warning}. */
  function checkQuestions(questions, answers, prefix, today, out) {
    answers = answers || {};
    questions.forEach(function (q) {
      var path = prefix + q.name;
      var v = answers[q.name];
      function add(key, params, code) {
        out.push({ path: path, code: code || CODES[key], key: key, params: params || {}, warning: !!WARNINGS[key] });
      }
      switch (q.kind) {
        case 'group':
          if (q.required || !isEmptyGroup(q, v)) checkQuestions(q.fields, v, path + '.', today, out);
          return;
        case 'records':
          var items = (Array.isArray(v) ? v : []).filter(function (r) { return !isEmptyGroup(q, r); });
          if (items.length < Math.max(q.minItems || 0, q.required ? 1 : 0)) add(items.length === 0 && (q.minItems || 0) <= 1 ? 'required' : 'min_items', { n: q.minItems || 1 });
          items.forEach(function (r, i) { checkQuestions(q.fields, r, path + '[' + i + '].', today, out); });
          return;
        case 'localized':
          var any = q.choices.some(function (c) { return !isBlank(v && v[c.value]); });
          if (!any) { if (q.required) add('localized'); return; }
          q.choices.forEach(function (c) {
            var s = v && v[c.value];
            if (!isBlank(s) && hasControl(clean(s))) out.push({ path: path + '.' + c.value, code: CODES.control, key: 'control', params: {}, warning: false });
          });
          return;
        case 'choices':
          var chosen = Array.isArray(v) ? v : [];
          if (chosen.length < Math.max(q.minItems || 0, q.required ? 1 : 0)) { add(chosen.length === 0 ? 'required' : 'min_items', { n: q.minItems || 1 }); return; }
          chosen.forEach(function (c) { if (!q.choices.some(function (x) { return x.value === c; })) add('choice'); });
          return;
        case 'lines':
          var ls = lines(v);
          if (ls.length < Math.max(q.minItems || 0, q.required ? 1 : 0)) { add(ls.length === 0 ? 'required' : 'min_items', { n: q.minItems || 1 }); return; }
          var seen = {};
          ls.forEach(function (l) {
            if (q.maxLength && l.length > q.maxLength) add('too_long', { n: l.length, max: q.maxLength });
            else if (hasControl(l)) add('control');
            else if (q.unique && seen[l]) add('duplicate', { value: l });
            seen[l] = true;
          });
          return;
      }
      if (isBlank(v)) { if (q.required) add('required'); return; }
      var s = textValue(q, v);
      switch (q.kind) {
        case 'text':
        case 'markdown':
          if (q.maxLength && s.length > q.maxLength) add('too_long', { n: s.length, max: q.maxLength });
          else if (hasControl(s)) add('control');
          return;
        case 'url':
          if (s.length > q.maxLength) { add('too_long', { n: s.length, max: q.maxLength }); return; }
          var problem = urlProblem(s, q.allowRelative);
          // A relative address would be a link into content/, which a questionnaire's answer cannot have: the
          // validator reports it as a missing document (GE0206) or file (GE0207).
          if (problem === 'url_relative') add(problem, {}, /\.md$/.test(s.split(/[#?]/)[0]) || leavesContent(s) ? 'GE0206' : 'GE0207');
          else if (problem) add(problem);
          return;
        case 'integer':
          if (!/^[+-]?\d+$/.test(s)) { add('integer'); return; }
          var n = parseInt(s, 10);
          if (n < q.min || n > q.max) add('range', { min: q.min, max: q.max });
          else if (q.name === 'year_started' && today && n > +today.slice(0, 4) && answers.status !== 'planned') add('future');
          return;
        case 'date':
          if (!isDate(s)) add('date');
          else if (!inCalendar(s)) add('calendar');
          else if (today && s > today) add('future');
          return;
        case 'choice':
          if (!q.choices.some(function (c) { return c.value === s; })) add('choice');
          return;
      }
    });
    return out;
  }

  function isEmptyGroup(q, v) {
    if (!v || typeof v !== 'object') return true;
    return q.fields.every(function (f) {
      var x = v[f.name];
      if (f.kind === 'group') return isEmptyGroup(f, x);
      if (f.kind === 'records') return !Array.isArray(x) || x.every(function (r) { return isEmptyGroup(f, r); });
      if (f.kind === 'localized') return !x || f.choices.every(function (c) { return isBlank(x[c.value]); });
      return isBlank(x);
    });
  }

  /* Every problem of a questionnaire: the country, the assessment and each proposed practice. */
  function check(data, answers, today) {
    var out = [];
    if (!answers || !answers.country || !data.countries.some(function (c) { return c.code === answers.country; }))
      out.push({ path: 'country', code: 'GE0201', key: 'required', params: {}, warning: false });
    checkQuestions(data.country, answers && answers.assessment, 'assessment.', today, out);
    ((answers && answers.practices) || []).forEach(function (p, i) {
      if (!isEmptyPractice(data, p)) checkQuestions(data.practice, p, 'practices[' + i + '].', today, out);
    });
    return out;
  }

  function isEmptyPractice(data, p) { return isEmptyGroup({ fields: data.practice }, p); }

  // ---- YAML: every text is a quoted scalar (or a literal block), so nothing typed can become YAML structure ------

  function quote(s) {
    var out = '"';
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i), n = s.charCodeAt(i);
      if (c === '\\') out += '\\\\';
      else if (c === '"') out += '\\"';
      else if (c === '\n') out += '\\n';
      else if (c === '\t') out += '\\t';
      else if (n < 0x20 || (n >= 0x7F && n <= 0x9F) || n === 0x2028 || n === 0x2029 || n === 0xFEFF) out += '\\u' + ('000' + n.toString(16).toUpperCase()).slice(-4);
      else out += c;
    }
    return out + '"';
  }

  /* Markdown as a literal block when that reads the same, else quoted. */
  function block(s, indent) {
    if (s.indexOf('\n') < 0 || /^[ \t]/.test(s) || /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\uFEFF]/.test(s)) return ' ' + quote(s);
    return ' |-\n' + s.split('\n').map(function (l) { return l === '' ? '' : indent + l; }).join('\n');
  }

  function yamlFields(questions, v, indent, out) {
    questions.forEach(function (q) {
      if (q.name === 'body') return;
      var x = v ? v[q.name] : undefined;
      var key = indent + q.name + ':';
      switch (q.kind) {
        case 'group':
          if (isEmptyGroup(q, x)) return;
          out.push(key);
          yamlFields(q.fields, x, indent + '  ', out);
          return;
        case 'records':
          var items = (Array.isArray(x) ? x : []).filter(function (r) { return !isEmptyGroup(q, r); });
          if (!items.length) return;
          out.push(key);
          items.forEach(function (r) {
            var inner = [];
            yamlFields(q.fields, r, indent + '    ', inner);
            if (inner.length) inner[0] = indent + '  - ' + inner[0].slice(indent.length + 4);
            Array.prototype.push.apply(out, inner);
          });
          return;
        case 'localized':
          var names = q.choices.filter(function (c) { return x && !isBlank(x[c.value]); });
          if (!names.length) return;
          out.push(key);
          names.forEach(function (c) { out.push(indent + '  ' + c.value + ': ' + quote(clean(x[c.value]).trim())); });
          return;
        case 'choices':
          if (!Array.isArray(x) || !x.length) return;
          out.push(key);
          x.forEach(function (c) { out.push(indent + '  - ' + quote(String(c))); });
          return;
        case 'lines':
          var ls = lines(x);
          if (!ls.length) return;
          out.push(key);
          ls.forEach(function (l) { out.push(indent + '  - ' + quote(l)); });
          return;
      }
      if (isBlank(x)) return;
      var s = textValue(q, x);
      if (q.kind === 'integer' && /^[+-]?\d{1,15}$/.test(s)) out.push(key + ' ' + s);
      else if (q.kind === 'markdown') out.push(key + block(s, indent + '  '));
      else out.push(key + ' ' + quote(s));
    });
  }

  /* A slug from a title: accents folded, lower case, words joined by hyphens (the validator's slug rule). */
  function slugify(title) {
    var s = clean(title || '').normalize ? clean(title || '').normalize('NFD') : clean(title || '');
    s = s.replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    if (s.length > 60) s = s.slice(0, 60).replace(/-+[^-]*$/, '') || s.slice(0, 60).replace(/-+$/, '');
    return s;
  }

  function contentFile(lines, body) {
    var text = '---\n' + lines.join('\n') + '\n---\n';
    var b = body ? textValue({ kind: 'markdown' }, body) : '';
    return text + (b ? '\n' + b + '\n' : '');
  }

  /* The content files of a questionnaire: countries/<code>.md (a draft assessment) and practices/<slug>.md (drafts). */
  function files(data, answers, today) {
    var code = String(answers.country || '').toLowerCase();
    var country = data.countries.filter(function (c) { return c.code === answers.country; })[0];
    var header = '# ' + quote('Questionnaire answer for ' + (country ? country.code : '?') + (today ? ', saved ' + today : '') + '; review it, then remove draft: true to publish').slice(1, -1);
    var out = [header];
    var a = answers.assessment || {};
    yamlFields(data.country.slice(0, 1), a, '', out);
    out.push('committee_role: ' + quote(country ? country.committee : 'none'));
    yamlFields(data.country.slice(1), a, '', out);
    out.push('draft: true');
    var result = [{ name: 'countries/' + code + '.md', text: contentFile(out, a.body) }];
    var used = {};
    ((answers.practices) || []).forEach(function (p, i) {
      if (isEmptyPractice(data, p)) return;
      var base = slugify(p.title) || 'practice';
      var slug = code + '-' + base, n = 2;
      while (used[slug]) slug = code + '-' + base + '-' + n++;
      used[slug] = true;
      var lines = ['# ' + quote('Practice proposed in the questionnaire for ' + (country ? country.code : '?') + '; review it, then remove draft: true to publish').slice(1, -1)];
      yamlFields(data.practice.slice(0, 1), p, '', lines);
      lines.push('country: ' + quote(answers.country || ''));
      yamlFields(data.practice.slice(1), p, '', lines);
      lines.push('draft: true');
      result.push({ name: 'practices/' + slug + '.md', text: contentFile(lines, p.body) });
    });
    return result;
  }

  // ---- A .zip of stored entries (no compression: a few kilobytes of text), names in UTF-8 -----------------------

  var CRC = (function () {
    var t = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c >>> 0;
    }
    return t;
  })();

  function crc32(bytes) {
    var c = 0xFFFFFFFF;
    for (var i = 0; i < bytes.length; i++) c = CRC[(c ^ bytes[i]) & 0xFF] ^ (c >>> 8);
    return (c ^ 0xFFFFFFFF) >>> 0;
  }

  function utf8(s) {
    var out = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length) { c = 0x10000 + ((c - 0xD800) << 10) + (s.charCodeAt(++i) - 0xDC00); }
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xC0 | c >> 6, 0x80 | c & 63);
      else if (c < 0x10000) out.push(0xE0 | c >> 12, 0x80 | c >> 6 & 63, 0x80 | c & 63);
      else out.push(0xF0 | c >> 18, 0x80 | c >> 12 & 63, 0x80 | c >> 6 & 63, 0x80 | c & 63);
    }
    return out;
  }

  function zip(entries) {
    var out = [], central = [], offset = 0;
    function u16(a, v) { a.push(v & 255, v >>> 8 & 255); }
    function u32(a, v) { a.push(v & 255, v >>> 8 & 255, v >>> 16 & 255, v >>> 24 & 255); }
    entries.forEach(function (e) {
      var name = utf8(e.name), data = utf8(e.text), crc = crc32(data);
      var head = [];
      u32(head, 0x04034b50); u16(head, 20); u16(head, 0x0800); u16(head, 0); u16(head, 0); u16(head, 0x21);
      u32(head, crc); u32(head, data.length); u32(head, data.length); u16(head, name.length); u16(head, 0);
      var c = [];
      u32(c, 0x02014b50); u16(c, 20); u16(c, 20); u16(c, 0x0800); u16(c, 0); u16(c, 0); u16(c, 0x21);
      u32(c, crc); u32(c, data.length); u32(c, data.length); u16(c, name.length); u16(c, 0); u16(c, 0); u16(c, 0); u16(c, 0);
      u32(c, 0); u32(c, offset);
      Array.prototype.push.apply(c, name);
      central.push(c);
      Array.prototype.push.apply(out, head); Array.prototype.push.apply(out, name); Array.prototype.push.apply(out, data);
      offset += head.length + name.length + data.length;
    });
    var size = 0;
    central.forEach(function (c) { Array.prototype.push.apply(out, c); size += c.length; });
    var end = [];
    u32(end, 0x06054b50); u16(end, 0); u16(end, 0); u16(end, entries.length); u16(end, entries.length); u32(end, size); u32(end, offset); u16(end, 0);
    Array.prototype.push.apply(out, end);
    return out;
  }

  root.GESurvey = { check: check, files: files, zip: zip, slugify: slugify, quote: quote, codes: CODES };

  // ---- The page -----------------------------------------------------------------------------------------------

  if (typeof root.document === 'undefined' || !root.document.getElementById) return;
  var doc = root.document;
  var form = doc.getElementById('survey');
  var data = root.GESurveyData;
  if (!form || !data) return;
  var KEY = 'ge-survey-v1';
  var ui = data.ui, msg = data.messages;
  var storage = null;
  try { storage = root.localStorage; storage.setItem(KEY + '-probe', '1'); storage.removeItem(KEY + '-probe'); } catch (e) { storage = null; }

  function fmt(s, params) { return String(s).replace(/\{(\w+)\}/g, function (m, k) { return params && params[k] !== undefined ? String(params[k]) : m; }); }
  function todayIso() { var d = new Date(); return d.getFullYear() + '-' + ('0' + (d.getMonth() + 1)).slice(-2) + '-' + ('0' + d.getDate()).slice(-2); }

  var state = { country: '', assessment: {}, practices: [] };
  try { var saved = storage && JSON.parse(storage.getItem(KEY) || 'null'); if (saved && typeof saved === 'object') state = saved; } catch (e) { /* a damaged entry starts over */ }
  if (!state.assessment || typeof state.assessment !== 'object') state.assessment = {};
  if (!Array.isArray(state.practices)) state.practices = [];
  var touched = {};

  function el(tag, attrs, children) {
    var e = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) e.setAttribute(k, attrs[k] === true ? '' : attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }

  var counter = 0;
  function uid(path) { return 'q' + (++counter) + '-' + path.replace(/[^a-z0-9]+/gi, '-'); }

  var saveTimer = null;
  function persist() {
    if (!storage) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(function () { try { storage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* full: the file can still be saved */ } }, 150);
  }
  function persistNow() { if (storage) { clearTimeout(saveTimer); try { storage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* ignore */ } } }

  /* One question's widget, reading and writing obj[q.name]; `path` names it in the problems. */
  function widget(q, obj, path) {
    var id = uid(path);
    var errorId = id + '-error', helpId = id + '-help';
    var wrap = el('div', { 'class': 'survey-field', 'data-path': path });
    var labelText = q.label + (q.required ? ' (' + ui.required + ')' : '');
    var describedBy = (q.help || q.kind === 'lines' ? helpId + ' ' : '') + errorId;
    var help = q.help || (q.kind === 'lines' ? ui.lines_help : null);
    function changed() { touched[path] = true; persist(); refresh(path); }
    var control;
    switch (q.kind) {
      case 'group':
        var fs = el('fieldset', { 'class': 'survey-group' }, [el('legend', { text: q.label })]);
        if (q.name === 'respondent') fs.appendChild(el('p', { 'class': 'survey-note', text: ui.respondent_note }));
        if (!obj[q.name] || typeof obj[q.name] !== 'object') obj[q.name] = {};
        if (q.path.indexOf('pillars.') === 0) fs.appendChild(figures(q.name));
        q.fields.forEach(function (f) { fs.appendChild(widget(f, obj[q.name], path + '.' + f.name)); });
        return fs;
      case 'records':
        return records(q, obj, path);
      case 'localized':
        if (!obj[q.name] || typeof obj[q.name] !== 'object') obj[q.name] = {};
        var lf = el('fieldset', { 'class': 'survey-group', 'data-path': path, 'aria-describedby': errorId }, [el('legend', { text: labelText })]);
        q.choices.forEach(function (c) {
          var cid = id + '-' + c.value;
          var input = el('input', { type: 'text', id: cid, name: path + '.' + c.value, lang: c.value, autocomplete: 'off' });
          input.value = obj[q.name][c.value] || '';
          input.addEventListener('input', function () { obj[q.name][c.value] = input.value; changed(); });
          lf.appendChild(el('div', { 'class': 'survey-inline' }, [el('label', { 'for': cid, text: c.label }), input]));
        });
        lf.appendChild(el('p', { 'class': 'survey-error', id: errorId, 'aria-live': 'polite' }));
        return lf;
      case 'choices':
        if (!Array.isArray(obj[q.name])) obj[q.name] = [];
        var cf = el('fieldset', { 'class': 'survey-group survey-choices', 'data-path': path, 'aria-describedby': errorId }, [el('legend', { text: labelText })]);
        q.choices.forEach(function (c) {
          var cid = id + '-' + c.value;
          var box = el('input', { type: 'checkbox', id: cid, value: c.value });
          box.checked = obj[q.name].indexOf(c.value) >= 0;
          box.addEventListener('change', function () {
            var list = obj[q.name].filter(function (x) { return x !== c.value; });
            if (box.checked) list.push(c.value);
            obj[q.name] = q.choices.map(function (x) { return x.value; }).filter(function (x) { return list.indexOf(x) >= 0; });
            changed();
          });
          cf.appendChild(el('div', { 'class': 'survey-check' }, [box, el('label', { 'for': cid, text: c.label })]));
        });
        cf.appendChild(el('p', { 'class': 'survey-error', id: errorId, 'aria-live': 'polite' }));
        return cf;
      case 'choice':
        if (q.choices.some(function (c) { return c.description; })) {
          // A maturity level: each level of the pillar's scale with its explanation.
          var rf = el('fieldset', { 'class': 'survey-group survey-scale', 'data-path': path, 'aria-describedby': errorId }, [el('legend', { text: labelText })]);
          q.choices.forEach(function (c, i) {
            var cid = id + '-' + c.value;
            var radio = el('input', { type: 'radio', name: id, id: cid, value: c.value });
            radio.checked = obj[q.name] === c.value;
            radio.addEventListener('change', function () { if (radio.checked) { obj[q.name] = c.value; changed(); } });
            var label = el('label', { 'for': cid }, [el('strong', { text: (i + 1) + '. ' + c.label }), doc.createTextNode(' — ' + c.description)]);
            rf.appendChild(el('div', { 'class': 'survey-check' }, [radio, label]));
          });
          rf.appendChild(el('p', { 'class': 'survey-error', id: errorId, 'aria-live': 'polite' }));
          return rf;
        }
        control = el('select', { id: id });
        control.appendChild(el('option', { value: '', text: '—' }));
        q.choices.forEach(function (c) { control.appendChild(el('option', { value: c.value, text: c.label })); });
        if (obj[q.name] === undefined && q.name === 'language') obj[q.name] = data.language;
        control.value = obj[q.name] || '';
        control.addEventListener('change', function () { obj[q.name] = control.value; changed(); });
        break;
      case 'markdown':
      case 'lines':
        control = el('textarea', { id: id, rows: q.kind === 'markdown' ? 6 : 3 });
        control.value = obj[q.name] || '';
        control.addEventListener('input', function () { obj[q.name] = control.value; changed(); });
        break;
      case 'text':
        // A paragraph (a summary) gets room to be read while written.
        control = q.name === 'summary' ? el('textarea', { id: id, rows: 3 }) : el('input', { id: id, type: 'text', autocomplete: 'off' });
        control.value = obj[q.name] || '';
        control.addEventListener('input', function () { obj[q.name] = control.value; changed(); });
        break;
      default:
        var type = { integer: 'text', date: 'date', url: 'url' }[q.kind] || 'text';
        control = el('input', { id: id, type: type, inputmode: q.kind === 'integer' ? 'numeric' : null, autocomplete: 'off' });
        if (obj[q.name] === undefined && q.kind === 'date') obj[q.name] = todayIso();
        control.value = obj[q.name] || '';
        control.addEventListener('input', function () { obj[q.name] = control.value; changed(); });
        control.addEventListener('change', function () { obj[q.name] = control.value; changed(); });
    }
    control.setAttribute('aria-describedby', describedBy);
    if (q.required) control.setAttribute('aria-required', 'true');
    wrap.appendChild(el('label', { 'for': id, text: labelText }));
    if (help) wrap.appendChild(el('p', { 'class': 'survey-help', id: helpId, text: help }));
    wrap.appendChild(control);
    wrap.appendChild(el('p', { 'class': 'survey-error', id: errorId, 'aria-live': 'polite' }));
    return wrap;
  }

  /* A list of records (sources, evidence): one small fieldset each, with add and remove. */
  function records(q, obj, path) {
    if (!Array.isArray(obj[q.name])) obj[q.name] = [];
    var list = obj[q.name];
    var box = el('fieldset', { 'class': 'survey-group survey-records' }, [el('legend', { text: q.label + (q.required ? ' (' + ui.required + ')' : '') })]);
    var items = el('div');
    var errorId = uid(path) + '-error';
    function draw() {
      items.textContent = '';
      list.forEach(function (r, i) {
        var f = el('fieldset', { 'class': 'survey-record' }, [el('legend', { text: fmt(ui.item_n, { label: q.label.split(':')[0], n: i + 1 }) })]);
        q.fields.forEach(function (sub) { f.appendChild(widget(sub, r, path + '[' + i + '].' + sub.name)); });
        var remove = el('button', { type: 'button', 'class': 'survey-remove', text: ui.remove + ' (' + fmt(ui.item_n, { label: q.label.split(':')[0], n: i + 1 }) + ')' });
        remove.addEventListener('click', function () { list.splice(i, 1); persist(); draw(); refresh(); });
        f.appendChild(remove);
        items.appendChild(f);
      });
    }
    if (list.length === 0 && q.required) list.push({});
    draw();
    var add = el('button', { type: 'button', 'class': 'survey-add', text: fmt(ui.add_item, { label: q.label.split(':')[0] }) });
    add.addEventListener('click', function () { list.push({}); persist(); draw(); var inputs = items.lastChild && items.lastChild.querySelector('input, textarea, select'); if (inputs) inputs.focus(); });
    box.appendChild(items);
    box.appendChild(add);
    box.appendChild(el('p', { 'class': 'survey-error', id: errorId, 'data-path': path, 'aria-live': 'polite' }));
    return box;
  }

  var figureBoxes = {};
  function figures(pillar) {
    var box = el('div', { 'class': 'survey-figures' });
    figureBoxes[pillar] = box;
    drawFigures(pillar);
    return box;
  }
  function drawFigures(pillar) {
    var box = figureBoxes[pillar];
    if (!box) return;
    box.textContent = '';
    var country = data.countries.filter(function (c) { return c.code === state.country; })[0];
    if (!country) return;
    var rows = country.figures[pillar] || [];
    box.appendChild(el('p', { 'class': 'survey-help', text: ui.figures }));
    if (!rows.length) { box.appendChild(el('p', { text: ui.no_figures })); return; }
    var ul = el('ul');
    rows.forEach(function (f) { ul.appendChild(el('li', { text: f.name + ': ' + f.value + ' ' + f.unit + ' (' + f.year + '; ' + f.source + ')' })); });
    box.appendChild(ul);
  }

  var practicesBox, status;
  function drawPractices() {
    practicesBox.textContent = '';
    state.practices.forEach(function (p, i) {
      var fs = el('fieldset', { 'class': 'survey-practice' }, [el('legend', { text: fmt(ui.practice_n, { n: i + 1 }) })]);
      data.practice.forEach(function (q) { fs.appendChild(widget(q, p, 'practices[' + i + '].' + q.name)); });
      var remove = el('button', { type: 'button', 'class': 'survey-remove', text: ui.remove + ' (' + fmt(ui.practice_n, { n: i + 1 }) + ')' });
      remove.addEventListener('click', function () { state.practices.splice(i, 1); persist(); drawPractices(); refresh(); });
      fs.appendChild(remove);
      practicesBox.appendChild(fs);
    });
  }

  /* Shows the problems of the answers touched so far (all of them with `all`). */
  function refresh(onlyPath, all) {
    var problems = check(data, state, todayIso());
    var byPath = {};
    problems.forEach(function (p) { (byPath[p.path] = byPath[p.path] || []).push(p); });
    Array.prototype.forEach.call(form.querySelectorAll('[data-path]'), function (node) {
      var path = node.getAttribute('data-path');
      if (!all && !touched[path]) return;
      var own = byPath[path] || [];
      var error = node.classList.contains('survey-error') ? node : node.querySelector(':scope > .survey-error');
      if (!error) return;
      error.textContent = own.map(function (p) { return fmt(msg[p.key], p.params) + ' (' + p.code + ')'; }).join(' ');
      error.classList.toggle('survey-warning', own.length > 0 && own.every(function (p) { return p.warning; }));
      var input = node.querySelector('input, textarea, select');
      if (input && node.classList.contains('survey-field')) input.setAttribute('aria-invalid', own.some(function (p) { return !p.warning; }) ? 'true' : 'false');
    });
    return problems;
  }

  function build() {
    form.textContent = '';
    // The country: its code names the file; its names and figures come from the programme's data.
    var countryId = 'survey-country';
    var select = el('select', { id: countryId, 'aria-describedby': countryId + '-error', 'aria-required': 'true' });
    select.appendChild(el('option', { value: '', text: ui.choose_country }));
    data.countries.forEach(function (c) { select.appendChild(el('option', { value: c.code, text: c.label })); });
    select.value = state.country || '';
    select.addEventListener('change', function () {
      state.country = select.value;
      var c = data.countries.filter(function (x) { return x.code === state.country; })[0];
      if (c) {
        state.assessment.name = state.assessment.name || {};
        Object.keys(c.names).forEach(function (l) { if (!state.assessment.name[l]) state.assessment.name[l] = c.names[l]; });
      }
      touched.country = true;
      persistNow();
      build();
      refresh();
    });
    form.appendChild(el('div', { 'class': 'survey-field', 'data-path': 'country' }, [
      el('label', { 'for': countryId, text: ui.country + ' (' + ui.required + ')' }), select,
      el('p', { 'class': 'survey-error', id: countryId + '-error', 'aria-live': 'polite' })
    ]));
    var main = el('fieldset', { 'class': 'survey-section' }, [el('legend', { text: ui.section_country })]);
    data.country.forEach(function (q) { main.appendChild(widget(q, state.assessment, 'assessment.' + q.name)); });
    form.appendChild(main);
    var prac = el('section', { 'class': 'survey-section', 'aria-labelledby': 'survey-practices' }, [
      el('h2', { id: 'survey-practices', text: ui.practices }), el('p', { 'class': 'survey-help', text: ui.practices_help })
    ]);
    practicesBox = el('div');
    prac.appendChild(practicesBox);
    var addPractice = el('button', { type: 'button', 'class': 'survey-add', text: ui.add_practice });
    addPractice.addEventListener('click', function () {
      state.practices.push({ language: data.language });
      persistNow();
      drawPractices();
      var last = practicesBox.lastChild && practicesBox.lastChild.querySelector('input, textarea, select');
      if (last) last.focus();
    });
    prac.appendChild(addPractice);
    form.appendChild(prac);
    drawPractices();
    var actions = el('div', { 'class': 'survey-actions' });
    var save = el('button', { type: 'submit', 'class': 'survey-save', text: ui.save });
    var clear = el('button', { type: 'button', 'class': 'survey-clear', text: ui.clear });
    clear.addEventListener('click', function () {
      if (!root.confirm(ui.clear_confirm)) return;
      state = { country: '', assessment: {}, practices: [] };
      touched = {};
      persistNow();
      build();
    });
    actions.appendChild(save);
    actions.appendChild(clear);
    form.appendChild(actions);
    status = el('div', { 'class': 'survey-status', id: 'survey-status', role: 'status', 'aria-live': 'polite', tabindex: '-1' });
    form.appendChild(status);
    form.appendChild(el('p', { 'class': 'survey-help', text: storage ? ui.kept : ui.not_kept }));
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    persistNow();
    var today = todayIso();
    var problems = refresh(null, true);
    var errors = problems.filter(function (p) { return !p.warning; });
    status.textContent = '';
    var list = el('ul');
    (errors.length ? errors : problems).forEach(function (p) {
      list.appendChild(el('li', { text: p.path + ': ' + fmt(msg[p.key], p.params) + ' (' + p.code + ')' }));
    });
    if (errors.length) {
      status.appendChild(el('p', { text: fmt(ui.errors, { n: errors.length }) }));
      status.appendChild(list);
      status.focus();
      return;
    }
    var name = 'questionnaire-' + String(state.country).toLowerCase() + '-' + today + '.zip';
    var bytes = new Uint8Array(zip(files(data, state, today)));
    var link = el('a', { href: URL.createObjectURL(new Blob([bytes], { type: 'application/zip' })), download: name });
    doc.body.appendChild(link);
    link.click();
    doc.body.removeChild(link);
    status.appendChild(el('p', { text: fmt(ui.saved, { file: name }) }));
    if (problems.length) {
      status.appendChild(el('p', { text: fmt(ui.warnings, { n: problems.length }) }));
      status.appendChild(list);
    }
    status.focus();
  });

  build();
  form.hidden = false;
  refresh(null, false);
})(this);
