// cchc serve: the page. Hash routes (#/, #/item/CODE, #/edit, #/tasks,
// #/reports, #/province, #/unit/CODE) over the JSON API of docs/serve.md.
// Plain DOM code, no framework, no build step.
"use strict";

const state = { info: null, T: null, score: null, unit: "", sensitivity: null, editor: null };

// ---------------------------------------------------------------- helpers

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function t(key) { return (state.T && state.T[key]) || key; }

function num(x, digits, fixed) {
  if (x === null || x === undefined || Number.isNaN(Number(x))) return "–";
  const d = digits === undefined ? (state.info ? state.info.criteria.precision : 2) : digits;
  return Number(x).toLocaleString(state.info && state.info.lang === "en" ? "en-US" : "vi-VN",
    { minimumFractionDigits: fixed ? d : 0, maximumFractionDigits: d });
}

// An index in percent with the criteria's declared decimals (display only).
function pct(x) { return num(x, undefined, true) + " %"; }

function signed(x) {
  const s = num(x);
  if (Number(x) > 1e-9) return el("span", { class: "up" }, "+" + s);
  if (Number(x) < -1e-9) return el("span", { class: "down" }, s);
  return el("span", {}, s);
}

function statusText(s) { return t("st_" + s); }

function setStatus(msg, isError) {
  const s = document.getElementById("status");
  s.textContent = msg || "";
  s.className = isError ? "error" : "";
}

function tokenHeader() {
  const m = /[?&]token=([A-Za-z0-9_-]+)/.exec(location.search);
  return m ? { "X-CCHC-Token": m[1] } : {};
}

function withUnit(path) {
  if (!state.unit) return path;
  return path + (path.includes("?") ? "&" : "?") + "unit=" + encodeURIComponent(state.unit);
}

// Returns {status, body} (body parsed as JSON when it is JSON).
async function api(path, options) {
  const opts = Object.assign({ credentials: "same-origin" }, options || {});
  opts.headers = Object.assign({}, tokenHeader(), opts.headers || {});
  let res;
  try {
    res = await fetch(path, opts);
  } catch (e) {
    setStatus(t("netError"), true);
    throw e;
  }
  const text = await res.text();
  let body = text;
  try { body = JSON.parse(text); } catch (e) { /* not JSON */ }
  return { status: res.status, body };
}

async function getJson(path) {
  const r = await api(path);
  if (r.status !== 200) {
    const msg = r.body && r.body.error ? r.body.error.message : String(r.status);
    setStatus(t("errorPrefix") + ": " + msg, true);
    throw new Error(msg);
  }
  return r.body;
}

function table(headers, rows, caption) {
  return el("div", { class: "table-wrap" }, el("table", {},
    caption ? el("caption", { class: "muted" }, caption) : null,
    el("thead", {}, el("tr", {}, headers.map((h) => {
      const [text, cls] = Array.isArray(h) ? h : [h, ""];
      return el("th", { scope: "col", class: cls }, text);
    }))),
    el("tbody", {}, rows)));
}

function link(href, text) { return el("a", { href }, text); }

function downloadLink(path, text, primary) {
  const sep = path.includes("?") ? "&" : "?";
  const m = /[?&]token=([A-Za-z0-9_-]+)/.exec(location.search);
  const href = withUnit(path) + (m ? (withUnit(path).includes("?") ? "&" : sep) + "token=" + m[1] : "");
  return el("a", { href, class: "button" + (primary ? " primary" : ""), download: "" }, text);
}

function main() { return document.getElementById("main"); }

function show(...nodes) {
  const m = main();
  m.replaceChildren(...nodes.flat().filter(Boolean));
}

// ---------------------------------------------------------------- navigation

function renderNav(route) {
  const nav = document.getElementById("nav");
  const links = [];
  if (state.info.mode === "province") {
    links.push(["#/province", t("province"), route === "province"]);
    if (state.unit) links.push(["#/unit/" + encodeURIComponent(state.unit), t("dashboard"), route === "dashboard"]);
    if (state.unit) links.push(["#/reports", t("reports"), route === "reports"]);
  } else {
    links.push(["#/", t("dashboard"), route === "dashboard" || route === "item"]);
    links.push(["#/edit", t("editor"), route === "edit"]);
    links.push(["#/tasks", t("tasks"), route === "tasks"]);
    links.push(["#/reports", t("reports"), route === "reports"]);
  }
  nav.replaceChildren(...links.map(([href, text, cur]) =>
    el("a", { href, "aria-current": cur ? "page" : null }, text)));
}

