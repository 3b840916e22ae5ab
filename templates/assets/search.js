/*
 * Offline search for GobiernoElectronico. No framework, no requests beyond this site's own files.
 *
 * The index is Lucene's, exported at build time (generator/GobiernoElectronico/Index/BrowserIndexExport.cs)
 * as scripts that call GESearch.add(name, data): <script> elements load from file://, where fetch cannot.
 * This file never analyses text: query words are looked up in the exported vocabulary (surface form →
 * Lucene's term per language), and scores are Lucene.Net 4.8's BM25, computed with 32-bit floats at the
 * same steps (Math.fround), so that the browser and `ge search` rank the same documents in the same order.
 *
 * Query language (the same as the CLI's simple queries): words, all required; -word excludes;
 * title:word, summary:word, body:word restrict a word to one field.
 */
(function (global) {
  'use strict';

  var f32 = Math.fround;
  var shards = {};
  var pending = {};
  var dataBase = null;

  var GESearch = global.GESearch || {};
  global.GESearch = GESearch;

  /** Called by every data file. */
  GESearch.add = function (name, data) {
    shards[name] = data;
    var waiters = pending[name];
    delete pending[name];
    if (waiters) waiters.forEach(function (w) { w.resolve(data); });
  };

  GESearch.shards = shards;

  // ---- Text: the same folding and word splitting as SimpleQuery.cs -------------------------------

  var WORD = /[\p{L}\p{N}]+(?:['\u2019.][\p{L}\p{N}]+)*/gu;
  var TOKEN = /^(-(?=.))?(?:(title|summary|body):)?([\s\S]*)$/;
  var SYNTAX = /[\p{L}\p{N}](~|\*|\^\d)|[\p{L}\p{N}]\?[\p{L}\p{N}]|(^|\s)\+[\p{L}\p{N}"(]|(^|[\s(])(type|country|pillar|relation|level|sector|status|year|language):/u;
  var OPERATORS = { AND: 1, OR: 1, NOT: 1, '&&': 1, '||': 1 };

  function fold(word) {
    return word.replace(/\u2019/g, "'").normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC').toLowerCase();
  }

  function tokens(query) { return query.split(/[ \t\n\r]+/).filter(function (t) { return t.length > 0; }); }

  /** True when the query uses Lucene's syntax (SimpleQuery.UsesSyntax): only the CLI understands it fully. */
  function usesSyntax(query) {
    return query.indexOf('"') >= 0 || SYNTAX.test(query) || tokens(query).some(function (t) { return OPERATORS[t] === 1; });
  }

  /** The words of a simple query (punctuation is text), or null when it uses Lucene syntax. */
  function parse(query) {
    if (usesSyntax(query)) return null;
    var words = [], list = tokens(query);
    for (var i = 0; i < list.length; i++) {
      var m = TOKEN.exec(list[i]);
      var found = m[3].match(WORD) || [];
      for (var j = 0; j < found.length; j++) words.push({ surface: fold(found[j]), exclude: !!m[1], field: m[2] || null });
    }
    return words;
  }

  /** A query with Lucene syntax, reduced to its words (phrases become words, operators are dropped). */
  function parseLoosely(query) {
    var cleaned = query.replace(/\b(AND|OR|NOT)\b|&&|\|\|/g, ' ').replace(/["~*?()\[\]{}^\\+!&|\/]/g, ' ')
      .replace(/(^|\s)(\w+):/g, function (all, space, field) { return /^(title|summary|body)$/.test(field) ? all : space; });
    return parse(cleaned) || [];
  }

  function hash(text) {
    var h = 2166136261;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 16777619) >>> 0;
    }
    return h >>> 0;
  }

  function vocabShard(surface) {
    var key = 'v-';
    for (var i = 0; i < Math.min(2, surface.length); i++) {
      var c = surface.charAt(i);
      key += /[a-z0-9]/.test(c) ? c : '_';
    }
    return key;
  }

  /** ShardNames.VocabularyKey: 'v-' and the first `length` characters (others, and past the end, as '_'). */
  function vocabKey(surface, length) {
    var key = 'v-';
    for (var i = 0; i < length; i++) {
      var c = i < surface.length ? surface.charAt(i) : '_';
      key += /[a-z0-9]/.test(c) ? c : '_';
    }
    return key;
  }

  function termShard(term, count) { return 't-' + (hash(term) % count); }

  function docShard(id) { return 'd-' + id; }

  function facetShard(facet) { return 'f-' + facet; }

  // ---- Compact encodings (CompactEncoding.cs) ------------------------------------------------------

  var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var DECODE = {};
  for (var a = 0; a < ALPHABET.length; a++) DECODE[ALPHABET.charCodeAt(a)] = a;

  /** Calls `each` with every number of a varint string. */
  function varints(text, each) {
    var value = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var v = DECODE[text.charCodeAt(i)];
      value |= (v & 31) << shift;
      if (v & 32) shift += 5;
      else { each(value); value = 0; shift = 0; }
    }
  }

  /** A doc-id set: 'd' + varint deltas, or 'b' + bitset (6 bits a character). */
  function docSet(text) {
    var ids = new Set();
    if (text.charAt(0) === 'd') {
      var doc = 0;
      varints(text.slice(1), function (d) { doc += d; ids.add(doc); });
    } else {
      for (var i = 1; i < text.length; i++) {
        var bits = DECODE[text.charCodeAt(i)];
        for (var b = 0; b < 6; b++) if (bits & (1 << b)) ids.add((i - 1) * 6 + b);
      }
    }
    return ids;
  }

  /**
   * BM25's field lengths by norm byte, as Lucene.Net 4.8 decodes them: SmallFloat.byte315ToFloat, then
   * 1 / (f * f) in float (byte 0 decodes to 0, so its length is Infinity).
   */
  var NORMS = (function () {
    var bits = new Int32Array(1), asFloat = new Float32Array(bits.buffer), table = new Array(256);
    for (var i = 0; i < 256; i++) {
      if (i === 0) { table[i] = Infinity; continue; }
      bits[0] = (i << 21) + ((63 - 15) << 24);
      var f = asFloat[0];
      table[i] = f32(1 / f32(f * f));
    }
    return table;
  })();

  // ---- The engine: pure functions over loaded shards ---------------------------------------------

  /** The format of the index files this engine reads (BrowserIndexExport.FormatVersion; docs/search-index-format.md). */
  var FORMAT = 1;

  /**
   * An engine over the shards in `store` (name → data; the loaded files by default), described by `meta`.
   * Throws when the files are of another format than this script reads: a site built by another version.
   */
  function Engine(meta, store) {
    if (!meta || meta.version !== FORMAT)
      throw new Error('the search index is in format ' + (meta && meta.version) + ', this page reads format ' + FORMAT + ': build the site again');
    this.shards = store || shards;
    this.meta = meta;
    this.k1 = f32(meta.k1);
    this.b = f32(meta.b);
    this.stop = {};
    for (var i = 0; i < meta.stopWords.length; i++) this.stop[meta.stopWords[i]] = true;
    this.fields = meta.fields;
    this.question = {};
    for (i = 0; i < (meta.questionWords || []).length; i++) this.question[meta.questionWords[i]] = true;
    this.phrases = [];
    this.phrasesFrom = -1;
    this.langIndex = {};
    for (i = 0; i < meta.languages.length; i++) this.langIndex[meta.languages[i]] = i;
    this.cache = {};
    this.decoded = new Map(); // term and field → decoded postings, kept for the next query
    this.entries = new Map(); // vocabulary entries, parsed
    // Vocabulary shard keys ("ab,tra,trab,…"): a two-letter group, or its parts split by further letters.
    this.vocabKeys = {};
    this.groups = {}; // two-letter group → its shard names
    var keys = meta.vocabularyShards ? meta.vocabularyShards.split(',') : [], previous = '';
    for (i = 0; i < keys.length; i++) {
      previous = previous.slice(0, keys[i].charCodeAt(0) - 65) + keys[i].slice(1); // front coded (BrowserIndexExport.FrontCoded)
      var name = 'v-' + previous;
      this.vocabKeys[name] = true;
      (this.groups[name.slice(0, 4)] = this.groups[name.slice(0, 4)] || []).push(name);
    }
    this.titleFields = {};
    for (i = 0; i < meta.fields.length; i++) if (meta.fields[i].field === 'title') this.titleFields[meta.fields[i].name] = true;
    var k1 = this.k1, b = this.b, oneMinusB = f32(1 - b);
    for (var f = 0; f < meta.fields.length; f++) {
      var field = meta.fields[f];
      var avgdl = f32(field.avgdl);
      var c = new Array(256);
      for (var n = 0; n < 256; n++) c[n] = f32(k1 * f32(oneMinusB + f32(f32(b * NORMS[n]) / avgdl)));
      this.cache[field.name] = c;
    }
  }

  /** The shard that holds a surface: its longest key listed in meta (ShardNames.VocabularyKey), else its group. */
  Engine.prototype.vocabName = function (surface) {
    if (surface.length < 2) return vocabShard(surface); // one-letter words have a group of their own
    for (var length = 4; length >= 2; length--) {
      var key = vocabKey(surface, length);
      if (this.vocabKeys[key]) return key;
    }
    return vocabShard(surface);
  };

  /** The shards that may hold words beginning with `prefix` (its own, and every key under it). */
  Engine.prototype.prefixNames = function (prefix) {
    var own = this.vocabName(prefix), under = vocabKey(prefix, Math.min(prefix.length, 4));
    return this.groupNames(prefix).filter(function (n) { return n === own || n.lastIndexOf(under, 0) === 0; });
  };

  /** Every loaded surface of the given shards, sorted. */
  function surfacesOf(store, names) {
    var list = [];
    names.forEach(function (n) { list = list.concat(Object.keys(store[n] || {}).filter(function (s) { return s !== ''; })); });
    return list.sort();
  }

  /** Every loaded surface of a two-letter group (all its parts when split), sorted. */
  Engine.prototype.groupSurfaces = function (surface) { return surfacesOf(this.shards, this.groupNames(surface)); };

  var ENTRY = /^([^#!~+*@]*)(?:#([0-9]+))?(!?)(~?)(\+?)(\*?)(?:@(.*))?$/;

  /**
   * A vocabulary entry as QueryLexicon.Encoder wrote it — "term" or "es|pt|en", then "#" and the family key's
   * length, "!" (only the thesaurus has it), "~" (an inflection proposed by rule), "+" (common), "*" (a word
   * of a thesaurus phrase), "@" and how it is written — parsed
   * once; undefined when the surface is not in its (loaded) shard.
   */
  Engine.prototype.entry = function (surface) {
    var name = this.vocabName(surface), shard = this.shards[name];
    if (!shard || !Object.prototype.hasOwnProperty.call(shard, surface)) return undefined;
    var key = name + '\u0000' + surface, parsed = this.entries.get(key);
    if (parsed) return parsed;
    var m = ENTRY.exec(shard[surface]), parts = m[1].indexOf('|') < 0 ? [m[1], m[1], m[1]] : m[1].split('|'), terms = {};
    for (var i = 0; i < this.meta.languages.length; i++) terms[this.meta.languages[i]] = parts[i] || null;
    parsed = { terms: terms, family: m[2] ? parseInt(m[2], 10) : 0, absent: m[3] === '!', generated: m[4] === '~', common: m[5] === '+', phraseWord: m[6] === '*', display: m[7] || surface };
    this.entries.set(key, parsed);
    return parsed;
  };

  /** Lucene's term per language for a surface form; undefined when the vocabulary does not have it. */
  Engine.prototype.termsOf = function (surface) {
    var e = this.entry(surface);
    return e === undefined ? undefined : e.terms;
  };

  /** True when the content uses the surface (QueryLexicon.Occurs): known, and not only to the thesaurus. */
  Engine.prototype.occurs = function (surface) {
    var e = this.entry(surface);
    return e !== undefined && !e.absent;
  };

  /** How a surface is most often written (QueryLexicon.Display): "@form" in its entry, else itself. */
  Engine.prototype.display = function (surface) {
    var e = this.entry(surface);
    return e === undefined ? surface : e.display;
  };

  /**
   * The thesaurus phrases of the loaded vocabulary shards (each carries, under "", every concept a word of
   * it can begin: QueryLexicon.PhrasesByShard), in the thesaurus's order, each once.
   */
  Engine.prototype.loadedPhrases = function () {
    var store = this.shards, names = Object.keys(store);
    if (names.length === this.phrasesFrom) return this.phrases;
    var byIndex = {};
    names.forEach(function (n) {
      var carried = n.lastIndexOf('v-', 0) === 0 && store[n] && store[n][''];
      if (carried) carried.forEach(function (p) { byIndex[p[0]] = p; });
    });
    this.phrases = Object.keys(byIndex).map(Number).sort(function (a, b) { return a - b; }).map(function (i) {
      var p = byIndex[i];
      return { concept: p[1], lang: p[2], words: p[3].split(' '), terms: (p.length > 4 ? p[4] : p[3]).split(' ') };
    });
    this.phrasesFrom = names.length;
    return this.phrases;
  };

  /** True for a word of a thesaurus phrase (QueryLexicon.PhraseWords). */
  Engine.prototype.phraseWord = function (surface) {
    var e = this.entry(surface);
    return e !== undefined && e.phraseWord;
  };

  /** True for an inflection proposed by rule, not written anywhere (QueryLexicon.Generated). */
  Engine.prototype.generated = function (surface) {
    var e = this.entry(surface);
    return e !== undefined && e.generated;
  };

  /** True when the surface's own term fills pages of results (QueryLexicon.Common). */
  Engine.prototype.common = function (surface) {
    var e = this.entry(surface);
    return e !== undefined && e.common;
  };

  /** The family key of a surface (QueryLexicon.FamilyKey): its beginning of the encoded length, else itself. */
  Engine.prototype.familyKey = function (surface) {
    var e = this.entry(surface);
    return e === undefined || e.family === 0 ? surface : surface.slice(0, e.family);
  };

  /** Other words of a surface's derivational family, analysed differently, sorted, at most 8 (QueryPlanner.Family). */
  Engine.prototype.family = function (surface) {
    var key = this.familyKey(surface), own = this.termsOf(surface);
    if (key.length < 5 || own === undefined || this.common(surface)) return [];
    var shard = this.shards[this.vocabName(surface)] || {}, list = Object.keys(shard).sort(), found = [], langs = this.meta.languages;
    for (var i = 0; i < list.length && found.length < 8; i++) {
      var s = list[i];
      if (s === surface || s.lastIndexOf(key, 0) !== 0 || this.familyKey(s) !== key) continue;
      var terms = this.termsOf(s), same = true;
      for (var l = 0; l < langs.length; l++) if (terms[langs[l]] !== own[langs[l]]) same = false;
      if (!same) found.push(s);
    }
    return found;
  };

  /** Vocabulary surfaces starting with a prefix (results while typing), at most `limit`, sorted. */
  Engine.prototype.surfacesWithPrefix = function (prefix, limit) {
    var self = this, list = surfacesOf(this.shards, this.prefixNames(prefix));
    return list.filter(function (s) { return s.lastIndexOf(prefix, 0) === 0 && self.occurs(s); }).slice(0, limit);
  };

  /** The shards a query needs before it can be scored: vocabulary first, then terms. */
  Engine.prototype.vocabularyNeeded = function (words, prefix) {
    var names = {}, stop = this.stop, self = this;
    words.forEach(function (w, i) {
      if (stop[w.surface]) return; // stop words are never looked up
      names[self.vocabName(w.surface)] = true;
      if (prefix && i === words.length - 1 && w.surface.length >= 2) self.prefixNames(w.surface).forEach(function (n) { names[n] = true; });
    });
    return Object.keys(names);
  };

  /** Every shard name of a surface's two-letter group. */
  Engine.prototype.groupNames = function (surface) {
    var group = vocabShard(surface);
    return this.groups[group] || [group];
  };

  /** Whole groups for unknown words (corrections), every key under an unknown three-letter word (completions). */
  Engine.prototype.groupsNeeded = function (words) {
    var names = {}, self = this;
    words.forEach(function (w) {
      if (self.stop[w.surface] || w.exclude || w.surface.length < 3 || self.occurs(w.surface)) return;
      (w.surface.length >= 4 ? self.groupNames(w.surface) : self.prefixNames(w.surface)).forEach(function (n) { names[n] = true; });
    });
    return Object.keys(names);
  };

  /** Facet shards needed to apply `filters`. */
  Engine.prototype.facetsNeeded = function (filters) {
    var declared = this.meta.facets;
    // Only facets the index declares: a name taken from the page's URL never becomes a script to load.
    return Object.keys(filters || {}).filter(function (f) { return declared.indexOf(f) >= 0 && filters[f] && filters[f].length > 0; }).map(facetShard);
  };

  Engine.prototype.allFacetShards = function () { return this.meta.facets.map(facetShard); };

  /** A term's entry in its loaded shard, or in its own file when the shard names one ({r: name}). */
  Engine.prototype.termEntry = function (term) {
    var entry = (this.shards[termShard(term, this.meta.termShards)] || {})[term];
    return entry && entry.r ? this.shards[entry.r] : entry;
  };

  /** The own files of the plan's big terms, named by their loaded shards. */
  Engine.prototype.ownFilesNeeded = function (plan) {
    var names = {}, count = this.meta.termShards, store = this.shards;
    eachTerm(plan, false, function (t) {
      var entry = (store[termShard(t.term, count)] || {})[t.term];
      if (entry && entry.r) names[entry.r] = true;
    });
    return Object.keys(names);
  };

  Engine.prototype.termsNeeded = function (plan) {
    var names = {}, count = this.meta.termShards;
    eachTerm(plan, false, function (t) { names[termShard(t.term, count)] = true; });
    return Object.keys(names);
  };

  /** Calls `fn` for every planned term (of included units only when `includedOnly`). */
  function eachTerm(plan, includedOnly, fn) {
    plan.units.forEach(function (u) {
      if (includedOnly && u.exclude) return;
      u.alternatives.forEach(function (a) { a.words.forEach(function (w) { w.terms.forEach(fn); }); });
    });
  }

  /** Lucene's term of a surface in one language; undefined when the vocabulary does not know the surface. */
  Engine.prototype.termOf = function (surface, lang) {
    var t = this.termsOf(surface);
    return t === undefined ? undefined : t[lang];
  };

  /** The closest surfaces of the word's vocabulary shard (QueryPlanner.Corrections). */
  Engine.prototype.corrections = function (word) {
    var max = word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
    if (max === 0 || /[0-9]/.test(word)) return []; // 2016 is not a typo of 2015
    var self = this, list = this.groupSurfaces(word), best = max + 1, found = [];
    for (var i = 0; i < list.length; i++) {
      var s = list[i];
      if (s === word || Math.abs(s.length - word.length) > max || self.stop[s] || !(self.occurs(s) && !self.generated(s) || self.phraseWord(s))) continue;
      var d = editDistance(word, s, best);
      if (d < best) { best = d; found = []; }
      if (d === best) found.push(s);
    }
    return best > max ? [] : found.slice(0, 3);
  };

  /** Optimal string alignment distance, or limit + 1 when over it (QueryPlanner.EditDistance). */
  function editDistance(a, b, limit) {
    var prev2 = new Array(b.length + 1), prev = new Array(b.length + 1), cur = new Array(b.length + 1), j, tmp;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur[0] = i;
      var rowMin = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (rowMin > limit) return limit + 1;
      tmp = prev2; prev2 = prev; prev = cur; cur = tmp;
    }
    return prev[b.length];
  }

  /** The words as typed: each searched in every language's fields with its term there. */
  Engine.prototype.original = function (surfaces, field, factor, coverage) {
    var self = this;
    if (factor === undefined) factor = 1;
    return { words: surfaces.map(function (s) {
      var terms = [], seen = {};
      self.fields.forEach(function (f) {
        if (field && f.field !== field) return;
        var term = self.termOf(s, f.lang);
        if (!term || seen[f.name + '\u0000' + term]) return;
        seen[f.name + '\u0000' + term] = true;
        terms.push({ field: f.name, term: term, boost: f32(f.boost * factor) });
      });
      return { surface: s, terms: terms };
    }), coverage: coverage || 1 };
  };

  /** Every name of the concepts, each searched in its own language's fields (QueryPlanner.ConceptAlternatives). */
  Engine.prototype.conceptAlternatives = function (concepts, field, coverage) {
    var self = this, result = [];
    concepts.forEach(function (concept) {
      self.phrases.forEach(function (ph) {
        if (ph.concept !== concept) return;
        result.push({ words: ph.terms.map(function (t, n) {
          var terms = [];
          self.fields.forEach(function (f) {
            if (f.lang !== ph.lang || (field && f.field !== field)) return;
            terms.push({ field: f.name, term: t, boost: f.boost });
          });
          return { surface: ph.words[n], terms: terms };
        }), coverage: coverage });
      });
    });
    return result;
  };

  /** Adds the families of `surfaces`, at most 8 words in all, at half weight (QueryPlanner.AddFamily). */
  Engine.prototype.addFamily = function (alternatives, surfaces, field) {
    var family = [], self = this;
    surfaces.forEach(function (s) {
      self.family(s).forEach(function (f) {
        if (family.length < 8 && surfaces.indexOf(f) < 0 && family.indexOf(f) < 0) family.push(f);
      });
    });
    family.forEach(function (f) { alternatives.push(self.original([f], field, 0.5)); });
  };

  function unit(text, exclude, alternatives) {
    return { text: text, exclude: exclude, alternatives: alternatives.filter(function (a) {
      return a.words.every(function (w) { return w.terms.length > 0; });
    }) };
  }

  /**
   * The query planner (QueryPlanner.Plan, step for step): stop words go, question words go unless nothing
   * else is left; the longest thesaurus phrase at each position becomes one unit with the concept's other
   * names as alternatives; an unknown word is completed, or corrected (with a suggestion). `prefix`
   * completes the last word (results while typing).
   */
  Engine.prototype.plan = function (words, prefix) {
    var self = this, i, k;
    this.loadedPhrases();
    var content = words.filter(function (w) { return !self.stop[w.surface]; });
    var withoutQuestions = content.filter(function (w) { return w.exclude || !self.question[w.surface]; });
    if (withoutQuestions.some(function (w) { return !w.exclude; })) content = withoutQuestions;
    // Corrections of the words the content does not use and that begin no word it uses, made first: a
    // corrected word can then be part of a thesaurus phrase ("tax retrun" → "tax return").
    var fixes = content.map(function (w, n) {
      return w.exclude || prefix && n === content.length - 1 || self.occurs(w.surface) || w.surface.length < 3
        || self.surfacesWithPrefix(w.surface, 1).length > 0 ? [] : self.corrections(w.surface);
    });
    var units = [], suggestion = [], corrected = false;
    i = 0;
    while (i < content.length) {
      var w = content[i], best = 0, concepts = [], matchedWith = [];
      for (var p = 0; p < this.phrases.length; p++) {
        var ph = this.phrases[p], length = ph.words.length;
        if (length < best || i + length > content.length) continue;
        var withWords = [];
        for (k = 0; k < length; k++) {
          var x = content[i + k];
          if (x.exclude !== w.exclude || x.field !== w.field) break;
          if (this.termOf(x.surface, ph.lang) === ph.terms[k]) { withWords.push(x.surface); continue; }
          var fix = null;
          for (var f = 0; f < fixes[i + k].length && fix === null; f++) if (this.termOf(fixes[i + k][f], ph.lang) === ph.terms[k]) fix = fixes[i + k][f];
          if (fix === null) break;
          withWords.push(fix);
        }
        if (withWords.length < length) continue;
        if (length > best) { best = length; concepts = []; matchedWith = withWords; }
        if (concepts.indexOf(ph.concept) < 0) concepts.push(ph.concept);
      }
      if (best > 0) {
        var typed = content.slice(i, i + best).map(function (g) { return g.surface; });
        var alternatives = [this.original(matchedWith, w.field, 1, best)].concat(this.conceptAlternatives(concepts, w.field, best));
        if (!w.exclude && best === 1) this.addFamily(alternatives, matchedWith, w.field);
        // A document with only some of the phrase's words still matches, for fewer words.
        if (!w.exclude && best > 1) matchedWith.forEach(function (g) { alternatives.push(self.original([g], w.field)); });
        units.push(unit(typed.join(' '), w.exclude, alternatives));
        suggestion = suggestion.concat(matchedWith.map(function (m) { return { display: self.display(m), candidates: [] }; }));
        if (matchedWith.join(' ') !== typed.join(' ')) corrected = true;
        i += best;
        continue;
      }
      var surfaces = [w.surface], known = this.occurs(w.surface), said = w.surface;
      if (prefix && i === content.length - 1 && !w.exclude && w.surface.length >= 2) {
        surfaces = this.surfacesWithPrefix(w.surface, 12);
        if (known && surfaces.indexOf(w.surface) < 0) surfaces.unshift(w.surface);
      } else if (!known && !w.exclude && w.surface.length >= 3) {
        var completions = this.surfacesWithPrefix(w.surface, 12);
        if (completions.length > 0) surfaces = completions;
        else {
          var corrections = fixes[i];
          if (corrections.length > 0) { surfaces = corrections; said = corrections[0]; corrected = true; }
        }
      }
      var alternatives2 = surfaces.map(function (s) { return self.original([s], w.field); });
      // The corrections' own words, before the family joins them: the suggestion offers the one that finds the most.
      var candidates = said !== w.surface && surfaces.length > 1
        ? surfaces.map(function (s, n) { return { word: alternatives2[n].words[0], display: self.display(s) }; }) : [];
      if (!w.exclude && !(prefix && i === content.length - 1)) this.addFamily(alternatives2, surfaces, w.field);
      units.push(unit(w.surface, w.exclude, alternatives2));
      suggestion.push({ display: this.display(said), candidates: candidates });
      i++;
    }
    return { units: units, hadWords: words.length > 0, suggested: corrected ? suggestion : null };
  };

  /**
   * The corrected query, when a word was corrected (QueryPlan.Suggestion): a word corrected into several equally
   * close candidates is offered as the one whose word matches the most documents, the first among equals. All of
   * them are searched either way; the terms are those the plan loaded.
   */
  Engine.prototype.suggestionOf = function (plan) {
    if (!plan.suggested) return null;
    var self = this;
    return plan.suggested.map(function (word) {
      var shown = word.display, most = -1;
      word.candidates.forEach(function (c) {
        var found = self.scoreClause(c.word).docs.length;
        if (found > most) { shown = c.display; most = found; }
      });
      return shown;
    }).join(' ');
  };

  /** A term's postings in one field, decoded once: doc ids, frequencies and norm bytes, in doc order. */
  Engine.prototype.postings = function (term, field, text) {
    var key = term + '\u0000' + field, cached = this.decoded.get(key);
    if (cached) return cached;
    var docs = [], freqs = [], norms = [], doc = 0, step = 0;
    varints(text, function (n) {
      if (step === 0) { doc += n; docs.push(doc); }
      else if (step === 1) freqs.push(n);
      else norms.push(n);
      step = (step + 1) % 3;
    });
    cached = { docs: Int32Array.from(docs), freqs: Int32Array.from(freqs), norms: Uint8Array.from(norms) };
    this.decoded.set(key, cached);
    return cached;
  };

  /**
   * One word's clause (Lucene's disjunction of its terms): the documents it matches, each one's float score
   * (the terms' scores summed in double in clause order, then rounded) and whether a title field matched.
   * Dense arrays over doc ids: `flags` 1 = matches, 2 = in a title too.
   */
  Engine.prototype.scoreClause = function (clause) {
    var maxDoc = this.meta.maxDoc, kPlus1 = f32(this.k1 + 1);
    var sums = new Float64Array(maxDoc), flags = new Uint8Array(maxDoc), docs = [];
    for (var i = 0; i < clause.terms.length; i++) {
      var t = clause.terms[i];
      var entry = this.termEntry(t.term);
      var postings = entry && entry.f[t.field];
      if (!postings) continue;
      var idf = f32(postings[0]);
      var weight = f32(f32(idf * f32(t.boost)) * 1);
      var weightValue = f32(weight * kPlus1);
      var cache = this.cache[t.field], bit = this.titleFields[t.field] === true ? 3 : 1;
      var p = this.postings(t.term, t.field, postings[2]);
      for (var k = 0; k < p.docs.length; k++) {
        var doc = p.docs[k], freq = p.freqs[k];
        if (flags[doc] === 0) docs.push(doc);
        flags[doc] |= bit;
        sums[doc] += f32(f32(weightValue * freq) / f32(freq + cache[p.norms[k]]));
      }
    }
    var scores = new Float32Array(maxDoc); // storing rounds to float, as Math.fround does
    for (i = 0; i < docs.length; i++) scores[docs[i]] = sums[docs[i]];
    return { docs: docs, scores: scores, flags: flags };
  };

  /**
   * All matching documents, best first (SearchEngine.Match): a word scores as Lucene's disjunction of its
   * terms; an alternative needs all its words (float sum in order); a unit takes its best alternative (most
   * query words covered, then score); a document ranks by the query words its units cover, then those
   * covered in its title, then the float sum of the units' scores in unit order, then its id. An empty
   * query matches everything with score 1 (Lucene's MatchAllDocsQuery). Dense typed arrays over doc ids.
   */
  Engine.prototype.match = function (plan) {
    var maxDoc = this.meta.maxDoc, self = this, i;
    if (!plan.hadWords) {
      var all = [];
      for (i = 0; i < maxDoc; i++) all.push({ doc: i, score: 1, matched: 0 });
      return all;
    }
    var wordCache = new Map();
    function word(w) {
      if (!wordCache.has(w)) wordCache.set(w, self.scoreClause(w));
      return wordCache.get(w);
    }
    // Per document: coverage and score of the unit's best alternative (coverage first), and the largest
    // coverage of an alternative matched entirely in a title field.
    function unitScores(u) {
      var coverage = new Int32Array(maxDoc), score = new Float32Array(maxDoc), titled = new Int32Array(maxDoc), docs = [];
      u.alternatives.forEach(function (a) {
        var maps = a.words.map(word), first = maps[0].docs;
        for (var d = 0; d < first.length; d++) {
          var doc = first[d], sum = 0, inTitle = true, all = true;
          for (var j = 0; j < maps.length; j++) {
            var f = maps[j].flags[doc];
            if (f === 0) { all = false; break; }
            sum = f32(sum + maps[j].scores[doc]);
            if (f !== 3) inTitle = false;
          }
          if (!all) continue;
          var t = inTitle ? a.coverage : 0;
          if (coverage[doc] === 0) { docs.push(doc); coverage[doc] = a.coverage; score[doc] = sum; titled[doc] = t; continue; }
          if (a.coverage > coverage[doc] || a.coverage === coverage[doc] && sum > score[doc]) { coverage[doc] = a.coverage; score[doc] = sum; }
          if (t > titled[doc]) titled[doc] = t;
        }
      });
      return { docs: docs, coverage: coverage, score: score, titled: titled };
    }
    var included = plan.units.filter(function (u) { return !u.exclude; });
    if (included.length === 0) return [];
    var matched = new Int32Array(maxDoc), titledSum = new Int32Array(maxDoc), total = new Float32Array(maxDoc), docs = [];
    included.forEach(function (u) {
      var us = unitScores(u);
      for (var d = 0; d < us.docs.length; d++) {
        var doc = us.docs[d];
        if (matched[doc] === 0) docs.push(doc);
        total[doc] = matched[doc] === 0 ? us.score[doc] : total[doc] + us.score[doc];
        matched[doc] += us.coverage[doc];
        titledSum[doc] += us.titled[doc];
      }
    });
    var excluded = new Uint8Array(maxDoc);
    plan.units.forEach(function (u) {
      if (u.exclude) unitScores(u).docs.forEach(function (doc) { excluded[doc] = 1; });
    });
    var results = [];
    for (i = 0; i < docs.length; i++)
      if (!excluded[docs[i]]) results.push({ doc: docs[i], matched: matched[docs[i]], titled: titledSum[docs[i]], score: total[docs[i]] });
    results.sort(function (a, b) { return b.matched - a.matched || b.titled - a.titled || b.score - a.score || a.doc - b.doc; });
    return results;
  };

  /** Facet value → doc ids for the facets whose shard is loaded, decoded once each. */
  Engine.prototype.facetSets = function () {
    var sets = this._facets || (this._facets = {}), store = this.shards;
    this.meta.facets.forEach(function (facet) {
      var raw = store[facetShard(facet)];
      if (sets[facet] || !raw) return;
      sets[facet] = {};
      Object.keys(raw).forEach(function (value) { sets[facet][value] = docSet(raw[value]); });
    });
    return sets;
  };

  /**
   * Filters (facet → values: OR within a facet, AND across) and counts (each facet counted with every
   * filter but its own), as the CLI does.
   */
  Engine.prototype.facet = function (matches, filters) {
    var sets = this.facetSets(), facets = this.meta.facets;
    function passes(doc, except) {
      for (var facet in filters) {
        if (facet === except || !filters[facet] || filters[facet].length === 0) continue;
        var ok = false;
        for (var i = 0; i < filters[facet].length; i++) {
          var set = sets[facet] && sets[facet][filters[facet][i]];
          if (set && set.has(doc)) { ok = true; break; }
        }
        if (!ok) return false;
      }
      return true;
    }
    var counts = {};
    facets.forEach(function (facet) {
      if (!sets[facet]) { counts = null; return; } // counts wait until every facet shard is loaded
      if (counts === null) return;
      var c = {};
      var values = Object.keys(sets[facet] || {});
      matches.forEach(function (m) {
        if (!passes(m.doc, facet)) return;
        for (var i = 0; i < values.length; i++) if (sets[facet][values[i]].has(m.doc)) c[values[i]] = (c[values[i]] || 0) + 1;
      });
      counts[facet] = c;
    });
    return { hits: matches.filter(function (m) { return passes(m.doc, null); }), counts: counts };
  };

  /** The surface forms to mark in snippets: every surface whose term an included unit used. */
  Engine.prototype.markSet = function (plan) {
    var marks = {}, self = this;
    plan.units.forEach(function (u) {
      if (u.exclude) return;
      u.alternatives.forEach(function (a) { a.words.forEach(function (w) { marks[w.surface] = true; }); });
    });
    eachTerm(plan, true, function (t) {
      var entry = self.termEntry(t.term);
      if (entry) entry.s.forEach(function (s) { marks[s] = true; });
    });
    return marks;
  };

  /** A window of the text around the most matched words: [{text, mark}] parts, never HTML. */
  function snippet(text, marks, length) {
    var words = [], re = new RegExp(WORD.source, 'gu'), m;
    while ((m = re.exec(text)) !== null) words.push({ start: m.index, end: m.index + m[0].length, hit: !!marks[fold(m[0])] });
    var best = 0, bestCount = -1, span = 30;
    for (var i = 0; i < words.length; i++) {
      if (!words[i].hit) continue;
      var count = 0;
      for (var j = i; j < Math.min(words.length, i + span); j++) if (words[j].hit) count++;
      if (count > bestCount) { bestCount = count; best = Math.max(0, i - 5); }
    }
    if (words.length === 0) return [{ text: text.slice(0, length), mark: false }];
    var from = words[best].start, to = Math.min(text.length, from + length);
    for (var e = best; e < words.length && words[e].end <= from + length; e++) to = words[e].end; // end on a word
    var parts = [], pos = from;
    if (from > 0) parts.push({ text: '… ', mark: false });
    for (var k = best; k < words.length && words[k].end <= to; k++) {
      if (!words[k].hit) continue;
      if (words[k].start > pos) parts.push({ text: text.slice(pos, words[k].start), mark: false });
      parts.push({ text: text.slice(words[k].start, words[k].end), mark: true });
      pos = words[k].end;
    }
    parts.push({ text: text.slice(pos, to) + (to < text.length ? ' …' : ''), mark: false });
    return parts;
  }

  /**
   * Synchronous search over shards already loaded: used by the page after loading, and by tests.
   * Returns { total, hits: [{doc, score}], counts, plan, words }.
   */
  Engine.prototype.searchLoaded = function (query, filters, options) {
    options = options || {};
    var words = parse(query);
    if (words === null) words = parseLoosely(query);
    var plan = this.plan(words, !!options.prefix);
    var matches = this.match(plan);
    var faceted = this.facet(matches, filters || {});
    return { total: faceted.hits.length, hits: faceted.hits, counts: faceted.counts, plan: plan, words: words, suggestion: this.suggestionOf(plan) };
  };

  GESearch.Engine = Engine;
  GESearch.parse = parse;
  GESearch.fold = fold;
  GESearch.hash = hash;
  GESearch.snippet = snippet;
  GESearch.names = { vocab: vocabShard, vocabKey: vocabKey, term: termShard, doc: docShard };

  // ---- Loading shards with <script> elements ------------------------------------------------------

  /** Shard names the export writes: anything else (from a URL, say) is never turned into a script src. */
  var SHARD_NAME = /^(meta|v-[a-z0-9_]{1,8}|t-[0-9]{1,10}(-[0-9]{1,10})?|d-[0-9]{1,9}|f-[a-z_]{1,32})$/;

  function load(name) {
    if (shards[name]) return Promise.resolve(shards[name]);
    if (!SHARD_NAME.test(name) || (name.lastIndexOf('f-', 0) === 0 && shards.meta && shards.meta.facets.indexOf(name.slice(2)) < 0)) {
      GESearch.add(name, {});
      return Promise.resolve(shards[name]);
    }
    // Only vocabulary shards listed in meta exist; asking for another would be a failed request.
    if (name.lastIndexOf('v-', 0) === 0 && GESearch.engine && !GESearch.engine.vocabKeys[name]) {
      GESearch.add(name, {});
      return Promise.resolve(shards[name]);
    }
    return new Promise(function (resolve) {
      var first = !pending[name];
      (pending[name] = pending[name] || []).push({ resolve: resolve });
      if (!first) return;
      var script = document.createElement('script');
      script.src = dataBase + name + '.js';
      script.async = true;
      script.onerror = function () { GESearch.add(name, {}); }; // never expected: every listed shard is written
      document.head.appendChild(script);
    });
  }

  function loadAll(names) { return Promise.all(names.map(load)); }

  /** Loads what `query` needs, then searches. Resolves to the same shape as searchLoaded plus `docs`. */
  GESearch.search = function (query, filters, options) {
    var engine;
    return load('meta').then(function (meta) {
      engine = GESearch.engine || (GESearch.engine = new Engine(meta));
      var words = parse(query) || parseLoosely(query);
      var plan, prefix = !!(options && options.prefix);
      return loadAll(engine.vocabularyNeeded(words, prefix).concat(engine.facetsNeeded(filters))).then(function () {
        return loadAll(engine.groupsNeeded(words));
      }).then(function () {
        plan = engine.plan(words, prefix);
        return loadAll(engine.termsNeeded(plan));
      }).then(function () {
        return loadAll(engine.ownFilesNeeded(plan));
      });
    }).then(function () {
      var result = engine.searchLoaded(query, filters, options);
      var page = result.hits.slice(0, (options && options.limit) || 10);
      return loadAll(page.map(function (h) { return docShard(h.doc); })).then(function () {
        result.docs = page.map(function (h) { return shards[docShard(h.doc)]; });
        result.marks = engine.markSet(result.plan);
        return result;
      });
    });
  };

  /** Loads every facet shard, then counts facets for a result of GESearch.search. */
  GESearch.facetCounts = function (result, filters) {
    var engine = GESearch.engine;
    return loadAll(engine.allFacetShards()).then(function () {
      var all = engine.match(result.plan);
      return engine.facet(all, filters || {}).counts;
    });
  };

  // ---- The search page ----------------------------------------------------------------------------

  if (typeof document === 'undefined') return;

  var script = document.currentScript;
  dataBase = script.getAttribute('data-index');
  var root = script.getAttribute('data-root') || '';
  var lang = script.getAttribute('data-lang') || 'es';

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }

  function readState() {
    var params = new URLSearchParams(location.search), filters = {};
    params.forEach(function (value, key) {
      if (key !== 'q') (filters[key] = filters[key] || []).push(value);
    });
    return { q: params.get('q') || '', filters: filters };
  }

  // Typing replaces the history entry (one per search, not per key); a facet, a suggestion or a submitted
  // search adds one, so that Back undoes it instead of leaving the page.
  function writeState(state, push) {
    var params = new URLSearchParams();
    if (state.q) params.set('q', state.q);
    Object.keys(state.filters).sort().forEach(function (k) { state.filters[k].forEach(function (v) { params.append(k, v); }); });
    var url = location.pathname + (params.toString() ? '?' + params.toString() : '');
    if (url === location.pathname + location.search) return;
    try { if (push) history.pushState(null, '', url); else history.replaceState(null, '', url); } catch (e) { /* some browsers refuse history on file:// */ }
  }

  function start() {
    var form = document.getElementById('search-form');
    var input = document.getElementById('search-input');
    var status = document.getElementById('search-status');
    var results = document.getElementById('search-results');
    var facetsBox = document.getElementById('search-facets');
    if (!form || !input) return;
    var state = readState(), timer = null, generation = 0;
    input.value = state.q;

    function run(prefix) {
      var mine = ++generation;
      GESearch.search(state.q, state.filters, { prefix: prefix, limit: 20 }).then(function (r) {
        if (mine !== generation) return;
        render(r);
        return GESearch.facetCounts(r, state.filters).then(function (counts) {
          if (mine === generation) renderFacets(counts);
        });
      })['catch'](function (e) {
        // An index of another format (a site half copied from two builds): say so rather than show nothing.
        if (mine === generation) status.textContent = String((e && e.message) || e);
      });
    }

    function render(r) {
      var meta = shards.meta, s = meta.strings[lang], labelsOf = meta.labels[lang];
      results.textContent = '';
      status.textContent = (r.total === 0 && state.q ? s.no_results : r.total === 1 ? s.one_result : s.results.replace('{n}', r.total)) + (state.q ? ' — «' + state.q + '»' : '');
      if (r.suggestion) {
        var link = el('a', { href: '?q=' + encodeURIComponent(r.suggestion), 'class': 'suggestion' }, [r.suggestion]);
        link.addEventListener('click', function (e) {
          e.preventDefault();
          state.q = r.suggestion;
          input.value = state.q;
          writeState(state, true);
          run(false);
        });
        status.appendChild(document.createTextNode(' '));
        status.appendChild(el('span', {}, [s.did_you_mean + ' ', link, '?']));
      }
      r.docs.forEach(function (d, i) {
        var facets = d.facets || {};
        var metaLine = [labelsOf.type[d.type] || d.type];
        // Countries the filter asks for first, then the others: at most three, and how many more.
        var wanted = state.filters.country || [], countries = (facets.country || []).slice();
        countries.sort(function (a, b) { return (wanted.indexOf(b) >= 0 ? 1 : 0) - (wanted.indexOf(a) >= 0 ? 1 : 0); });
        if (countries.length > 0)
          metaLine.push(countries.slice(0, 3).map(function (c) { return labelsOf.country[c] || c; }).join(', ') + (countries.length > 3 ? ' +' + (countries.length - 3) : ''));
        if (facets.year && facets.year[0]) metaLine.push(facets.year[0]);
        var snip = el('p', { 'class': 'snippet' });
        GESearch.snippet(d.summary + ' ' + d.text, r.marks, 240).forEach(function (part) {
          snip.appendChild(part.mark ? el('mark', {}, [part.text]) : document.createTextNode(part.text));
        });
        var parts = [
          el('h3', {}, [el('a', { href: root + d.url }, [d.title])]),
          el('p', { 'class': 'meta' }, [metaLine.join(' · ')]),
        ];
        // A summary in the reader's language, marked as a translation, before the original's snippet.
        var translated = d.lang !== lang && d.summaries && d.summaries[lang];
        if (translated)
          parts.push(el('p', { 'class': 'summary', lang: lang }, [translated + ' ', el('span', { 'class': 'translation-note' }, ['(' + s.translated_summary + ')'])]));
        parts.push(snip);
        results.appendChild(el('li', { 'class': 'result', lang: d.lang, 'data-doc': String(r.hits[i].doc) }, parts));
      });
    }

    function renderFacets(allCounts) {
      var meta = shards.meta, s = meta.strings[lang];
      facetsBox.textContent = '';
      meta.facets.forEach(function (facet) {
        var counts = allCounts[facet] || {}, values = Object.keys(counts);
        if (values.length === 0 || facet === 'language' && values.length < 2) return;
        var labels = meta.labels[lang][facet] || {};
        values.sort(function (a, b) { return counts[b] - counts[a] || (labels[a] || a).localeCompare(labels[b] || b); });
        var list = el('ul', {});
        values.forEach(function (value) {
          var id = 'f-' + facet + '-' + value.replace(/[^a-zA-Z0-9-]/g, '_');
          var box = el('input', { type: 'checkbox', id: id, name: facet, value: value });
          box.checked = (state.filters[facet] || []).indexOf(value) >= 0;
          box.addEventListener('change', function () {
            var current = state.filters[facet] || [];
            state.filters[facet] = box.checked ? current.concat([value]) : current.filter(function (v) { return v !== value; });
            if (state.filters[facet].length === 0) delete state.filters[facet];
            writeState(state, true);
            run(false);
          });
          list.appendChild(el('li', {}, [box, el('label', { 'for': id }, [(labels[value] || value) + ' (' + counts[value] + ')'])]));
        });
        facetsBox.appendChild(el('fieldset', {}, [el('legend', {}, [s['facet_' + facet] || facet]), list]));
      });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        state.q = input.value;
        writeState(state);
        run(true);
      }, 120);
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      state.q = input.value;
      writeState(state, true);
      run(false);
    });
    // Back and Forward restore the query and the filters of that entry.
    window.addEventListener('popstate', function () {
      var back = readState();
      state.q = back.q;
      state.filters = back.filters;
      input.value = state.q || '';
      run(false);
    });
    // An empty page waits for a query or a filter in the URL rather than loading the whole index.
    if (state.q || Object.keys(state.filters).length > 0) run(false);
    else input.focus();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})(typeof window !== 'undefined' ? window : this);
