"use strict";
(function () {
  // One block of data after each document: its findings.
  const data = { findings: [] };
  document.querySelectorAll("script.mtlint-data").forEach(function (block) {
    data.findings = data.findings.concat(JSON.parse(block.textContent).findings);
  });
  const state = new Map();
  const items = Array.from(document.querySelectorAll("aside.findings li[data-f]"));
  let current = -1;

  // The marks of a finding, those in the translation first (a bilingual finding is marked
  // in the source too, beside it).
  function marksOf(id) {
    const all = Array.from(document.querySelectorAll("mark.hl")).filter(function (m) {
      return m.dataset.f.split(" ").indexOf(id) >= 0;
    });
    const inSource = function (m) { return m.closest(".source-text") !== null; };
    return all.filter(function (m) { return !inSource(m); }).concat(all.filter(inSource));
  }

  function visibleItems() {
    return items.filter(function (li) { return !li.hidden; });
  }

  function select(li) {
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    if (!li) { return; }
    current = items.indexOf(li);
    li.classList.add("current");
    // Focus follows the keyboard, so a screen reader and Tab start from the finding.
    li.focus({ preventScroll: true });
    li.scrollIntoView({ block: "nearest" });
    const marks = marksOf(li.dataset.f);
    marks.forEach(function (m) { m.classList.add("current"); });
    if (marks.length > 0) { marks[0].scrollIntoView({ block: "center" }); }
    const visible = visibleItems();
    const where = li.querySelector(".where");
    const rule = li.querySelector(".rule");
    document.getElementById("announce").textContent = "Finding " + (visible.indexOf(li) + 1) +
      " of " + visible.length + ": " + (rule ? rule.textContent : "") + ", " +
      (where ? where.textContent : "");
  }

  // Enter on the current finding goes to its highlight in the text.
  function open() {
    const li = items[current];
    if (!li) { return; }
    const marks = marksOf(li.dataset.f);
    if (marks.length > 0) {
      marks[0].focus();
      marks[0].scrollIntoView({ block: "center" });
    }
  }

  function step(delta) {
    const visible = visibleItems();
    if (visible.length === 0) { return; }
    const at = visible.indexOf(items[current]);
    const next = at < 0 ? (delta > 0 ? 0 : visible.length - 1)
      : Math.min(visible.length - 1, Math.max(0, at + delta));
    select(visible[next]);
  }

  function decide(verdict) {
    const li = items[current];
    if (!li) { return; }
    const id = li.dataset.f;
    const next = state.get(id) === verdict ? undefined : verdict;
    if (next) { state.set(id, next); } else { state.delete(id); }
    [li].concat(marksOf(id)).forEach(function (el) {
      el.classList.toggle("accepted", next === "accepted");
      el.classList.toggle("fix", next === "fix");
    });
    updateExport();
  }

  function baselineText() {
    const entries = data.findings.filter(function (f) { return state.get(f.id) === "accepted"; })
      .map(function (f) { return { source: f.source, rule: f.rule, fingerprint: f.fingerprint, text: f.text }; });
    entries.sort(function (a, b) {
      const ka = [a.source, a.rule, a.fingerprint, a.text];
      const kb = [b.source, b.rule, b.fingerprint, b.text];
      for (let i = 0; i < ka.length; i += 1) {
        if (ka[i] < kb[i]) { return -1; }
        if (ka[i] > kb[i]) { return 1; }
      }
      return 0;
    });
    const lines = entries.map(function (e) { return "    " + JSON.stringify(e); });
    return "{\n  \"schema\": \"mtlint-baseline/1\",\n  \"findings\": [" +
      (lines.length ? "\n" + lines.join(",\n") + "\n  ]" : "]") + "\n}\n";
  }

  // Every decision: the accepted findings and those marked to fix, in page order, with where
  // each is and what it says, for whoever edits the article next.
  function reviewText() {
    function entries(verdict) {
      return data.findings.filter(function (f) { return state.get(f.id) === verdict; })
        .map(function (f) {
          return { source: f.source, line: f.line, column: f.column, rule: f.rule,
            severity: f.severity, message: f.message, text: f.text, suggestion: f.suggestion,
            fingerprint: f.fingerprint };
        });
    }
    return JSON.stringify({ schema: "mtlint-review/1", accepted: entries("accepted"),
      to_fix: entries("fix") }, null, 2) + "\n";
  }

  function count(verdict) {
    return Array.from(state.values()).filter(function (v) { return v === verdict; }).length;
  }

  function updateExport() {
    document.getElementById("accepted-count").textContent = String(count("accepted"));
    document.getElementById("fix-count").textContent = String(count("fix"));
    document.getElementById("baseline-text").value = baselineText();
    document.getElementById("review-text").value = reviewText();
  }

  function download(text, name) {
    const blob = new Blob([text], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function applyFilters() {
    const rule = document.getElementById("filter-rule").value;
    const category = document.getElementById("filter-category").value;
    const severity = document.getElementById("filter-severity").value;
    const shown = new Set();
    items.forEach(function (li) {
      li.hidden = (rule && li.dataset.rule !== rule) ||
        (category && li.dataset.category !== category) ||
        (severity && li.dataset.severity !== severity);
      if (!li.hidden) { shown.add(li.dataset.f); }
    });
    // A highlight stays only while one of its findings is shown.
    document.querySelectorAll("mark.hl").forEach(function (m) {
      const any = m.dataset.f.split(" ").some(function (id) { return shown.has(id); });
      m.classList.toggle("filtered", !any);
    });
  }

  items.forEach(function (li) {
    li.addEventListener("click", function () { select(li); });
  });
  document.querySelectorAll("mark.hl").forEach(function (mark) {
    mark.addEventListener("click", function () {
      const li = items.find(function (item) { return item.dataset.f === mark.dataset.f.split(" ")[0]; });
      select(li);
    });
  });
  ["filter-rule", "filter-category", "filter-severity"].forEach(function (id) {
    document.getElementById(id).addEventListener("change", applyFilters);
  });
  document.getElementById("export").addEventListener("click", function () {
    download(baselineText(), "mtlint-baseline.json");
  });
  document.getElementById("export-review").addEventListener("click", function () {
    download(reviewText(), "mtlint-review.json");
  });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    const tag = event.target && event.target.tagName;
    if (tag === "SELECT" || tag === "TEXTAREA" || tag === "INPUT") { return; }
    if (event.key === "j") { step(1); } else if (event.key === "k") { step(-1); }
    else if (event.key === "Enter" && current >= 0) { open(); }
    else if (event.key === "a") { decide("accepted"); } else if (event.key === "x") { decide("fix"); }
    else { return; }
    event.preventDefault();
  });
  window.mtlintReport = { baselineText: baselineText, reviewText: reviewText, select: select };
  updateExport();
}());