async function route() {
  const hash = location.hash || (state.info.mode === "province" ? "#/province" : "#/");
  const parts = hash.slice(2).split("/").map(decodeURIComponent);
  setStatus("");
  let name = parts[0] || "dashboard";
  if (name === "unit") {
    state.unit = parts[1] || "";
    state.score = null;
    state.sensitivity = null;
    name = parts[2] === "item" ? "item" : "dashboard";
    if (name === "item") parts[1] = parts[3];
  }
  if (name === "") name = "dashboard";
  renderNav(name);
  try {
    if (name === "dashboard") await showDashboard();
    else if (name === "item") await showItem(parts[1]);
    else if (name === "edit") await showEditor();
    else if (name === "tasks") await showTasks();
    else if (name === "reports") showReports();
    else if (name === "province") await showProvince();
    else await showDashboard();
  } catch (e) {
    if (!document.getElementById("status").textContent) setStatus(String(e), true);
  }
  if (location.hash && document.activeElement === document.body) main().focus({ preventScroll: true });
}

function itemHref(code) {
  return state.unit ? "#/unit/" + encodeURIComponent(state.unit) + "/item/" + encodeURIComponent(code)
    : "#/item/" + encodeURIComponent(code);
}

// ---------------------------------------------------------------- dashboard

async function loadScore() {
  if (!state.score) state.score = await getJson(withUnit("/api/score"));
  return state.score;
}

function summaryCards(s) {
  const cards = [
    el("div", { class: "card index" }, el("div", { class: "label" }, t("index")),
      el("div", { class: "value", id: "index-value" }, pct(s.percent))),
    el("div", { class: "card" }, el("div", { class: "label" }, t("band")),
      el("div", { class: "value", id: "band-value" }, s.band || "–")),
    el("div", { class: "card" }, el("div", { class: "label" }, t("points")),
      el("div", { class: "value" }, num(s.points) + " / " + num(s.max))),
    el("div", { class: "card" }, el("div", { class: "label" }, t("bonus") + " / " + t("penalty")),
      el("div", { class: "value" }, "+" + num(s.bonus ? s.bonus.points : 0) + " / −" + num(s.penalty ? s.penalty.points : 0))),
  ];
  if (s.appraised) {
    cards.push(el("div", { class: "card" }, el("div", { class: "label" }, t("appraised")),
      el("div", { class: "value" }, pct(s.appraised.percent)),
      el("div", { class: "label" }, t("gap") + ": ", signed(s.appraised.gap_percent))));
  }
  return el("section", { class: "cards", "aria-label": t("index") }, cards);
}

async function showDashboard() {
  show(el("p", {}, t("loading")));
  const s = await loadScore();
  const unitName = s.unit ? (s.unit.name || s.unit.code) : "";
  document.getElementById("title").textContent = t("title") + (unitName ? " — " + unitName : "");
  const nodes = [];
  if (state.info.mode === "province") {
    nodes.push(el("p", {}, link("#/province", t("backProvince")), " ", el("span", { class: "muted" }, t("readOnly"))));
  }
  nodes.push(el("h2", {}, unitName + (s.year ? " — " + s.year : "")));
  nodes.push(summaryCards(s));

  nodes.push(el("h2", {}, t("areas")));
  nodes.push(table([t("code"), t("area"), [t("points"), "num"], [t("max"), "num"], [t("percent"), "num"], "", s.appraised ? [t("appraised"), "num"] : null].filter((h) => h !== null),
    s.areas.map((a) => {
      const bar = el("div", { class: "bar", role: "img", "aria-label": num(a.percent, 1) + " %" }, el("span"));
      bar.firstChild.style.width = Math.max(0, Math.min(100, a.percent)) + "%";
      return el("tr", {}, el("td", {}, a.code), el("td", {}, a.name), el("td", { class: "num" }, num(a.points)),
        el("td", { class: "num" }, num(a.max)), el("td", { class: "num" }, num(a.percent, 1) + " %"), el("td", {}, bar),
        s.appraised ? el("td", { class: "num" }, a.appraised === undefined ? "–" : num(a.appraised)) : null);
    })));

  const byCode = new Map(s.items.map((i) => [i.code, i]));
  nodes.push(el("h2", {}, t("lostTitle")));
  const lost = (s.points_lost || []).map((p) => byCode.get(p.code)).filter(Boolean);
  nodes.push(lost.length ? table([t("code"), t("name"), [t("lost"), "num"], [t("points"), "num"], [t("max"), "num"], t("status"), ""],
    lost.map((i) => el("tr", {}, el("td", {}, link(itemHref(i.code), i.code)), el("td", {}, i.name),
      el("td", { class: "num" }, num(i.lost)), el("td", { class: "num" }, num(i.points)), el("td", { class: "num" }, num(i.max)),
      el("td", {}, statusText(i.status)), el("td", {}, link(itemHref(i.code), t("openItem")))))) : el("p", {}, t("none")));

  nodes.push(el("h2", {}, t("missingTitle")));
  const missing = s.items.filter((i) => i.status === "missing_evidence");
  nodes.push(missing.length ? el("ul", { class: "plain" }, missing.map((i) =>
    el("li", {}, link(itemHref(i.code), i.code), " ", i.name, " — ", el("span", { class: "muted" }, num(i.declared_max) + " " + t("points").toLowerCase()))))
    : el("p", {}, t("none")));

  nodes.push(el("h2", {}, t("warnings")));
  const warns = (state.info.mode === "commune" ? state.info.warnings : []) || [];
  const warnList = warns.map((w) => el("li", { class: "warn" }, w));
  if (s.unmatched && s.unmatched.length) warnList.push(el("li", { class: "warn" }, t("unmatched") + ": " + s.unmatched.join(", ")));
  nodes.push(warnList.length ? el("ul", { class: "plain" }, warnList) : el("p", {}, t("none")));
  show(nodes);
}

