/* Our search: the index is prebuilt (search/meta.js, s/<shard>.js, d/<chunk>.js, written by the build)
   and loaded as <script> files, so it works from file:// as well as over HTTP; nothing is indexed here.
   Queries run on every input event (typing, paste, a handwriting pad, an IME commit). */
(function () {
  "use strict";
  var template = document.getElementById("gk-search");
  var header = document.querySelector(".md-header__inner");
  if (!template || !header) return;
  header.insertBefore(template.content.cloneNode(true), header.querySelector(".md-header__source"));
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base + "/search/", location.href).href;
  var here = location.href.split("#")[0].split("?")[0];
  var toggle = document.getElementById("__search");
  var input = document.querySelector(".md-search__input");
  var meta = document.querySelector(".md-search-result__meta");
  var list = document.querySelector(".md-search-result__list");
  var FIRST = 8;  /* results a phone or the kiosk shows before scrolling */
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var store = { meta: null, shards: {}, docs: {}, waiting: {} };

  window.gkSearch = {
    meta: function (m) { store.meta = m; done("meta"); },
    shard: function (n, table) { store.shards[n] = table; done("s/" + n); },
    docs: function (n, rows) { store.docs[n] = rows; done("d/" + n); },
    reset: function () { input.value = ""; draw(null); toggle.checked = false; input.blur(); }
  };
  function done(name) { (store.waiting[name] || []).forEach(function (f) { f(); }); store.waiting[name] = "loaded"; }
  function load(name) {
    return new Promise(function (resolve) {
      if (store.waiting[name] === "loaded") return resolve();
      if (store.waiting[name]) return store.waiting[name].push(resolve);
      store.waiting[name] = [resolve];
      var script = document.createElement("script");
      script.src = base + name + ".js";
      script.onerror = function () { done(name); };
      document.head.appendChild(script);
    });
  }

  function normalize(text) { return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim(); }
  /* The query as the build cut the records: bigrams of Chinese runs, Latin words and ids whole. Bigrams that cover
     the run without overlap are enough to narrow (一个党支部 → 一个 党支 支部), and each is a file to load. A lone
     Chinese character is not searched: it is in too many records to find one. */
  function groups(query) {
    var found = [];
    (query.match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z]+(?:[-_][0-9a-z]+)*/g) || []).forEach(function (run) {
      if (!HAN.test(run[0])) { found.push(run); return; }
      for (var i = 0; i + 1 < run.length; i += 2) found.push(run.slice(i, i + 2));
      if (run.length > 2 && run.length % 2) found.push(run.slice(-2));  /* the last character too */
    });
    return found;
  }
  /* FNV-1a over code points, as search_text.term_hash: which shard holds a term. */
  function shardOf(term) {
    var h = 2166136261;
    for (var ch of term) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
    return h % store.meta.shards;
  }
  function table(term) { return store.shards[shardOf(term)] || { t: {}, c: [] }; }
  /* A posting list: document gaps × step + weight → {document: weight}. */
  function decode(encoded) {
    var hits = {}, number = 0, step = store.meta.step;
    (encoded || []).forEach(function (v) { number += Math.floor(v / step); hits[number] = v % step; });
    return hits;
  }

  function rank(wanted, whole) {
    var lists = wanted.map(function (t) { var shard = table(t); return { hits: decode(shard.t[t]), common: shard.c.indexOf(t) >= 0 }; });
    /* The rarer terms narrow the results; a common term (cut to its best documents by the build) only adds to the score,
       unless every term is common. */
    var narrowing = lists.filter(function (l) { return !l.common; });
    if (!narrowing.length) narrowing = lists;
    var scores = null;
    narrowing.forEach(function (l) {
      if (scores === null) { scores = Object.assign({}, l.hits); return; }
      var kept = {};
      Object.keys(scores).forEach(function (d) { if (l.hits[d]) kept[d] = scores[d] + l.hits[d]; });
      scores = kept;
    });
    if (!Object.keys(scores).length && narrowing.length > 1 && lists.every(function (l) { return l.common; })) {
      scores = {};  /* every term common and no document kept by all: any of them, the most terms first */
      lists.forEach(function (l) { Object.keys(l.hits).forEach(function (d) { scores[d] = (scores[d] || 0) + l.hits[d]; }); });
    }
    lists.forEach(function (l) {
      if (narrowing.indexOf(l) < 0) Object.keys(scores).forEach(function (d) { if (l.hits[d]) scores[d] += l.hits[d]; });
    });
    /* The whole query as one term: a name or title exactly (first), or a word of a title or field (higher). */
    var exact = decode(table(whole).t[whole]);
    Object.keys(exact).forEach(function (d) { if (exact[d] > 8) scores[d] = (scores[d] || 0) + 1000; else if (d in scores) scores[d] += exact[d]; });
    return Object.keys(scores).map(Number).sort(function (a, b) { return scores[b] - scores[a] || a - b; }).slice(0, 30);
  }

  /* The ranked documents' title rows, drawn in two steps: the first screenful as soon as its title files are in,
     then the rest (at district scale 30 results can sit in 30 files: waiting for all of them doubles the wait). */
  function search(query, show) {
    var wanted = groups(query), whole = query.replace(/ /g, "");
    if (!wanted.length) return Promise.resolve(show(null));
    var names = {};
    wanted.concat([whole]).forEach(function (t) { names["s/" + shardOf(t)] = 1; });
    return Promise.all(Object.keys(names).map(load)).then(function () {
      var ranked = rank(wanted, whole);
      return rows(ranked.slice(0, FIRST)).then(function () {
        if (ranked.length > FIRST) show(ordered(ranked.slice(0, FIRST)), ranked.length);
        return rows(ranked);
      }).then(function () { show(ordered(ranked), ranked.length); });
    });
  }
  function rows(ranked) {
    var chunks = {};
    ranked.forEach(function (d) { chunks[Math.floor(d / store.meta.chunk)] = 1; });
    return Promise.all(Object.keys(chunks).map(function (c) { return load("d/" + c); }));
  }
  /* The page the visitor is on is never the first result: it goes last. */
  function ordered(ranked) {
    var found = ranked.map(function (d) { return { row: store.docs[Math.floor(d / store.meta.chunk)][d % store.meta.chunk] }; });
    var away = found.filter(function (r) { return target(r.row[0]).split("#")[0] !== here; });
    return away.concat(found.filter(function (r) { return away.indexOf(r) < 0; }));
  }
  function target(location) { return new URL(location, new URL(config.base + "/", location.href || window.location.href)).href; }

  function mark(text, query) {
    var terms = query.split(" ").filter(Boolean).sort(function (a, b) { return b.length - a.length; });
    var out = document.createDocumentFragment(), rest = text;
    while (rest) {
      var at = -1, len = 0, low = rest.toLowerCase();
      terms.forEach(function (t) { var i = low.indexOf(t); if (i >= 0 && (at < 0 || i < at)) { at = i; len = t.length; } });
      if (at < 0) { out.appendChild(document.createTextNode(rest)); break; }
      out.appendChild(document.createTextNode(rest.slice(0, at)));
      var m = document.createElement("mark"); m.textContent = rest.slice(at, at + len); out.appendChild(m);
      rest = rest.slice(at + len);
    }
    return out;
  }

  function draw(results, query, count) {
    list.textContent = "";
    if (results === null) { meta.textContent = query ? "请再输入一个字：一个字能找到的太多" : "输入关键词开始搜索"; return; }
    count = count || results.length;
    meta.textContent = count ? "找到 " + count + (count >= 30 ? "+" : "") + " 个结果" : "没有找到结果";
    results.forEach(function (r) {
      var url = new URL(target(r.row[0])); url.search = "?h=" + encodeURIComponent(query);
      var li = document.createElement("li"); li.className = "md-search-result__item";
      var a = document.createElement("a"); a.className = "md-search-result__link"; a.href = url.href;
      var article = document.createElement("article"); article.className = "md-search-result__article md-typeset";
      var h = document.createElement("h1"); h.appendChild(document.createTextNode(r.row[2] + " · ")); h.appendChild(mark(r.row[1], query));
      var p = document.createElement("p"); p.appendChild(mark(r.row[3], query));
      article.appendChild(h); article.appendChild(p); a.appendChild(article); li.appendChild(a); list.appendChild(li);
    });
  }

  var latest = 0;
  function run() {
    var query = normalize(input.value), mine = ++latest;
    if (!query) { draw(null); return; }
    load("meta").then(function () {
      return search(query, function (results, count) {
        if (mine === latest) draw(results, query, count);
      });
    });
  }
  input.addEventListener("input", function (event) { if (!event.isComposing) run(); });
  input.addEventListener("compositionend", run);
  input.form.addEventListener("reset", function () { setTimeout(run, 0); });
  toggle.addEventListener("change", function () { if (toggle.checked) { input.focus(); load("meta"); } });
  input.addEventListener("focus", function () { toggle.checked = true; load("meta"); });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape" && toggle.checked) window.gkSearch.reset(); });

  /* Arriving from a result: the words highlighted in the pledge (or the page) it opened. */
  var words = new URLSearchParams(location.search).get("h");
  if (!words) return;
  var scope = (location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)))) || document.querySelector(".md-content article");
  if (!scope) return;
  var query = normalize(words), walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT), nodes = [];
  while (walker.nextNode()) if (query.split(" ").some(function (t) { return walker.currentNode.nodeValue.toLowerCase().indexOf(t) >= 0; })) nodes.push(walker.currentNode);
  nodes.forEach(function (node) { node.parentNode.replaceChild(mark(node.nodeValue, query), node); });
})();
