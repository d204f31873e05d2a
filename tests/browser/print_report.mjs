// The HTML report printed by headless Chromium (puppeteer-core over Debian's
// /usr/bin/chromium), as an office would print it: every page A4, no page
// wider than A4 (nothing cut at the right edge), a reasonable page count, the
// Vietnamese text present in the PDF. The PDF goes to the artefact folder.
// Usage: node print_report.mjs CCHC_BINARY SOURCE_DIR ARTEFACT_DIR
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import puppeteer from "puppeteer-core";

const [cchc, source, artefacts] = process.argv.slice(2);
if (!cchc || !source || !artefacts) {
  console.error("usage: node print_report.mjs CCHC_BINARY SOURCE_DIR ARTEFACT_DIR");
  process.exit(2);
}
fs.mkdirSync(artefacts, { recursive: true });
const criteria = path.join(source, "examples/thai-nguyen-2026/criteria.cchc");
const evidence = path.join(source, "examples/an-khanh-2026/evidence.json");
const tasks = path.join(source, "examples/an-khanh-2026/tasks.json");
const html = path.join(artefacts, "report.html");
execFileSync(cchc, ["report", criteria, evidence, "--tasks", tasks, "-o", html]);

let failures = 0;
function check(cond, what) {
  console.log((cond ? "ok   " : "FAIL ") + what);
  if (!cond) failures++;
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--user-data-dir=" + fs.mkdtempSync(path.join(os.tmpdir(), "cchc-chromium-"))],
});
try {
  const page = await browser.newPage();
  await page.goto("file://" + html, { waitUntil: "load" });
  // What a person gets from Ctrl+P: the page's own @page rules decide the size.
  const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  fs.writeFileSync(path.join(artefacts, "report.pdf"), pdf);
  const text = pdf.toString("latin1");
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)]
    .map((m) => [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])]);
  const pages = boxes.length;  // each page carries its own box in Chromium's PDFs
  // A4 is 210 × 297 mm = 595.3 × 841.9 pt, either way round.
  const a4 = ([w, h]) => (Math.abs(w - 595.3) < 2 && Math.abs(h - 841.9) < 2) ||
    (Math.abs(w - 841.9) < 2 && Math.abs(h - 595.3) < 2);
  check(boxes.length > 0, `the PDF has page boxes (${boxes.length})`);
  check(boxes.every(a4), "every page is A4: " + JSON.stringify([...new Set(boxes.map(String))]));
  check(pages >= 2 && pages <= 16, `a printable length: ${pages} pages (US Letter gave 18 before)`);
  // Nothing wider than the page: laid out at the printable width of A4
  // portrait (210 mm minus the report's 10 mm side margins), nothing overflows.
  await page.emulateMediaType("print");
  await page.setViewport({ width: Math.floor((190 * 96) / 25.4), height: 1100 });
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    const wide = [...document.querySelectorAll("table, svg, section, pre")]
      .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1).length;
    return { scroll: root.scrollWidth - root.clientWidth, wide };
  });
  check(overflow.scroll <= 1 && overflow.wide === 0,
    `nothing wider than the printable width (overflow ${overflow.scroll} px, ${overflow.wide} elements)`);
} finally {
  await browser.close();
}
if (failures) {
  console.log(`${failures} check(s) failed`);
  process.exit(1);
}
console.log("print checks passed");
