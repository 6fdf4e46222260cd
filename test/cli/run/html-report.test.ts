import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { htmlReport } from "../../../src/checker/report/html-report.js";
import { runAll } from "../../../src/checker/run/run-all.js";
import { loadSpecFile } from "../../../src/checker/spec/load-spec.js";
import { SPECS, tmp } from "./helpers.js";

const CHROMIUM = "/usr/bin/chromium";

/** The stack-expansion fault, run as if it were expected to pass: a failure with a timeline. */
function failingReport(): { html: string; path: string } {
  const spec = {
    ...loadSpecFile(join(SPECS, "explore-fault-stackrot.json")),
    expect: "pass" as const,
  };
  const [outcome] = runAll([spec]).outcomes;
  expect(outcome.verdict).toBe("violation");
  const html = htmlReport(outcome);
  const path = join(tmp(), "explore-fault-stackrot.html");
  writeFileSync(path, html);
  return { html, path };
}

describe("HTML report", () => {
  it("is self-contained: inline style and script, nothing fetched", () => {
    const { html } = failingReport();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<style>");
    expect(html).toContain("<script>");
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(html).not.toMatch(/<link |<script src/);
    // One lane per thread, and the step where the answer left the model marked.
    expect(html).toMatch(/grid-template-columns:4em repeat\(3,/);
    expect(html).toMatch(/class="ev read div[^"]*">read node#4 slot\[5\] = POISON/);
    expect(html).toContain("Model: the states the reader may see");
    expect(html).toContain("S0 is [4096,8191]=1 [12288,16383]=2 [20480,32767]=3 [36864,40959]=4");
  });

  it.skipIf(!existsSync(CHROMIUM))(
    "steps through the timeline in headless Chromium (screenshot)",
    { timeout: 60_000 },
    async () => {
      const { chromium } = await import("playwright-core");
      const { path } = failingReport();
      const userDataDir = tmp();
      // A fresh profile folder (playwright passes it as --user-data-dir).
      const browser = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        viewport: { width: 1400, height: 900 },
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      });
      try {
        const page = await browser.newPage();
        const requests: string[] = [];
        page.on("request", (r) => requests.push(r.url()));
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(String(e)));
        await page.goto(`file://${path}`);
        // It opens at the step where the reader's answer left every state the model allows.
        expect(await page.textContent("#cur")).toBe("step 88 of 90");
        expect(await page.locator(".row-cur.div").textContent()).toContain(
          "read node#4 slot[5] = POISON",
        );
        await page.keyboard.press("ArrowRight");
        expect(await page.textContent("#cur")).toBe("step 89 of 90");
        await page.keyboard.press("ArrowLeft");
        await page.keyboard.press("ArrowLeft");
        expect(await page.textContent("#cur")).toBe("step 87 of 90");
        await page.click("#first");
        expect(await page.textContent("#cur")).toBe("step 0 of 90");
        await page.click("#div");
        expect(await page.textContent("#cur")).toBe("step 88 of 90");
        // Later steps are dimmed, earlier ones are not.
        expect(await page.locator('.hide[data-step="89"]').count()).toBeGreaterThan(0);
        expect(await page.locator('.hide[data-step="87"]').count()).toBe(0);
        const shot = join(tmp(), "report.png");
        await page.screenshot({ path: shot });
        const png = readFileSync(shot);
        expect(png.subarray(1, 4).toString()).toBe("PNG");
        expect(png.length).toBeGreaterThan(20_000);
        expect(requests.every((u) => u.startsWith("file://"))).toBe(true);
        expect(errors).toEqual([]);
        if (process.env.MAPLE_CHECK_SCREENSHOT)
          writeFileSync(process.env.MAPLE_CHECK_SCREENSHOT, png);
      } finally {
        await browser.close();
      }
    },
  );
});