// ---------------------------------------------------------------- item page

async function showItem(code) {
  show(el("p", {}, t("loading")));
  const s = await loadScore();
  const item = s.items.find((i) => i.code === code);
  const detail = await getJson(withUnit("/api/item?code=" + encodeURIComponent(code)));
  const ev = await getJson(withUnit("/api/evidence"));
  if (!state.sensitivity) state.sensitivity = await getJson(withUnit("/api/sensitivity"));
  const nodes = [el("p", {}, link(state.unit ? "#/unit/" + encodeURIComponent(state.unit) : "#/", t("back")))];
  nodes.push(el("h2", {}, detail.code + " " + detail.name));
  if (item) {
    nodes.push(el("section", { class: "cards" },
      el("div", { class: "card index" }, el("div", { class: "label" }, t("points")),
        el("div", { class: "value", id: "item-points" }, num(item.points) + " / " + num(item.declared_max))),
      el("div", { class: "card" }, el("div", { class: "label" }, t("status")), el("div", { class: "value" }, statusText(item.status))),
      el("div", { class: "card" }, el("div", { class: "label" }, t("lost")), el("div", { class: "value" }, num(item.lost))),
      item.appraised !== undefined ? el("div", { class: "card" }, el("div", { class: "label" }, t("appraised")),
        el("div", { class: "value" }, num(item.appraised))) : null));
    nodes.push(el("h3", {}, t("explanation")), el("p", { id: "item-explanation" }, item.explanation));
  }
  nodes.push(el("h3", {}, t("expects")));
  nodes.push(detail.expects.length ? el("ul", { class: "plain" }, detail.expects.map((x) => el("li", {}, x))) : el("p", {}, t("none")));
  nodes.push(el("h3", {}, t("evidence")));
  const ids = item ? item.evidence : [];
  const recs = ev.evidence.records.filter((r) => ids.includes(r.id));
  nodes.push(recs.length ? el("div", {}, recs.map((r) => el("details", { class: "kind", open: recs.length <= 3 },
    el("summary", {}, r.id + " (" + r.kind + ")"),
    table([t("field"), t("value")], Object.entries(r).filter(([k]) => k !== "id" && k !== "kind")
      .map(([k, v]) => el("tr", {}, el("td", {}, k), el("td", {}, String(v)))))))) : el("p", {}, t("none")));
  nodes.push(el("h3", {}, t("nextStep")));
  const steps = [];
  for (const input of state.sensitivity.inputs || []) {
    for (const dir of ["up", "down"]) {
      const st = input[dir];
      if (st && st.item === code) steps.push(el("li", {}, st.description, " ", signed(st.gain), " %"));
    }
  }
  nodes.push(steps.length ? el("ul", { class: "plain", id: "item-steps" }, steps) : el("p", {}, t("noStep")));
  nodes.push(el("h3", {}, t("rule")), el("pre", { class: "rule" }, detail.source));
  show(nodes);
}

// ---------------------------------------------------------------- editor

const NUMERIC = new Set(["number", "count", "percent"]);

function cellText(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "true" : "false";
  return String(v);
}

