/* zwgk client-side search. Loaded only by the search page.
 *
 * The tokenizer, the file format and the scoring mirror src/search/
 * (tokenize.rs, encode.rs, reference.rs) exactly; tests/search_browser.rs
 * runs the same queries through both and compares. See docs/search.md.
 *
 * Index files are classic scripts calling zwgkSearchData(key, data), loaded
 * with <script> elements relative to this page: that works at a domain root,
 * under a sub-path and from file://, where fetch() is blocked.
 */
(function () {
  "use strict";

  var CALLBACK = "zwgkSearchData";
  var ALPHABET = "!#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
  var BASE = 46;
  var LEVELS = 46;
  var FORMAT = 1;
  var PAGE = 10;

  var DIGIT = new Int8Array(128).fill(-1);
  for (var d = 0; d < ALPHABET.length; d++) DIGIT[ALPHABET.charCodeAt(d)] = d;

  var LEVEL_VALUES = [10];
  for (var l = 1; l < LEVELS; l++) {
    var prev = LEVEL_VALUES[l - 1];
    LEVEL_VALUES.push(prev + Math.floor((prev + 4) / 5));
  }

  // ---- tokenizer (src/search/tokenize.rs) ----

  function foldCode(cp) {
    if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
    else if (cp === 0x3000) cp = 0x20;
    if (cp >= 65 && cp <= 90) cp += 32;
    return cp;
  }

  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var cp = text.codePointAt(i);
      if (cp > 0xffff) {
        out += String.fromCodePoint(cp);
        i++;
      } else {
        out += String.fromCharCode(foldCode(cp));
      }
    }
    return out;
  }

  function isCjk(cp) {
    return cp === 0x3007 || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x323af);
  }

  function isWord(cp) {
    return (cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57);
  }

  // Calls emit(start, end) for each term of folded text (UTF-16 positions).
  function terms(folded, unigrams, emit) {
    var run = [];
    function flush() {
      for (var k = 0; k < run.length; k++) {
        var u = run[k];
        if (!u.cjk || unigrams || run.length === 1) emit(u.start, u.end);
        if (k > 0) emit(run[k - 1].start, u.end);
      }
      run = [];
    }
    var i = 0;
    var n = folded.length;
    while (i < n) {
      var cp = folded.codePointAt(i);
      var width = cp > 0xffff ? 2 : 1;
      if (isCjk(cp)) {
        run.push({ start: i, end: i + width, cjk: true });
        i += width;
      } else if (isWord(cp)) {
        var j = i + 1;
        while (j < n && isWord(folded.charCodeAt(j))) j++;
        run.push({ start: i, end: j, cjk: false });
        i = j;
      } else {
        flush();
        i += width;
      }
    }
    flush();
  }

  function queryTerms(query) {
    var folded = fold(query);
    var out = [];
    terms(folded, false, function (s, e) {
      var t = folded.slice(s, e);
      if (out.indexOf(t) < 0) out.push(t);
    });
    return out;
  }

  // ---- file format (src/search/encode.rs) ----

  var utf8 = new TextEncoder();

  function termHash(term) {
    var bytes = utf8.encode(term);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function decodePostings(s) {
    var pos = 0;
    function varint() {
      var v = 0;
      var scale = 1;
      for (;;) {
        var d = DIGIT[s.charCodeAt(pos++)];
        if (d === undefined || d < 0) throw new Error("bad index data");
        if (d < BASE) return v + d * scale;
        v += (d - BASE) * scale;
        scale *= BASE;
      }
    }
    var idf = varint();
    var df = varint();
    var ids = new Uint32Array(df);
    var levels = new Uint8Array(df);
    var next = 0;
    for (var i = 0; i < df; i++) {
      var id = next + varint();
      var level = varint();
      if (level >= LEVELS) throw new Error("bad index data");
      ids[i] = id;
      levels[i] = level;
      next = id + 1;
    }
    if (pos !== s.length) throw new Error("bad index data");
    return { idf: idf, ids: ids, levels: levels };
  }

  // ---- loading ----

  // Where the index files are, relative to the page: the script element's
  // data-index attribute (the search page sets it from the site root).
  var script = document.currentScript;
  var indexBase = (script && script.getAttribute("data-index")) || "";
  var root = (script && script.getAttribute("data-root")) || "";
  var version = "";
  var waiting = {};
  var loaded = {};

  window[CALLBACK] = function (key, data) {
    var resolve = waiting[key];
    if (resolve) {
      delete waiting[key];
      resolve(data);
    }
  };

  function load(key, query) {
    if (!loaded[key]) {
      loaded[key] = new Promise(function (resolve, reject) {
        var el = document.createElement("script");
        waiting[key] = resolve;
        el.onload = function () {
          el.remove();
          if (waiting[key]) {
            delete waiting[key];
            reject(new Error("no data in " + key));
          }
        };
        el.onerror = function () {
          el.remove();
          delete waiting[key];
          delete loaded[key];
          reject(new Error("cannot load " + key));
        };
        el.src = indexBase + key + ".js" + (query || (version ? "?v=" + version : ""));
        document.head.appendChild(el);
      });
    }
    return loaded[key];
  }

  var metaPromise = null;

  // The meta is fetched fresh on each page load: it names the version that
  // the other (cacheable) files are requested with.
  function meta() {
    if (!metaPromise) {
      metaPromise = load("meta", "?t=" + Date.now()).then(function (m) {
        if (m.format !== FORMAT) throw new Error("index format " + m.format);
        version = m.version;
        m.groupStart = [];
        var start = 0;
        for (var g = 0; g < m.groups.length; g++) {
          m.groupStart.push(start);
          start += m.groups[g][3];
        }
        return m;
      });
      metaPromise.catch(function () { metaPromise = null; });
    }
    return metaPromise;
  }

  var own = Object.prototype.hasOwnProperty;

  function postings(m, term) {
    var k = termHash(term) % m.shards;
    return load("t/" + k).then(function (shard) {
      if (!own.call(shard, term)) return null;
      var v = shard[term];
      if (typeof v === "number") return load("t/" + k + "-" + v).then(decodePostings);
      return decodePostings(v);
    });
  }

  // ---- search (src/search/reference.rs) ----

  function findId(ids, id) {
    var lo = 0;
    var hi = ids.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (ids[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    return lo < ids.length && ids[lo] === id ? lo : -1;
  }

  // Resolves to { terms, hits: [{id, score}] }, best first.
  function search(query) {
    var qterms = queryTerms(query);
    return meta().then(function (m) {
      if (!qterms.length) return { terms: qterms, hits: [] };
      return Promise.all(qterms.map(function (t) { return postings(m, t); })).then(function (lists) {
        var hits = [];
        if (lists.some(function (l) { return l === null; })) return { terms: qterms, hits: hits };
        var driver = 0;
        for (var i = 1; i < lists.length; i++) if (lists[i].ids.length < lists[driver].ids.length) driver = i;
        var main = lists[driver];
        outer: for (var p = 0; p < main.ids.length; p++) {
          var id = main.ids[p];
          var score = main.idf * LEVEL_VALUES[main.levels[p]];
          for (var j = 0; j < lists.length; j++) {
            if (j === driver) continue;
            var at = findId(lists[j].ids, id);
            if (at < 0) continue outer;
            score += lists[j].idf * LEVEL_VALUES[lists[j].levels[at]];
          }
          hits.push({ id: id, score: score });
        }
        hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
        return { terms: qterms, hits: hits };
      });
    });
  }

  // The group [year, category, domain, count, in force, publisher] of each hit.
  function groupOf(m, id) {
    var lo = 0;
    var hi = m.groupStart.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >>> 1;
      if (m.groupStart[mid] <= id) lo = mid;
      else hi = mid - 1;
    }
    return m.groups[lo];
  }

  function rows(ids) {
    return meta().then(function (m) {
      return Promise.all(ids.map(function (id) {
        return load("d/" + Math.floor(id / m.block)).then(function (block) {
          var r = block[id % m.block];
          return {
            id: id, title: r[0], path: r[1], indexNo: r[2],
            publisher: r[3] === null ? "" : m.publishers[r[3]],
            date: r[4], docNo: r[5], snippet: r[6], validity: r[7] || ""
          };
        });
      }));
    });
  }

  window.zwgkSearch = { queryTerms: queryTerms, search: search, rows: rows, meta: meta };

  // ---- the page ----

  var app = document.getElementById("search-app");
  if (!app) return;
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var pagesBox = document.getElementById("search-pages");
  var pagesList = pagesBox ? pagesBox.querySelector("ul") : null;
  // The filters: each reads a hit's value from its group in the meta (so the
  // browser downloads nothing per document), names the values and orders them.
  // `value` returns null for a hit the filter does not sort (no domain). A filter
  // is a <select name="KEY"> in the page's form and one entry here; the URL keeps
  // it as ?KEY=value.
  var byNumber = function (v) { return Number(v); };
  var newestFirst = function (v) { return -Number(v); };
  var FILTERS = [
    { key: "cat", value: function (m, g) { return g[1]; },
      name: function (m, v) { return m.categories[v]; }, order: byNumber },
    { key: "domain", value: function (m, g) { return g[2] >= 0 ? g[2] : null; },
      name: function (m, v) { return m.domains[v]; }, order: byNumber },
    { key: "year", value: function (m, g) { return g[0]; },
      name: function (m, v) { return v + "年"; }, order: newestFirst },
    { key: "valid", value: function (m, g) { return g[4]; },
      name: function (m, v) { return v === "1" ? "现行有效" : "已失效、废止"; }, order: newestFirst },
    { key: "pub", value: function (m, g) { return g[5]; },
      name: function (m, v) { return m.publishers[v]; }, order: byNumber }
  ].filter(function (f) { return form.elements[f.key]; });
  var selects = {};
  FILTERS.forEach(function (f) { selects[f.key] = form.elements[f.key]; });
  // 现行有效 first: a document in force outranks one no longer in force.
  var IN_FORCE = 4;
  var current = null; // { query, terms, hits, shown }
  var generation = 0;

  function params() {
    var p = new URLSearchParams(location.search);
    var state = { q: p.get("q") || "" };
    FILTERS.forEach(function (f) { state[f.key] = p.get(f.key) || ""; });
    return state;
  }

  function urlFor(state) {
    var p = new URLSearchParams();
    if (state.q) p.set("q", state.q);
    FILTERS.forEach(function (f) { if (state[f.key]) p.set(f.key, state[f.key]); });
    var s = p.toString();
    return location.pathname + (s ? "?" + s : "");
  }

  function formState() {
    var state = { q: input.value.trim() };
    FILTERS.forEach(function (f) { state[f.key] = selects[f.key].value; });
    return state;
  }

  // Marks the spans of text whose terms are among the query's terms.
  function marked(text, qterms) {
    var folded = fold(text);
    var spans = [];
    terms(folded, true, function (s, e) {
      if (qterms.indexOf(folded.slice(s, e)) >= 0) spans.push([s, e]);
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var frag = document.createDocumentFragment();
    var at = 0;
    var k = 0;
    while (k < spans.length) {
      var s = spans[k][0];
      var e = spans[k][1];
      while (k + 1 < spans.length && spans[k + 1][0] <= e) {
        k++;
        e = Math.max(e, spans[k][1]);
      }
      k++;
      if (s > at) frag.appendChild(document.createTextNode(text.slice(at, s)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(s, e);
      frag.appendChild(mark);
      at = e;
    }
    if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
    return frag;
  }

  function filtered(m, hits, state) {
    return hits.filter(function (h) {
      var g = groupOf(m, h.id);
      return FILTERS.every(function (f) {
        return !state[f.key] || String(f.value(m, g)) === state[f.key];
      });
    });
  }

  function fillSelect(m, select, all, counts, filter, chosen) {
    while (select.options.length > 1) select.remove(1);
    select.options[0].textContent = "全部（" + all + "）";
    Object.keys(counts).sort(function (a, b) { return filter.order(a) - filter.order(b); }).forEach(function (v) {
      var o = document.createElement("option");
      o.value = v;
      o.textContent = filter.name(m, v) + "（" + counts[v] + "）";
      select.appendChild(o);
    });
    select.value = own.call(counts, chosen) ? chosen : "";
    select.disabled = all === 0;
  }

  function updateFilters(m, hits, state) {
    var counts = FILTERS.map(function () { return {}; });
    hits.forEach(function (h) {
      var g = groupOf(m, h.id);
      FILTERS.forEach(function (f, k) {
        var v = f.value(m, g);
        if (v !== null && v !== undefined) counts[k][v] = (counts[k][v] || 0) + 1;
      });
    });
    FILTERS.forEach(function (f, k) {
      fillSelect(m, selects[f.key], hits.length, counts[k], f, state[f.key]);
    });
  }

  function renderHit(row, qterms) {
    var li = document.createElement("li");
    li.className = "search-hit";
    var h = document.createElement("h2");
    var a = document.createElement("a");
    a.href = root + row.path + "index.html";
    a.appendChild(marked(row.title, qterms));
    h.appendChild(a);
    if (row.validity) {
      var tag = document.createElement("span");
      tag.className = "badge badge-" + (row.validity === "废止" ? "abolished" : "expired");
      tag.textContent = row.validity;
      h.appendChild(document.createTextNode(" "));
      h.appendChild(tag);
    }
    li.appendChild(h);
    var meta = document.createElement("p");
    meta.className = "search-hit-meta";
    [["发布机构", row.publisher], ["发布日期", row.date], ["索引号", row.indexNo], ["文号", row.docNo]].forEach(function (f) {
      if (!f[1]) return;
      var span = document.createElement("span");
      span.textContent = f[0] + "：";
      span.appendChild(marked(f[1], qterms));
      meta.appendChild(span);
    });
    li.appendChild(meta);
    if (row.snippet) {
      var p = document.createElement("p");
      p.className = "search-hit-snippet";
      p.appendChild(marked(row.snippet, qterms));
      li.appendChild(p);
    }
    return li;
  }

  // The portal's pages that are not documents (guide, request page, annual
  // reports: the meta's `pages`), found when their title and words hold every term.
  function matchPages(m, qterms) {
    return (m.pages || []).filter(function (p) {
      var text = fold(p[0] + " " + p[2]);
      return qterms.length > 0 && qterms.every(function (t) { return text.indexOf(t) >= 0; });
    });
  }

  function showPages(found, qterms) {
    if (!pagesList) return;
    pagesList.textContent = "";
    found.forEach(function (p) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + p[1] + "index.html";
      a.appendChild(marked(p[0], qterms));
      li.appendChild(a);
      pagesList.appendChild(li);
    });
    pagesBox.hidden = found.length === 0;
  }

  function showMore() {
    var c = current;
    var ids = c.visible.slice(c.shown, c.shown + PAGE).map(function (h) { return h.id; });
    var gen = generation;
    return rows(ids).then(function (rs) {
      if (gen !== generation) return;
      rs.forEach(function (r) { list.appendChild(renderHit(r, c.terms)); });
      c.shown += rs.length;
      more.hidden = c.shown >= c.visible.length;
    });
  }

  function say(text) {
    status.textContent = text;
  }

  function run(state) {
    var gen = ++generation;
    input.value = state.q;
    list.textContent = "";
    more.hidden = true;
    showPages([], []);
    document.title = (state.q ? state.q + " - " : "") + app.getAttribute("data-title");
    if (!state.q) {
      say("请输入要查找的标题、文号、索引号或关键词。");
      current = null;
      return Promise.resolve();
    }
    say("正在搜索…");
    app.setAttribute("aria-busy", "true");
    return meta().then(function (m) {
      return search(state.q).then(function (r) {
        if (gen !== generation) return;
        // A page found stands for a document that is a copy of it (an annual report).
        var pages = matchPages(m, r.terms);
        var copies = pages.map(function (p) { return p[3]; });
        var hits = r.hits.filter(function (h) { return copies.indexOf(h.id) < 0; });
        showPages(pages, r.terms);
        updateFilters(m, hits, state);
        var ranked = hits.map(function (h, k) { return [groupOf(m, h.id)[IN_FORCE], k, h]; });
        ranked.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
        var visible = filtered(m, ranked.map(function (x) { return x[2]; }), state);
        current = { terms: r.terms, visible: visible, shown: 0 };
        if (!hits.length) {
          say(pages.length
            ? "找到 " + pages.length + " 个相关栏目，没有相关文件。"
            : "没有找到与“" + state.q + "”相关的信息。请检查用字，或换用更短的关键词、文号中的数字（如“12号”）。");
          return;
        }
        say((visible.length === hits.length
          ? "找到 " + hits.length + " 条结果。"
          : "找到 " + hits.length + " 条结果，筛选后 " + visible.length + " 条。") +
          (pages.length ? "另有 " + pages.length + " 个相关栏目。" : ""));
        return showMore();
      });
    }).catch(function (e) {
      if (gen === generation) say("搜索暂时无法使用（索引文件加载失败）。请稍后再试，或按目录浏览。");
      if (window.console) console.error(e);
    }).then(function () {
      if (gen === generation) app.removeAttribute("aria-busy");
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var state = formState();
    if (state.q !== params().q) {
      FILTERS.forEach(function (f) { state[f.key] = ""; });
    }
    history.pushState(null, "", urlFor(state));
    run(state);
  });

  Object.keys(selects).forEach(function (k) {
    selects[k].addEventListener("change", function () {
      var state = formState();
      state.q = params().q;
      history.replaceState(null, "", urlFor(state));
      run(state);
    });
  });

  more.addEventListener("click", function () {
    var first = list.children.length;
    showMore().then(function () {
      var next = list.children[first];
      if (next) next.querySelector("a").focus();
    });
  });

  window.addEventListener("popstate", function () { run(params()); });

  // "/" jumps to the search box from anywhere on the page.
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
    if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      input.focus();
      input.select();
    }
  });

  app.hidden = false;
  var initial = params();
  run(initial).then(function () {
    if (!initial.q) input.focus();
  });
})();
