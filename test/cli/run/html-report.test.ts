import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { htmlReport } from "../../../src/checker/report/html-report.js";
import { runAll } from "../../../src/checker/run/run-all.js";
import { loadSpecFile } from "../../../src/checker/spec/load-spec.js";
import { SPECS, tmp } from "./helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const VIEWPORT = { width: 1400, height: 900 };

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

/** A fresh headless Chromium (its own profile folder) with a 1400x900 page; closed after `fn`. */
async function withPage(fn: (page: Page) => Promise<void>): Promise<void> {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launchPersistentContext(tmp(), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: VIEWPORT,
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
    await fn(await browser.newPage());
  } finally {
    await browser.close();
  }
}

/** Whether the element is wholly inside the viewport as the page is scrolled now. */
async function inView(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  if (box === null) return false;
  return (
    box.height > 0 &&
    box.y >= 0 &&
    box.x >= 0 &&
    box.y + box.height <= VIEWPORT.height &&
    box.x + box.width <= VIEWPORT.width
  );
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
      const { path } = failingReport();
      await withPage(async (page) => {
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
      });
    },
  );

  it.skipIf(!existsSync(CHROMIUM))(
    "opens at its top: title, finding and replay line in view, the failing step one click away",
    { timeout: 60_000 },
    async () => {
      const { path } = failingReport();
      await withPage(async (page) => {
        // What a blank page of this size weighs as a screenshot, to tell one from a report.
        await page.goto("about:blank");
        const blank = await page.screenshot();
        await page.goto(`file://${path}`);
        expect(await page.evaluate(() => window.scrollY)).toBe(0);
        for (const id of ["#title", "#finding", "#replay", "#to-violation"])
          expect(await inView(page, id), id).toBe(true);
        expect(await page.textContent("#title")).toBe(
          "explore-fault-stackrot: violation (expected pass)",
        );
        expect(await page.textContent("#finding")).toMatch(/reader #\d+ t\d+/);
        expect(await page.textContent("#replay")).toMatch(
          /^Replay: maple-check replay explore:explore-fault-stackrot@[0-9a-f]{12}:/,
        );
        // The failing step is selected, not scrolled to.
        expect(await page.textContent("#cur")).toBe("step 88 of 90");
        expect(await inView(page, "#violation")).toBe(false);
        const shot = await page.screenshot();
        expect(shot.length).toBeGreaterThan(5 * blank.length);

        await page.click("#to-violation");
        await page.waitForFunction(() => window.scrollY > 0);
        expect(await inView(page, "#violation")).toBe(true);
        expect(await page.textContent("#violation")).toContain("read node#4 slot[5] = POISON");
        expect(await inView(page, "#title")).toBe(false);

        // Opened with the fragment, it starts at the step.
        await page.goto("about:blank");
        await page.goto(`file://${path}#violation`);
        await page.waitForFunction(() => window.scrollY > 0);
        expect(await inView(page, "#violation")).toBe(true);
        expect(await page.textContent("#cur")).toBe("step 88 of 90");
      });
    },
  );
});