// The JSON value for a cell's text, typed as declared; text that does not
// parse is sent as typed, so the server's validation names the problem.
function cellValue(text, type, original) {
  const s = text.trim();
  if (s === "") return undefined;
  if (NUMERIC.has(type) || (!type && typeof original === "number")) {
    const n = s.replace(/%$/, "").replace(/\s/g, "").replace(",", ".");
    if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(n)) return Number(n);
    return s;
  }
  if (type === "bool" || (!type && typeof original === "boolean")) {
    const l = s.toLowerCase();
    if (["true", "có", "co", "yes", "1"].includes(l)) return true;
    if (["false", "không", "khong", "no", "0"].includes(l)) return false;
    return s;
  }
  return s;
}

async function showEditor() {
  show(el("p", {}, t("loading")));
  const [ev, schema] = await Promise.all([getJson("/api/evidence"), getJson("/api/schema")]);
  const ed = {
    version: ev.version, doc: ev.evidence, schema,
    rows: ev.evidence.records.map((r) => ({ id: r.id, kind: r.kind, original: r,
      cells: Object.fromEntries(Object.entries(r).filter(([k]) => k !== "id" && k !== "kind").map(([k, v]) => [k, cellText(v)])) })),
    dirty: false, timer: null, seq: 0, lastOk: true,
  };
  state.editor = ed;
  renderEditor();
}

function fieldType(kind, field) {
  const k = state.editor.schema.kinds.find((x) => x.kind === kind);
  const f = (k && k.fields.find((x) => x.name === field)) || state.editor.schema.common.find((x) => x.name === field);
  return f ? f.type : "";
}

function buildDoc() {
  const ed = state.editor;
  const doc = Object.assign({}, ed.doc);
  doc.records = ed.rows.map((row) => {
    const rec = { id: row.id, kind: row.kind };
    for (const [f, text] of Object.entries(row.cells)) {
      const v = cellValue(text, fieldType(row.kind, f), row.original ? row.original[f] : undefined);
      if (v !== undefined) rec[f] = v;
    }
    return rec;
  });
  return doc;
}

function columnsFor(kind) {
  const ed = state.editor;
  const k = ed.schema.kinds.find((x) => x.kind === kind);
  const cols = k ? k.fields.map((f) => f.name) : [];
  for (const row of ed.rows) {
    if (row.kind !== kind) continue;
    for (const f of Object.keys(row.cells)) if (!cols.includes(f)) cols.push(f);
  }
  return cols;
}

function renderEditor() {
  const ed = state.editor;
  const kinds = [];
  for (const k of ed.schema.kinds) kinds.push(k.kind);
  for (const r of ed.rows) if (!kinds.includes(r.kind)) kinds.push(r.kind);
  const sections = kinds.map((kind) => {
    const k = ed.schema.kinds.find((x) => x.kind === kind);
    const cols = columnsFor(kind);
    const rows = [];
    ed.rows.forEach((row, index) => {
      if (row.kind !== kind) return;
      const idInput = el("input", { type: "text", value: row.id, "aria-label": kind + " " + row.id + " id",
        "data-row": index, "data-field": "id", oninput: (e) => { row.id = e.target.value; edited(); } });
      const tds = [el("td", {}, idInput, el("span", { class: "cell-error", "data-error": index + "|id" }))];
      for (const c of cols) {
        const type = fieldType(kind, c);
        const input = el("input", { type: "text", value: row.cells[c] || "", "aria-label": row.id + " " + c,
          inputmode: NUMERIC.has(type) ? "decimal" : null, placeholder: type === "date" ? "YYYY-MM-DD" : (type === "percent" ? "%" : null),
          "data-row": index, "data-field": c, oninput: (e) => { row.cells[c] = e.target.value; edited(); } });
        tds.push(el("td", {}, input, el("span", { class: "cell-error", "data-error": index + "|" + c })));
      }
      tds.push(el("td", {}, el("button", { type: "button", "aria-label": t("removeRow") + " " + row.id,
        onclick: () => { ed.rows.splice(index, 1); renderEditor(); edited(); } }, t("remove"))));
      rows.push(el("tr", { "data-record": row.id }, tds));
    });
    const count = ed.rows.filter((r) => r.kind === kind).length;
    return el("details", { class: "kind", "data-kind": kind, open: ed.open && ed.open.has(kind) ? true : null,
      ontoggle: (e) => { ed.open = ed.open || new Set(); if (e.target.open) ed.open.add(kind); else ed.open.delete(kind); } },
      el("summary", {}, kind + (k && k.description ? " — " + k.description : "") + " (" + count + " " + t("records") + ")"),
      table(["id", ...cols.map((c) => c + (fieldType(kind, c) ? " (" + fieldType(kind, c) + ")" : "")), ""], rows),
      el("button", { type: "button", onclick: () => addRecord(kind) }, t("addRecord")));
  });
  const upload = el("form", { class: "toolbar", onsubmit: (e) => { e.preventDefault(); uploadFile(); } },
    el("label", { class: "inline" }, t("upload"), el("input", { type: "file", id: "upload-file", accept: ".json,.csv,.xlsx" })),
    el("label", { class: "inline" }, t("uploadMode"), el("select", { id: "upload-mode" },
      el("option", { value: "merge" }, t("merge")), el("option", { value: "replace" }, t("replace")))),
    el("button", { type: "submit" }, t("uploadBtn")));
  const saveBtn = el("button", { type: "button", class: "primary", id: "save", onclick: save,
    disabled: state.info.can_save ? null : true }, t("save"));
  show(
    el("div", { class: "sticky" }, el("div", { class: "toolbar" }, saveBtn,
      el("span", { id: "save-state", role: "status" }, ed.dirty ? t("unsaved") : t("nothingChanged")),
      el("span", { class: "muted" }, t("version") + " " + ed.version)),
      state.info.can_save ? null : el("p", { class: "warn" }, state.info.save_blocker),
      el("div", { id: "change", "aria-live": "polite" })),
    sections, upload,
    el("p", { class: "toolbar" }, downloadLink("/api/evidence.json", t("downloadEvidence")),
      downloadLink("/api/evidence.xlsx", t("downloadEvidenceXlsx"))),
    el("h2", {}, t("history")), el("div", { id: "history" }));
  if (ed.lastPreview) renderChange(ed.lastPreview);
  if (ed.lastIssues) markIssues(ed.lastIssues);
  loadHistory();
}

