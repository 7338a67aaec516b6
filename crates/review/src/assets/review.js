// The review page's script: draws each document section from its JSON payload
// the first time it comes near the screen, and links text and rows both ways.
// Offsets in the payload are UTF-16 code units into `text`, as JavaScript
// strings index. Every string from the document goes through esc() before it
// becomes markup; one innerHTML per pane keeps a large document fast.
(function () {
  'use strict';

  var ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  function esc(value) {
    return String(value).replace(/[&<>"']/g, function (c) { return ESCAPES[c]; });
  }

  function payloadOf(section) {
    if (!section._payload) {
      var node = section.querySelector('script[type="application/json"]');
      section._payload = JSON.parse(node.textContent);
    }
    return section._payload;
  }

  // ---- the text pane ----------------------------------------------------

  function textHtml(d) {
    var text = d.text;
    var len = text.length;
    function clamp(x) { return Math.min(Math.max(x | 0, 0), len); }

    // Highlighted ranges: tasks, then indicators. The innermost one (latest
    // start, then earliest end) colours a piece of text.
    var marks = [];
    d.tasks.forEach(function (t, i) {
      marks.push({ k: 't' + i, s: clamp(t.s), e: clamp(t.e),
        cls: 'm t' + (t.hue === null ? ' none' : ''), hue: t.hue === null ? 0 : t.hue });
    });
    d.indicators.forEach(function (x, i) {
      marks.push({ k: 'i' + i, s: clamp(x.s), e: clamp(x.e), cls: 'm i', hue: 0 });
    });
    marks = marks.filter(function (m) { return m.s < m.e; });
    marks.sort(function (a, b) { return a.s - b.s; });
    var headings = d.headings.map(function (h) { return { s: clamp(h[0]), e: clamp(h[1]) }; })
      .filter(function (h) { return h.s < h.e; })
      .sort(function (a, b) { return a.s - b.s; });

    // Anchors: a task's number in the margin, an indicator's badge, a
    // warning's sign, each where its span starts (or at the next drawn text
    // when that start is between the cells of a drawn table).
    var anchors = [];
    d.tasks.forEach(function (t, i) {
      anchors.push({ p: clamp(t.s), html: '<span class="num' + (t.hue === null ? ' none' : '') +
        '" data-k="t' + i + '" style="--h:' + (t.hue === null ? 0 : t.hue) + '" title="' +
        esc('task ' + (i + 1) + (t.number ? ' · ' + t.number : '') + ' · ' + t.title) + '">' +
        (i + 1) + (t.number ? ' ' + esc(t.number) : '') + '</span>' });
    });
    d.indicators.forEach(function (x, i) {
      anchors.push({ p: clamp(x.s), html: '<span class="num ind" data-k="i' + i + '" title="' +
        esc('indicator · ' + x.name) + '">I' + (i + 1) + '</span>' });
    });
    d.warnings.forEach(function (w, i) {
      if (w.placed) {
        anchors.push({ p: clamp(w.s), html: '<span class="wa" data-k="w' + i + '" title="' +
          esc(w.code + ': ' + w.message) + '">⚠</span>' });
      }
    });
    anchors.sort(function (a, b) { return a.p - b.p; });

    var cuts = [];
    marks.forEach(function (m) { cuts.push(m.s, m.e); });
    headings.forEach(function (h) { cuts.push(h.s, h.e); });
    anchors.forEach(function (a) { cuts.push(a.p); });
    cuts.sort(function (a, b) { return a - b; });

    var out = [];
    var cutIdx = 0, markIdx = 0, headIdx = 0, anchorIdx = 0;
    var active = [];

    function emitAnchors(p) {
      while (anchorIdx < anchors.length && anchors[anchorIdx].p <= p) {
        out.push(anchors[anchorIdx].html);
        anchorIdx++;
      }
    }
    function innermost(p) {
      while (markIdx < marks.length && marks[markIdx].s <= p) { active.push(marks[markIdx]); markIdx++; }
      active = active.filter(function (m) { return m.e > p; });
      var best = null;
      for (var i = 0; i < active.length; i++) {
        var m = active[i];
        if (!best || m.s > best.s || (m.s === best.s && m.e < best.e)) { best = m; }
      }
      return best;
    }
    function inHeading(p) {
      while (headIdx < headings.length && headings[headIdx].e <= p) { headIdx++; }
      return headIdx < headings.length && headings[headIdx].s <= p;
    }
    // Draws text[a, b); calls come in increasing order of position.
    function range(a, b) {
      emitAnchors(a);
      var p = a;
      while (p < b) {
        while (cutIdx < cuts.length && cuts[cutIdx] <= p) { cutIdx++; }
        var q = Math.min(b, cutIdx < cuts.length ? cuts[cutIdx] : len);
        emitAnchors(p);
        var piece = esc(text.slice(p, q));
        var m = innermost(p);
        if (m) {
          piece = '<span class="' + m.cls + '" data-k="' + m.k + '" style="--h:' + m.hue + '">' +
            piece + '</span>';
        }
        if (inHeading(p)) { piece = '<span class="h">' + piece + '</span>'; }
        out.push(piece);
        p = q;
      }
    }
    function table(t) {
      out.push('<table class="grid">');
      t.rows.forEach(function (row) {
        out.push(row.header ? '<tr class="hdr">' : '<tr>');
        row.cells.forEach(function (c) {
          out.push('<td' + (c.rowspan > 1 ? ' rowspan="' + c.rowspan + '"' : '') +
            (c.colspan > 1 ? ' colspan="' + c.colspan + '"' : '') + '>');
          range(clamp(c.s), clamp(c.e));
          out.push('</td>');
        });
        out.push('</tr>');
      });
      out.push('</table>');
    }

    // Boxes and tables in text order: a box closes before the next opens at
    // the same place, and opens before a table that starts it.
    var steps = [];
    d.boxes.forEach(function (b) {
      if (clamp(b.s) < clamp(b.e)) {
        steps.push({ p: clamp(b.s), order: 1, open: b.label });
        steps.push({ p: clamp(b.e), order: 0, close: true });
      }
    });
    d.tables.forEach(function (t) { steps.push({ p: clamp(t.s), order: 2, table: t }); });
    steps.sort(function (a, b) { return a.p - b.p || a.order - b.order; });
    var pos = 0;
    steps.forEach(function (step) {
      if (step.table) {
        if (step.p < pos) { return; }
        range(pos, step.p);
        table(step.table);
        pos = Math.max(pos, clamp(step.table.e));
        return;
      }
      var at = Math.max(step.p, pos);
      range(pos, at);
      pos = at;
      out.push(step.close ? '</div>' : '<div class="box"><span class="label">' + esc(step.open) + '</span>');
    });
    range(pos, len);
    emitAnchors(Infinity);
    return out.join('');
  }

  // ---- the side pane ----------------------------------------------------

  function sideHtml(d) {
    var out = [];
    out.push('<div class="tools"><input type="search" class="filter" placeholder="filter tasks by owner or word">' +
      '<span class="shown">' + d.tasks.length + ' / ' + d.tasks.length + '</span></div>');
    out.push('<table class="rows tasks"><thead><tr><th>#</th><th>no.</th><th>path</th><th>title</th>' +
      '<th>owners</th><th>deadline</th><th>targets</th></tr></thead><tbody>');
    d.tasks.forEach(function (t, i) {
      var owners = t.owners.map(function (o) {
        return '<span class="owner ' + esc(o[1]) + '" style="--h:' + (o[3] | 0) + '" title="' +
          esc(o[1] + ' · as written: ' + o[2]) + '">' + esc(o[0]) + '</span>';
      }).join('');
      out.push('<tr data-k="t' + i + '"><td class="n"><span class="num' + (t.hue === null ? ' none' : '') +
        '" style="--h:' + (t.hue === null ? 0 : t.hue) + '">' + (i + 1) + '</span></td><td>' +
        esc(t.number || '') + '</td><td class="path-cell">' + esc(t.path) +
        (t.box ? '<div class="inbox">' + esc(t.box) + '</div>' : '') + '</td><td class="title-cell">' + esc(t.title) +
        '</td><td>' + (owners || '<span class="bad">none</span>') + '</td><td>' + esc(t.deadline || '') +
        '</td><td>' + esc(t.targets.join('；')) + '</td></tr>');
    });
    out.push('</tbody></table>');
    if (!d.tasks.length) { out.push('<p class="empty">no tasks</p>'); }

    out.push('<h3>Indicators (' + d.indicators.length + ')</h3>');
    if (d.indicators.length) {
      out.push('<table class="rows inds"><thead><tr><th>#</th><th>name</th><th>baseline</th><th>target</th>' +
        '<th>attribute</th><th>box</th></tr></thead><tbody>');
      d.indicators.forEach(function (x, i) {
        out.push('<tr data-k="i' + i + '"><td class="n"><span class="num ind">I' + (i + 1) + '</span></td><td>' +
          esc(x.name) + '</td><td>' + esc(x.baseline || '') + '</td><td>' + esc(x.target || '') + '</td><td>' +
          esc(x.attribute || '') + '</td><td>' + esc(x.box || '') + '</td></tr>');
      });
      out.push('</tbody></table>');
    }

    out.push('<h3>Warnings (' + d.warnings.length + ')</h3><ul class="warns">');
    d.warnings.forEach(function (w, i) {
      out.push('<li' + (w.placed ? ' data-k="w' + i + '"' : '') + '><code>' + esc(w.code) + '</code> ' +
        esc(w.message) + (w.placed ? '' : ' <span class="empty">(the whole document)</span>') + '</li>');
    });
    out.push('</ul>');
    return out.join('');
  }

  // ---- drawing and linking ----------------------------------------------

  function render(section) {
    if (section._drawn) { return; }
    section._drawn = true;
    var d = payloadOf(section);
    var body = section.querySelector('.body');
    body.innerHTML = '<div class="text"></div><div class="side"></div>';
    var textPane = body.firstChild;
    var side = body.lastChild;
    textPane.innerHTML = textHtml(d);
    side.innerHTML = sideHtml(d);
    textPane.addEventListener('click', function (event) {
      var el = event.target.closest('[data-k]');
      if (el) { select(section, el.getAttribute('data-k'), 'row'); }
    });
    side.addEventListener('click', function (event) {
      var el = event.target.closest('[data-k]');
      if (el) { select(section, el.getAttribute('data-k'), 'text'); }
    });
    var filter = side.querySelector('.filter');
    filter.addEventListener('input', function () { applyFilter(section, filter.value); });
  }

  function applyFilter(section, query) {
    var d = payloadOf(section);
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!d._searchable) {
      d._searchable = d.tasks.map(function (t) {
        return t.search + ' ' + d.text.slice(t.s, t.e).toLowerCase();
      });
    }
    var rows = section.querySelectorAll('table.tasks tbody tr');
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var search = d._searchable[i];
      var match = words.every(function (w) { return search.indexOf(w) >= 0; });
      rows[i].hidden = !match;
      if (match) { shown++; }
    }
    section.querySelector('.shown').textContent = shown + ' / ' + rows.length;
  }

  // Scrolls `el` to a third of the way down its pane, moving only that pane.
  function scrollIntoPane(pane, el) {
    var top = el.getBoundingClientRect().top - pane.getBoundingClientRect().top;
    pane.scrollTop += top - pane.clientHeight / 3;
  }

  function select(section, key, to) {
    render(section);
    var textPane = section.querySelector('.text');
    var side = section.querySelector('.side');
    var old = section.querySelectorAll('.focus, .sel');
    for (var i = 0; i < old.length; i++) { old[i].classList.remove('focus', 'sel'); }
    var inText = textPane.querySelectorAll('[data-k="' + key + '"]');
    for (var j = 0; j < inText.length; j++) { inText[j].classList.add('focus'); }
    var row = side.querySelector('[data-k="' + key + '"]');
    if (row) {
      row.classList.add('sel');
      if (row.hidden) {
        side.querySelector('.filter').value = '';
        applyFilter(section, '');
      }
    }
    if (to === 'text' && inText.length) {
      // The anchor (number, badge, sign) marks where the span starts.
      scrollIntoPane(textPane, textPane.querySelector('.num[data-k="' + key + '"], .wa[data-k="' + key + '"]') || inText[0]);
    } else if (to === 'row' && row) {
      scrollIntoPane(side, row);
    }
  }

  var sections = Array.prototype.slice.call(document.querySelectorAll('section.doc[data-doc]'));

  if ('IntersectionObserver' in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          render(entry.target);
          observer.unobserve(entry.target);
        }
      });
    }, { rootMargin: '600px 0px' });
    sections.forEach(function (s) { observer.observe(s); });
  } else {
    sections.forEach(render);
  }

  document.querySelectorAll('section.doc .toggle').forEach(function (button) {
    button.addEventListener('click', function () {
      button.closest('section').classList.toggle('collapsed');
    });
  });
  function setAll(collapsed) {
    sections.forEach(function (s) { s.classList.toggle('collapsed', collapsed); });
  }
  var expand = document.getElementById('expand-all');
  var collapse = document.getElementById('collapse-all');
  if (expand) { expand.addEventListener('click', function () { setAll(false); }); }
  if (collapse) { collapse.addEventListener('click', function () { setAll(true); }); }

  // For scripts and tests: draw every section now, or select a fact by key.
  window.policyReview = {
    renderAll: function () { sections.forEach(render); },
    select: function (docIndex, key, to) {
      var section = document.getElementById('d' + docIndex);
      if (section) { select(section, key, to || 'text'); }
    }
  };
})();
