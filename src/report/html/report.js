"use strict";
// Renders the report from the JSON blocks written by gwlint. Document text
// is only ever inserted with textContent / createTextNode, never as HTML.
(function () {
  var CHUNK = 400; // lines rendered at a time in a long document
  var SEV = { error: "错误", warning: "警告" };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function blocks(sel) {
    return Array.prototype.map.call(document.querySelectorAll(sel), function (s) {
      return JSON.parse(s.textContent);
    });
  }

  var summary = JSON.parse(document.getElementById("gw-summary").textContent);
  var docs = blocks("script.gw-doc");
  var unreadable = blocks("script.gw-unreadable");

  // Summary.
  var sum = document.getElementById("summary");
  var totals = el("p", { class: "totals" });
  totals.appendChild(el("span", null, "检查了 " + summary.files + " 个文件"));
  totals.appendChild(el("span", { class: "error-count" }, summary.errors + " 个错误"));
  totals.appendChild(el("span", { class: "warning-count" }, summary.warnings + " 个警告"));
  if (summary.unreadable) totals.appendChild(el("span", null, summary.unreadable + " 个文件无法读取"));
  sum.appendChild(totals);
  var rules = Object.keys(summary.rules).sort();
  if (rules.length) {
    var table = el("table", { id: "rule-table" });
    var head = el("tr");
    ["规则", "说明", "错误", "警告"].forEach(function (h) { head.appendChild(el("th", null, h)); });
    table.appendChild(head);
    rules.forEach(function (r) {
      var row = el("tr", { "data-rule": r });
      row.appendChild(el("td", { class: "rule" }, r));
      row.appendChild(el("td", null, summary.rules[r].summary));
      row.appendChild(el("td", { class: "num" }, String(summary.rules[r].error)));
      row.appendChild(el("td", { class: "num" }, String(summary.rules[r].warning)));
      table.appendChild(row);
    });
    sum.appendChild(table);
  }

  // Filters: unchecked severities and rules lose their highlight and their
  // entries in the lists.
  var filters = document.getElementById("filters");
  var filterStyle = el("style", { id: "gw-filter-style" });
  document.head.appendChild(filterStyle);
  function checkbox(kind, value, label) {
    var l = el("label");
    var c = el("input", { type: "checkbox", "data-filter": kind, value: value });
    c.checked = true;
    c.addEventListener("change", applyFilters);
    l.appendChild(c);
    l.appendChild(document.createTextNode(" " + label));
    filters.appendChild(l);
  }
  filters.appendChild(el("strong", null, "筛选："));
  checkbox("severity", "error", "错误");
  checkbox("severity", "warning", "警告");
  rules.forEach(function (r) { checkbox("rule", r, r); });
  function applyFilters() {
    var css = "";
    Array.prototype.forEach.call(filters.querySelectorAll("input"), function (c) {
      if (c.checked) return;
      var attr = "[data-" + c.getAttribute("data-filter") + '="' + CSS.escape(c.value) + '"]';
      css += "mark" + attr + "{background:none;border-bottom-color:transparent}" +
        "mark.point" + attr + "::after{content:none}" +
        "li" + attr + "{display:none}";
    });
    filterStyle.textContent = css;
  }

  // Documents.
  var list = document.getElementById("docs");
  var cleanList = document.getElementById("clean");
  var flagged = docs.filter(function (d) { return d.diags.length > 0; });
  var clean = docs.filter(function (d) { return d.diags.length === 0; });
  if (flagged.length) list.appendChild(el("h2", null, "有问题的文件（" + flagged.length + "）"));
  flagged.forEach(function (doc, i) {
    var det = el("details", { class: "doc", id: "doc-" + i, "data-path": doc.path });
    var s = el("summary");
    s.appendChild(el("span", { class: "path" }, doc.path));
    var errors = doc.diags.filter(function (d) { return d.severity === "error"; }).length;
    s.appendChild(document.createTextNode("　"));
    if (errors) s.appendChild(el("span", { class: "error-count" }, errors + " 个错误 "));
    if (doc.diags.length - errors) s.appendChild(el("span", { class: "warning-count" }, (doc.diags.length - errors) + " 个警告"));
    det.appendChild(s);
    det.addEventListener("toggle", function () { if (det.open) renderDoc(det, doc, i); });
    list.appendChild(det);
  });
  if (clean.length) {
    cleanList.appendChild(el("h2", null, "没有发现问题的文件（" + clean.length + "）"));
    var ul = el("ul", { class: "clean-list" });
    clean.forEach(function (d) { ul.appendChild(el("li", { "data-path": d.path }, d.path)); });
    cleanList.appendChild(ul);
  }
  if (unreadable.length) {
    var u = document.getElementById("unreadable");
    u.appendChild(el("h2", null, "无法读取的文件（" + unreadable.length + "）"));
    var ul2 = el("ul", { class: "unreadable-list" });
    unreadable.forEach(function (f) { ul2.appendChild(el("li", null, f.path + "：" + f.error)); });
    u.appendChild(ul2);
  }

  function renderDoc(det, doc, di) {
    if (det.rendered) return;
    det.rendered = true;
    var text = doc.text;
    var starts = [0];
    for (var k = text.indexOf("\n"); k !== -1; k = text.indexOf("\n", k + 1)) starts.push(k + 1);
    var body = el("div", { class: "text" });
    var more = el("button", { class: "more", type: "button" });
    var ol = el("ol", { class: "diags" });
    det.appendChild(body);
    det.appendChild(more);
    det.appendChild(ol);
    var shown = 0;
    // Diagnostics ordered by start for the line renderer.
    var order = doc.diags.map(function (d, j) { return j; }).sort(function (a, b) {
      var x = doc.diags[a], y = doc.diags[b];
      return x.s - y.s || y.e - x.e || a - b;
    });
    function lineEnd(n) {
      var end = n + 1 < starts.length ? starts[n + 1] - 1 : text.length;
      if (end > starts[n] && text.charAt(end - 1) === "\r") end--;
      return end;
    }
    function renderUpTo(line) {
      var target = Math.min(starts.length, Math.max(line + 1, shown + CHUNK));
      var from = starts[shown], to = lineEnd(target - 1);
      var here = order.filter(function (j) {
        var d = doc.diags[j];
        return d.e >= from && d.s <= to;
      });
      for (var n = shown; n < target; n++) body.appendChild(renderLine(n, here));
      shown = target;
      more.hidden = shown >= starts.length;
      more.textContent = "继续显示（还有 " + (starts.length - shown) + " 段）";
    }
    more.addEventListener("click", function () { renderUpTo(shown); });
    function renderLine(n, candidates) {
      var a = starts[n], b = lineEnd(n);
      var div = el("div", { class: "ln", "data-n": String(n + 1) });
      var spans = [];
      candidates.forEach(function (j) {
        var d = doc.diags[j];
        if (d.s === d.e) {
          if (d.s >= a && d.s <= b) spans.push({ j: j, s: d.s, e: d.s });
        } else if (d.s < b && d.e > a) {
          spans.push({ j: j, s: Math.max(d.s, a), e: Math.min(d.e, b) });
        } else if (d.s === b && d.e > b && b === a) {
          spans.push({ j: j, s: a, e: a });
        }
      });
      var points = [a, b];
      spans.forEach(function (p) { points.push(p.s, p.e); });
      points = points.filter(function (x, i, arr) { return arr.indexOf(x) === i; }).sort(function (x, y) { return x - y; });
      var stack = [{ node: div, j: -1 }];
      function open(j, cls) {
        var d = doc.diags[j];
        var m = el("mark", { "data-rule": d.rule, "data-severity": d.severity, "data-diag": String(j) });
        if (cls) m.className = cls;
        m.title = d.rule + "：" + d.message;
        m.addEventListener("click", function (ev) { ev.stopPropagation(); focusDiag(j); });
        return m;
      }
      for (var p = 0; p < points.length; p++) {
        var x = points[p];
        // Zero-width findings at x.
        spans.forEach(function (sp) {
          if (sp.s === x && sp.e === x) stack[stack.length - 1].node.appendChild(open(sp.j, "point"));
        });
        if (p + 1 >= points.length) break;
        var y = points[p + 1];
        var cover = spans.filter(function (sp) { return sp.s <= x && sp.e >= y && sp.s < sp.e; })
          .map(function (sp) { return sp.j; });
        // Keep the open marks that still cover this piece, in order.
        var keep = 1;
        while (keep < stack.length && keep - 1 < cover.length && stack[keep].j === cover[keep - 1]) keep++;
        stack.length = keep;
        for (var c = keep - 1; c < cover.length; c++) {
          var m = open(cover[c]);
          stack[stack.length - 1].node.appendChild(m);
          stack.push({ node: m, j: cover[c] });
        }
        stack[stack.length - 1].node.appendChild(document.createTextNode(text.slice(x, y)));
      }
      return div;
    }
    function focusDiag(j) {
      Array.prototype.forEach.call(det.querySelectorAll(".current"), function (e) { e.classList.remove("current"); });
      var li = document.getElementById("d" + di + "-" + j);
      li.classList.add("current");
      li.scrollIntoView({ block: "nearest" });
    }
    function showSpan(j) {
      var d = doc.diags[j];
      var line = d.line - 1;
      if (line >= shown) renderUpTo(line);
      Array.prototype.forEach.call(det.querySelectorAll(".current"), function (e) { e.classList.remove("current"); });
      var marks = body.querySelectorAll('mark[data-diag="' + j + '"]');
      Array.prototype.forEach.call(marks, function (m) { m.classList.add("current"); });
      if (marks.length) marks[0].scrollIntoView({ block: "center" });
    }
    doc.diags.forEach(function (d, j) {
      var li = el("li", { id: "d" + di + "-" + j, "data-rule": d.rule, "data-severity": d.severity, "data-diag": String(j) });
      li.appendChild(el("span", { class: "sev " + d.severity }, SEV[d.severity] || d.severity));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", { class: "rule" }, d.rule));
      li.appendChild(document.createTextNode(" "));
      var pos = el("a", { href: "#", class: "pos" }, d.where);
      pos.addEventListener("click", function (ev) { ev.preventDefault(); showSpan(j); });
      li.appendChild(pos);
      li.appendChild(document.createTextNode(" " + d.message));
      if (d.fix) li.appendChild(el("div", { class: "fix" }, d.fix));
      d.notes.forEach(function (n) { li.appendChild(el("div", { class: "note" }, n)); });
      ol.appendChild(li);
    });
    renderUpTo(0);
  }

  // A single document opens by itself.
  if (flagged.length === 1) document.getElementById("doc-0").open = true;
})();