function addRecord(kind) {
  const ed = state.editor;
  let n = ed.rows.filter((r) => r.kind === kind).length + 1;
  while (ed.rows.some((r) => r.id === kind + "-" + n)) n++;
  ed.rows.push({ id: kind + "-" + n, kind, cells: {}, original: null });
  ed.open = ed.open || new Set();
  ed.open.add(kind);
  renderEditor();
  const inputs = document.querySelectorAll(`details[data-kind="${CSS.escape(kind)}"] input[data-field="id"]`);
  if (inputs.length) inputs[inputs.length - 1].focus();
  edited();
}

function edited() {
  const ed = state.editor;
  ed.dirty = true;
  const s = document.getElementById("save-state");
  if (s) s.textContent = t("unsaved");
  clearTimeout(ed.timer);
  ed.timer = setTimeout(preview, 120);
}

function markIssues(issues) {
  const ed = state.editor;
  document.querySelectorAll("input.invalid").forEach((i) => { i.classList.remove("invalid"); i.removeAttribute("aria-invalid"); });
  document.querySelectorAll(".cell-error").forEach((s) => { s.textContent = ""; });
  const general = [];
  for (const issue of issues) {
    if (issue.severity !== "error") continue;
    let placed = false;
    ed.rows.forEach((row, index) => {
      if (placed || row.id !== issue.record) return;
      const field = issue.field && (issue.field === "id" || issue.field in row.cells) ? issue.field : "id";
      const input = document.querySelector(`input[data-row="${index}"][data-field="${CSS.escape(field)}"]`);
      const span = document.querySelector(`span[data-error="${index}|${CSS.escape(field)}"]`);
      if (input && span) {
        input.classList.add("invalid");
        input.setAttribute("aria-invalid", "true");
        span.textContent = issue.message;
        const det = input.closest("details");
        if (det) det.open = true;
        placed = true;
      }
    });
    if (!placed) general.push(issue.text || issue.message);
  }
  const change = document.getElementById("change");
  if (general.length && change) change.append(el("ul", { class: "plain error" }, general.map((g) => el("li", {}, g))));
}

function renderChange(w, titleKey) {
  const box = document.getElementById("change");
  if (!box || !w) return;
  const sc = w.scenarios[0];
  const rows = sc.items.map((i) => el("tr", {}, el("td", {}, link(itemHref(i.code), i.code)), el("td", {}, i.name),
    el("td", { class: "num" }, num(i.before)), el("td", { class: "num" }, num(i.after)), el("td", { class: "num" }, signed(i.delta))));
  const areaName = (code) => {
    const a = state.score && state.score.areas.find((x) => x.code === code);
    return a ? t("area") + " " + a.name : t("area");
  };
  const areas = sc.areas.filter((a) => Math.abs(a.delta) > 1e-9).map((a) => el("tr", {}, el("td", {}, a.code), el("td", {}, areaName(a.code)),
    el("td", { class: "num" }, num(a.before)), el("td", { class: "num" }, num(a.after)), el("td", { class: "num" }, signed(a.delta))));
  box.replaceChildren(el("div", { class: "change" },
    el("strong", {}, t(titleKey || "change") + ": "),
    el("span", {}, t("index") + " " + pct(w.base.percent) + " → "),
    el("strong", { id: "preview-index" }, pct(sc.percent)), " (", signed(sc.gain), ") · ",
    el("span", {}, t("band") + " " + w.base.band + " → "), el("strong", { id: "preview-band" }, sc.band),
    rows.length || areas.length ? table([t("code"), t("name"), [t("before"), "num"], [t("after"), "num"], [t("delta"), "num"]], [...rows, ...areas]) : null));
}

