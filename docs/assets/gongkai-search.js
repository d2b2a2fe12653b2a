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
  /* The query as the build cut the records: bigrams of Chinese runs, a lone character by prefix, Latin words by prefix. */
  function groups(query) {
    var found = [];
    (query.match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z]+(?:[-_][0-9a-z]+)*/g) || []).forEach(function (run) {
      if (!HAN.test(run[0]) || run.length === 1) { found.push({ prefix: run }); return; }
      for (var i = 0; i + 1 < run.length; i++) found.push({ exact: run.slice(i, i + 2) });
    });
    return found;
  }
  function shardOf(term) { return term.codePointAt(0) % store.meta.shards; }

  function search(query) {
    var wanted = groups(query), whole = query.replace(/ /g, "");
    if (!wanted.length) return Promise.resolve([]);
    var names = wanted.map(function (g) { return "s/" + shardOf(g.exact || g.prefix); });
    names.push("s/" + shardOf(whole));
    return Promise.all(names.map(load)).then(function () {
      var scores = null;
      wanted.forEach(function (g) {
        var key = g.exact || g.prefix, table = store.shards[shardOf(key)] || {}, best = {};
        var keys = g.exact ? [key] : Object.keys(table).filter(function (t) { return t.lastIndexOf(key, 0) === 0; });
        keys.forEach(function (t) {
          var hits = table[t] || [];
          for (var i = 0; i < hits.length; i += 2) best[hits[i]] = Math.max(best[hits[i]] || 0, hits[i + 1]);
        });
        if (scores === null) { scores = best; return; }
        var kept = {};
        Object.keys(scores).forEach(function (d) { if (best[d]) kept[d] = scores[d] + best[d]; });
        scores = kept;
      });
      var exact = (store.shards[shardOf(whole)] || {})[whole] || [];
      for (var i = 0; i < exact.length; i += 2) if (scores[exact[i]] !== undefined && exact[i + 1] > 8) scores[exact[i]] += 1000;
      var ranked = Object.keys(scores).map(Number).sort(function (a, b) { return scores[b] - scores[a] || a - b; }).slice(0, 30);
      var chunks = {};
      ranked.forEach(function (d) { chunks[Math.floor(d / store.meta.chunk)] = 1; });
      return Promise.all(Object.keys(chunks).map(function (c) { return load("d/" + c); })).then(function () {
        var rows = ranked.map(function (d) { var r = store.docs[Math.floor(d / store.meta.chunk)][d % store.meta.chunk]; return { row: r, score: scores[d] }; });
        /* The page the visitor is on is never the first result: it goes last. */
        var away = rows.filter(function (r) { return target(r.row[0]).split("#")[0] !== here; });
        return away.concat(rows.filter(function (r) { return away.indexOf(r) < 0; }));
      });
    });
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

  function draw(results, query) {
    list.textContent = "";
    if (results === null) { meta.textContent = "输入关键词开始搜索"; return; }
    meta.textContent = results.length ? "找到 " + results.length + (results.length >= 30 ? "+" : "") + " 个结果" : "没有找到结果";
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
    window.gkSearch.started = performance.now();
    if (!query) { draw(null); return; }
    load("meta").then(function () { return search(query); }).then(function (results) {
      if (mine === latest) { draw(results, query); window.gkSearch.drawn = performance.now(); }
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
