// End-to-end test of `cchc serve` in headless Chromium (puppeteer-core over
// Debian's /usr/bin/chromium): dashboard, live edit, save and reload, a
// refused value kept in its cell, the task planner, an upload, the XLSX form
// download and the province ranking. Screenshots go to the artefact folder.
// Usage: node serve_e2e.mjs CCHC_BINARY SOURCE_DIR ARTEFACT_DIR
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import puppeteer from "puppeteer-core";

const [cchc, source, artefacts] = process.argv.slice(2);
if (!cchc || !source || !artefacts) {
  console.error("usage: node serve_e2e.mjs CCHC_BINARY SOURCE_DIR ARTEFACT_DIR");
  process.exit(2);
}
fs.mkdirSync(artefacts, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-browser-"));
const criteria = path.join(source, "examples/thai-nguyen-2026/criteria.cchc");
const evidence = path.join(work, "evidence.json");
fs.copyFileSync(path.join(source, "examples/an-khanh-2026/evidence.json"), evidence);
const tasks = path.join(source, "examples/an-khanh-2026/tasks.json");
const servers = [];
let failures = 0;

function check(cond, what) {
  if (cond) {
    console.log("ok   " + what);
  } else {
    console.log("FAIL " + what);
    failures++;
  }
}

// Starts `cchc serve ARGS --port 0` and resolves with the printed address.
function serve(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cchc, ["serve", ...args, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    servers.push(child);
    let out = "";
    const timer = setTimeout(() => reject(new Error("the server printed no address: " + out)), 60000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = /(http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.stderr.on("data", (d) => process.stderr.write(d));
    child.on("exit", (code) => reject(new Error("the server exited with " + code)));
  });
}

// Full pages, except the editor: its sticky toolbar would cover the table.
async function shot(page, name, full = true) {
  await page.screenshot({ path: path.join(artefacts, name + ".png"), fullPage: full });
}

async function text(page, selector) {
  await page.waitForSelector(selector, { timeout: 20000 });
  return page.$eval(selector, (e) => e.textContent.trim());
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--user-data-dir=" + fs.mkdtempSync(path.join(os.tmpdir(), "cchc-chromium-"))],
});

try {
  const url = await serve([criteria, evidence, "--tasks", tasks]);
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));

  // Dashboard.
  await page.goto(url, { waitUntil: "networkidle0" });
  const index0 = await text(page, "#index-value");
  check(/\d/.test(index0), "dashboard shows the index: " + index0);
  check((await text(page, "#band-value")).length > 0, "dashboard shows the band");
  check(await page.$$eval("main table", (t) => t.length) >= 2, "areas and points lost are listed");
  await shot(page, "01-dashboard");

  // Item page from the points-lost list.
  await page.click("main table tbody a");
  const explanation = await text(page, "#item-explanation");
  check(explanation.length > 0, "an item page explains its points");
  check(await page.$eval("pre.rule", (e) => e.textContent.includes("item ")), "the item page quotes the rule");
  await shot(page, "02-item");

  // Edit a value: the index changes before saving.
  await page.goto(url.replace(/\/(\?|$)/, "/$1") + "#/edit", { waitUntil: "networkidle0" });
  await page.evaluate(() => { location.hash = "#/edit"; });
  const cell = 'input[aria-label="TTHC-2026-T11 online"]';
  await page.waitForSelector(cell);
  await page.$eval(cell, (e) => { e.closest("details").open = true; e.scrollIntoView({ block: "center" }); });
  await page.$eval(cell, (e) => { e.focus(); e.select(); });
  await page.type(cell, "1200");
  await page.waitForSelector("#preview-index", { timeout: 20000 });
  const previewed = await text(page, "#preview-index");
  check(previewed !== index0, `the edit re-scores at once: ${index0} → ${previewed}`);
  check(fs.readFileSync(evidence, "utf8").includes('"online": 875'), "nothing is saved before Save");
  await shot(page, "03-edit-preview", false);

  // Save, reload, and the value and index are kept.
  await page.click("#save");
  await page.waitForFunction(() => /2/.test(document.getElementById("save-state").textContent), { timeout: 20000 });
  check(fs.readFileSync(evidence, "utf8").match(/"online": 1200(?!\d)/) !== null, "Save writes the evidence file");
  check(fs.existsSync(evidence + ".history"), "the previous version is kept in the history folder");
  await page.reload({ waitUntil: "networkidle0" });
  await page.evaluate(() => { location.hash = "#/"; });
  await page.waitForSelector("#index-value");
  const index1 = await text(page, "#index-value");
  check(index1 === previewed, `after a reload the dashboard shows the saved index ${index1}`);
  await page.evaluate(() => { location.hash = "#/edit"; });
  await page.waitForSelector(cell);
  check(await page.$eval(cell, (e) => e.value) === "1200", "after a reload the editor shows the saved value");

  // An invalid value is refused, marked, and the typed text stays.
  await page.$eval(cell, (e) => { e.closest("details").open = true; e.scrollIntoView({ block: "center" }); });
  await page.$eval(cell, (e) => { e.focus(); e.select(); });
  await page.type(cell, "nhiều lắm");
  await page.waitForSelector(cell + ".invalid", { timeout: 20000 });
  check(await page.$eval(cell, (e) => e.value) === "nhiều lắm", "the refused text stays in the cell");
  const message = await page.$eval(cell, (e) => e.parentElement.querySelector(".cell-error").textContent);
  check(message.length > 0, "the validation message is beside the cell: " + message);
  await page.click("#save");
  await page.waitForFunction(() => /lỗi|error/i.test(document.getElementById("save-state").textContent), { timeout: 20000 });
  check(fs.readFileSync(evidence, "utf8").match(/"online": 1200(?!\d)/) !== null, "an invalid save writes nothing");
  await shot(page, "04-edit-invalid", false);

  // Task planner: the budget slider, the best set, chosen tasks applied.
  await page.evaluate(() => { location.hash = "#/tasks"; });
  await page.waitForSelector("#budget", { timeout: 30000 });
  await page.waitForSelector("#best-set");
  const planText = await text(page, "main");
  check(/cùng NV\d+: \+/.test(planText), "a task with no effect alone names the task it needs (cùng NV..: +..)");
  await page.$eval("#budget", (e) => { e.value = e.max; e.dispatchEvent(new Event("input")); });
  await new Promise((r) => setTimeout(r, 1500));
  await page.waitForSelector("#best-set button");
  await page.click("#best-set button");
  await page.waitForSelector("#preview-index", { timeout: 30000 });
  check((await text(page, "#preview-index")).length > 0, "the chosen tasks are applied as a what-if");
  const names = await page.$$eval("#change td:nth-child(2)", (tds) => tds.map((td) => td.textContent));
  check(names.some((n) => /^Lĩnh vực \S/.test(n)) && !names.includes("Lĩnh vực"),
    "the change table names each area that moves: " + names.filter((n) => n.startsWith("Lĩnh vực")).join(" | "));
  await shot(page, "05-tasks");

  // Upload a CSV into the editor (merge), then it is previewed.
  const csv = path.join(work, "more.csv");
  fs.writeFileSync(csv, "id,kind,issued,chaired_by,participants\nDOITHOAI-09,dialogue,2026-12-01,Chủ tịch UBND xã,80\n");
  await page.evaluate(() => { location.hash = "#/edit"; });
  await page.waitForSelector("#upload-file");
  await page.reload({ waitUntil: "networkidle0" });
  await page.waitForSelector("#upload-file");
  const input = await page.$("#upload-file");
  await input.uploadFile(csv);
  await page.select("#upload-mode", "merge");
  await page.click('form.toolbar button[type="submit"]');
  await page.waitForSelector('tr[data-record="DOITHOAI-09"]', { timeout: 20000 });
  check(true, "an uploaded CSV record appears in the editor");
  await page.waitForSelector("#preview-index", { timeout: 20000 });
  await page.$eval('tr[data-record="DOITHOAI-09"]', (e) => { e.closest("details").open = true; e.scrollIntoView({ block: "center" }); });
  await shot(page, "06-upload", false);

  // Reports: the XLSX form downloads.
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-downloads-"));
  const cdp = await page.createCDPSession();
  await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads });
  await page.evaluate(() => { location.hash = "#/reports"; });
  await page.waitForSelector('a[href*="report.xlsx"]');
  await shot(page, "07-reports");
  await page.click('a[href*="report.xlsx"]');
  let xlsx = null;
  for (let i = 0; i < 100 && !xlsx; i++) {
    await new Promise((r) => setTimeout(r, 200));
    xlsx = fs.readdirSync(downloads).find((f) => f.endsWith(".xlsx"));
  }
  check(!!xlsx, "the XLSX form downloads: " + xlsx);
  if (xlsx) {
    const bytes = fs.readFileSync(path.join(downloads, xlsx));
    check(bytes.subarray(0, 2).toString() === "PK", "the download is an XLSX (zip) file");
    fs.copyFileSync(path.join(downloads, xlsx), path.join(artefacts, xlsx));
  }

  // Readable at 400 px: no sideways scrolling of the page itself.
  await page.setViewport({ width: 400, height: 800 });
  await page.evaluate(() => { location.hash = "#/"; });
  await page.waitForSelector("#index-value");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 400, "the dashboard fits 400 px (page width " + width + ")");
  await shot(page, "08-dashboard-400px");
  check(errors.length === 0, "no script errors: " + errors.join("; "));

  // Province view: the ranking, then one commune's dashboard.
  const ndjson = path.join(work, "communes.ndjson");
  execFileSync(cchc, ["synth", criteria, "--units", "12", "--seed", "5", "-o", ndjson,
    "--template", path.join(source, "examples/an-khanh-2026/evidence.json")]);
  const purl = await serve([criteria, ndjson]);
  const p2 = await browser.newPage();
  await p2.setViewport({ width: 1280, height: 900 });
  await p2.goto(purl, { waitUntil: "networkidle0" });
  await p2.waitForSelector("#ranking tbody tr");
  const rows = await p2.$$eval("#ranking tbody tr", (r) => r.length);
  check(rows === 12, "the province ranking lists every commune: " + rows);
  await shot(p2, "09-province");
  await p2.click("#ranking tbody tr a");
  const unitIndex = await text(p2, "#index-value");
  check(/\d/.test(unitIndex), "a commune opens from the ranking: " + unitIndex);
  await shot(p2, "10-province-commune");
} catch (e) {
  console.log("FAIL " + (e && e.stack ? e.stack : e));
  failures++;
} finally {
  await browser.close();
  for (const s of servers) s.kill("SIGTERM");
  fs.rmSync(work, { recursive: true, force: true });
}
console.log(failures ? `${failures} check(s) failed; screenshots in ${artefacts}` : `all checks passed; screenshots in ${artefacts}`);
process.exit(failures ? 1 : 0);