async function preview() {
  const ed = state.editor;
  const seq = ++ed.seq;
  const r = await api("/api/preview", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(buildDoc()) });
  if (seq !== ed.seq) return;  // a newer edit is on its way
  if (r.status === 200) {
    ed.lastOk = true;
    ed.lastPreview = r.body.whatif;
    ed.lastIssues = null;
    await loadScore();
    if (seq !== ed.seq) return;
    renderChange(r.body.whatif);
    markIssues([]);
  } else if (r.status === 422) {
    ed.lastOk = false;
    ed.lastIssues = r.body.issues || [];
    const box = document.getElementById("change");
    if (box) box.replaceChildren(el("p", { class: "error" }, t("fixErrors")));
    markIssues(ed.lastIssues);
  } else {
    setStatus(t("errorPrefix") + ": " + (r.body.error ? r.body.error.message : r.status), true);
  }
}

async function save() {
  const ed = state.editor;
  clearTimeout(ed.timer);
  const r = await api("/api/evidence?version=" + ed.version, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(buildDoc()) });
  const s = document.getElementById("save-state");
  if (r.status === 200) {
    ed.version = r.body.version;
    ed.dirty = false;
    state.score = r.body.score;
    state.sensitivity = null;
    state.info.version = r.body.version;
    const ev = await getJson("/api/evidence");
    ed.doc = ev.evidence;
    ed.rows.forEach((row) => { row.original = ev.evidence.records.find((x) => x.id === row.id) || null; });
    ed.lastPreview = null;
    ed.lastIssues = null;
    renderEditor();
    document.getElementById("save-state").textContent = t("saved") + " " + ed.version + ".";
    setStatus(t("saved") + " " + ed.version + ".");
  } else if (r.status === 422) {
    ed.lastIssues = r.body.issues || [];
    markIssues(ed.lastIssues);
    if (s) s.textContent = t("cannotSave") + " " + t("fixErrors");
  } else {
    const msg = r.body && r.body.error ? r.body.error.message : String(r.status);
    if (s) s.textContent = t("cannotSave") + " " + (r.status === 409 && r.body.error.code === "stale" ? t("stale") + " " : "") + msg;
    setStatus(t("cannotSave") + " " + msg, true);
  }
}

async function uploadFile() {
  const input = document.getElementById("upload-file");
  const file = input.files && input.files[0];
  if (!file) return;
  const mode = document.getElementById("upload-mode").value;
  const body = await file.arrayBuffer();
  const r = await api("/api/upload?mode=" + mode + "&name=" + encodeURIComponent(file.name), { method: "POST", body });
  if (r.status !== 200) {
    const msg = r.body && r.body.error ? r.body.error.message : String(r.status);
    const issues = (r.body && r.body.issues) || [];
    setStatus(t("errorPrefix") + ": " + msg + (issues.length ? " — " + issues.slice(0, 5).map((i) => i.text).join("; ") : ""), true);
    return;
  }
  const ed = state.editor;
  ed.doc = r.body.evidence;
  ed.rows = r.body.evidence.records.map((rec) => ({ id: rec.id, kind: rec.kind, original: rec,
    cells: Object.fromEntries(Object.entries(rec).filter(([k]) => k !== "id" && k !== "kind").map(([k, v]) => [k, cellText(v)])) }));
  renderEditor();
  setStatus(t("uploaded") + " " + r.body.added + ", " + t("replaced") + " " + r.body.replaced + ".");
  edited();
}

async function loadHistory() {
  const box = document.getElementById("history");
  if (!box) return;
  const h = await getJson("/api/history");
  box.replaceChildren(h.entries.length ? table([t("version"), "", ""], h.entries.map((e) =>
    el("tr", {}, el("td", {}, String(e.version)), el("td", { class: "muted" }, e.file),
      el("td", {}, downloadLink("/api/history?version=" + e.version, t("download")))))) : el("p", {}, t("none")));
}

// ---------------------------------------------------------------- task planner

async function showTasks(budget) {
  if (!state.info.tasks) { show(el("p", {}, t("noTasks"))); return; }
  show(el("p", {}, t("loading")));
  const first = await getJson("/api/tasks" + (budget !== undefined ? "?budget=" + budget : ""));
  const total = first.tasks.reduce((a, x) => a + x.effort, 0);
  const b = budget !== undefined ? budget : Math.round(total / 3);
  const data = budget !== undefined ? first : await getJson("/api/tasks?budget=" + b);
  renderTasks(data, total, b);
}

function renderTasks(data, total, budget) {
  const slider = el("input", { type: "range", id: "budget", min: 0, max: Math.ceil(total), step: 1, value: budget,
    "aria-describedby": "budget-value" });
  const out = el("output", { id: "budget-value", for: "budget" }, num(budget, 0));
  let timer = null;
  slider.addEventListener("input", () => {
    out.textContent = num(slider.value, 0);
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const d = await getJson("/api/tasks?budget=" + slider.value);
      renderSets(d);
    }, 200);
  });
  const rows = data.tasks.map((x, i) => el("tr", {},
    el("td", { class: "num" }, String(i + 1)),
    el("td", {}, el("label", { class: "inline" }, el("input", { type: "checkbox", class: "pick", value: x.id, "aria-label": t("choose") + " " + x.id }), x.id)),
    el("td", {}, x.title), el("td", { class: "hide-narrow" }, x.lead), el("td", { class: "num" }, num(x.effort)),
    el("td", { class: "num" }, taskGain(x)), el("td", {}, x.band_after)));
  show(el("h2", {}, t("tasks") + (data.plan ? " — " + data.plan : "")),
    el("p", {}, t("index") + ": " + pct(data.base.percent) + " · " + t("band") + ": " + data.base.band),
    el("div", { class: "toolbar" }, el("label", { for: "budget" }, t("budget")), slider, out),
    el("div", { id: "sets" }),
    table([["#", "num"], t("task"), t("name"), [t("lead"), "hide-narrow"], [t("effort"), "num"], [t("gainAlone"), "num"], t("bandAfter")], rows),
    el("div", { class: "toolbar" }, el("button", { type: "button", class: "primary", id: "apply-tasks", onclick: applyTasks }, t("applySelected"))),
    el("div", { id: "change" }));
  renderSets(data);
}

// A task with no effect alone names the task it needs ("cùng NV14: +1,02").
function taskGain(x) {
  if (x.gain !== 0 || !x.with_partner) return signed(x.gain);
  return el("span", { title: t("partnerNote") }, t("withPartner") + " " + x.with_partner.id + ": ",
    signed(x.with_partner.gain));
}

function setBlock(title, set, id) {
  if (!set) return el("div", { id }, el("h3", {}, title), el("p", {}, t("unreachable")));
  return el("div", { id }, el("h3", {}, title),
    el("p", {}, set.tasks.join(", ") || "–", " · ", t("effort") + " " + num(set.effort), " · ", t("index") + " " + num(set.percent) + " % (", signed(set.gain), ") · " + set.band),
    el("button", { type: "button", onclick: () => pick(set.tasks) }, title === t("bestSet") ? t("pickBest") : t("pickCheapest")));
}

function pick(ids) {
  document.querySelectorAll("input.pick").forEach((c) => { c.checked = ids.includes(c.value); });
  applyTasks();
}

function renderSets(d) {
  const box = document.getElementById("sets");
  if (!box) return;
  box.replaceChildren(
    setBlock(t("bestSet"), d.budget ? d.budget.best : null, "best-set"),
    d.target ? setBlock(t("cheapestSet") + " " + d.target.band, d.target.cheapest, "cheapest-set") : null);
}

async function applyTasks() {
  const ids = [...document.querySelectorAll("input.pick:checked")].map((c) => c.value);
  const r = await api("/api/tasks/apply", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ tasks: ids }) });
  if (r.status !== 200) { setStatus(t("errorPrefix") + ": " + r.body.error.message, true); return; }
  await loadScore();  // the area names of the change table
  renderChange(r.body, "changeTasks");
}

// ---------------------------------------------------------------- reports

function showReports() {
  show(el("h2", {}, t("reports")), el("p", {}, t("reportsIntro")),
    el("p", { class: "toolbar" }, downloadLink("/api/report.html", t("reportHtml"), true),
      downloadLink("/api/report.xlsx", t("reportXlsx"), true),
      downloadLink("/api/evidence.json", t("downloadEvidence"))));
}

// ---------------------------------------------------------------- province

async function showProvince() {
  state.unit = "";
  state.score = null;
  document.getElementById("title").textContent = t("title");
  show(el("p", {}, t("loading")));
  const b = await getJson("/api/ranking");
  const filter = el("input", { type: "text", id: "filter", "aria-label": t("filter"), placeholder: t("filter") });
  const order = [...b.units].sort((x, y) => x.rank - y.rank || x.code.localeCompare(y.code));
  const hasAppraisal = order.some((u) => u.appraised_percent !== undefined);
  const body = el("tbody");
  const fill = () => {
    const q = filter.value.trim().toLowerCase();
    body.replaceChildren(...order.filter((u) => !q || u.code.toLowerCase().includes(q) || (u.name || "").toLowerCase().includes(q)).slice(0, 500)
      .map((u) => el("tr", {}, el("td", { class: "num" }, String(u.rank)),
        el("td", {}, link("#/unit/" + encodeURIComponent(u.code), u.code)), el("td", {}, u.name),
        el("td", { class: "num" }, pct(u.percent)), el("td", {}, u.band),
        hasAppraisal ? el("td", { class: "num" }, u.gap === undefined ? "–" : signed(u.gap)) : null)));
  };
  filter.addEventListener("input", fill);
  fill();
  const head = el("thead", {}, el("tr", {}, [t("rank"), t("code"), t("commune"), t("index"), t("band"), hasAppraisal ? t("gap") : null]
    .filter(Boolean).map((h) => el("th", { scope: "col" }, h))));
  const st = b.statistics;
  show(el("h2", {}, (b.index.name || t("province")) + (b.index.year ? " — " + b.index.year : "")),
    el("p", {}, b.totals.scored + " / " + b.totals.read + " " + t("commune").toLowerCase()),
    el("h2", {}, t("ranking")), el("div", { class: "toolbar" }, filter),
    el("div", { class: "table-wrap" }, el("table", { id: "ranking" }, head, body)),
    el("h2", {}, t("bandCounts")),
    table([t("band"), [t("count"), "num"]], b.bands.map((x) => el("tr", {}, el("td", {}, x.band), el("td", { class: "num" }, String(x.count))))),
    el("h2", {}, t("stats")),
    table([t("code"), t("area"), [t("mean"), "num"], [t("median"), "num"], [t("min"), "num"], [t("maxv"), "num"]],
      [el("tr", {}, el("td", {}, "—"), el("td", {}, t("index")), el("td", { class: "num" }, num(st.index.mean)), el("td", { class: "num" }, num(st.index.median)),
        el("td", { class: "num" }, num(st.index.min)), el("td", { class: "num" }, num(st.index.max))),
      ...st.areas.map((a) => el("tr", {}, el("td", {}, a.code), el("td", {}, a.name), el("td", { class: "num" }, num(a.percent ? a.percent.mean : a.mean)),
        el("td", { class: "num" }, num(a.percent ? a.percent.median : a.median)), el("td", { class: "num" }, num(a.percent ? a.percent.min : a.min)),
        el("td", { class: "num" }, num(a.percent ? a.percent.max : a.max))))]),
    el("h2", {}, t("gaps")),
    b.appraisal.largest_gaps.length ? table([t("code"), t("commune"), t("item"), [t("self"), "num"], [t("appraised"), "num"], [t("gap"), "num"]],
      b.appraisal.largest_gaps.map((g) => el("tr", {}, el("td", {}, link("#/unit/" + encodeURIComponent(g.code), g.code)), el("td", {}, g.name),
        el("td", {}, link("#/unit/" + encodeURIComponent(g.code) + "/item/" + encodeURIComponent(g.item), g.item)),
        el("td", { class: "num" }, num(g.self)), el("td", { class: "num" }, num(g.appraised)), el("td", { class: "num" }, signed(g.gap))))) : el("p", {}, t("none")),
    b.failed.length ? el("h2", {}, t("failedUnits")) : null,
    b.failed.length ? el("ul", { class: "plain error" }, b.failed.map((f) => el("li", {}, f.error))) : null);
}

// ---------------------------------------------------------------- start

async function start() {
  try {
    state.info = await getJson("/api/info");
  } catch (e) {
    document.getElementById("main").textContent = String(e);
    return;
  }
  state.T = window.CCHC_TEXT[state.info.lang] || window.CCHC_TEXT.vi;
  document.documentElement.lang = state.info.lang;
  document.title = t("title");
  document.querySelector(".skip").textContent = t("skip");
  document.getElementById("nav").setAttribute("aria-label", t("title"));
  window.addEventListener("hashchange", route);
  window.addEventListener("beforeunload", (e) => {
    if (state.editor && state.editor.dirty) { e.preventDefault(); e.returnValue = ""; }
  });
  route();
}

start();
