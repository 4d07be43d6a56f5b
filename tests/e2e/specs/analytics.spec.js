// The four analyses as a user runs them on the demo workspace: each in the background worker with
// a progress bar, charts that are drawn (not blank), a tooltip read by hovering, a cancelled run,
// and an RFM segment turned into a campaign.
import { test, expect, openSeeded } from "./fixtures.js";

/** Whether the canvas has pixels of more than one colour (a drawn chart, not a blank box). */
async function isDrawn(canvas) {
  return canvas.evaluate((element) => {
    const context = element.getContext("2d");
    const { data } = context.getImageData(0, 0, element.width, element.height);
    const first = data.slice(0, 4).join();
    for (let i = 0; i < data.length; i += 4 * 97) {
      if (data.slice(i, i + 4).join() !== first) return true;
    }
    return false;
  });
}

/** Moves the mouse over the canvas until a tooltip appears; returns its text. */
async function hoverForTooltip(page, canvas) {
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  for (let y = 0.15; y < 0.9; y += 0.05) {
    for (let x = 0.1; x < 0.95; x += 0.02) {
      await page.mouse.move(box.x + box.width * x, box.y + box.height * y);
      const tooltip = page.getByRole("tooltip");
      if (await tooltip.count()) return tooltip.textContent();
    }
  }
  return null;
}

async function run(page) {
  await page.getByRole("button", { name: "Run analysis" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Computed in" })).toBeVisible({ timeout: 60_000 });
}

test("RFM: heatmap and segments drawn, tooltip on hover, a segment becomes a campaign", async ({ page }) => {
  await page.clock.install({ time: new Date("2026-11-28T10:00:00") });
  await openSeeded(page, "/analytics");
  await page.getByRole("link", { name: "RFM segments" }).click();
  await run(page);
  const heatmap = page.getByRole("img", { name: "Customers by recency and frequency score" });
  await expect(heatmap).toBeVisible();
  await expect.poll(() => isDrawn(heatmap)).toBe(true);
  await expect.poll(() => isDrawn(page.getByRole("img", { name: "Customers per segment" }))).toBe(true);
  const tip = await hoverForTooltip(page, heatmap);
  expect(tip).toMatch(/^R[1-5] F[1-5]: [\d,]+ Customers · \$[\d,]+$/);

  await page.getByRole("button", { name: "Show customers Champions" }).click();
  const chosen = page.getByRole("region", { name: /Champions · [\d,]+ Customers/ });
  await expect(chosen.getByRole("link").first()).toBeVisible();
  const heading = await chosen.getByRole("heading").textContent();
  const count = heading.match(/· ([\d,]+) Customers/)[1];
  await chosen.getByRole("button", { name: "Create campaign" }).click();
  await expect(chosen.getByRole("status")).toContainText(`Campaign created: “RFM · Champions · 2026-11-28” · ${count} people`);

  // The campaign is stored: the campaigns count went up by one and survives a reload.
  await page.reload();
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("group", { name: "Campaigns" })).not.toContainText("…");
});

test("lifetime value: fitted parameters, holdout chart and tiers", async ({ page }) => {
  await page.clock.install({ time: new Date("2026-11-28T10:00:00") });
  await openSeeded(page, "/analytics/clv");
  await run(page);
  const parameters = page.getByRole("table", { name: "Fitted model parameters" });
  await expect(parameters).toContainText("BG/NBD r, α, a, b");
  const holdout = page.getByRole("img", { name: /Weekly repeat purchases/ });
  await expect.poll(() => isDrawn(holdout)).toBe(true);
  expect(await hoverForTooltip(page, holdout)).toMatch(/^(Actual|Predicted) \d{4}-\d\d-\d\d: [\d.]+$/);
  await expect(page.getByText(/High value \(top 20 %\) · [\d,]+ Customers/)).toBeVisible();
  // The discounted calculator: 100 / 1.1 + 100 / 1.21 + 100 / 1.331 − 50 = 198.69.
  await expect(page.locator("output")).toHaveText("CLV = 198.69");
  await page.getByLabel("Discount rate per period").fill("abc");
  await expect(page.locator("output")).toContainText("Discount rate per period: “abc”");
});

test("segments: elbow, projection and named clusters; a run can be cancelled", async ({ page }) => {
  await page.clock.install({ time: new Date("2026-11-28T10:00:00") });
  await openSeeded(page, "/analytics/segments");
  // A worker that is slow to start (its wasm held back for a while) is still running when the
  // user cancels: the worker is stopped and the page says so.
  await page.route("**/hearth-worker_bg.wasm", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await route.continue();
  });
  await page.getByRole("button", { name: "Run analysis" }).click();
  await expect(page.getByRole("progressbar", { name: "Analysis progress" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Analysis cancelled." })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Analysis progress" })).toHaveCount(0);
  await page.unroute("**/hearth-worker_bg.wasm");

  await page.getByLabel("Number of clusters").selectOption("4");
  await run(page);
  await expect(page.getByText("k = 4")).toBeVisible();
  const profiles = page.getByRole("table", { name: "Cluster profiles (means in original units)" });
  await expect(profiles.getByRole("row")).toHaveCount(5);
  const projection = page.getByRole("img", { name: /two main components/ });
  await expect.poll(() => isDrawn(projection)).toBe(true);
  expect(await hoverForTooltip(page, projection)).toMatch(/^#\d+ · Cluster [1-4] \(.+\)$/);
  await profiles.getByRole("button", { name: "Show customers Cluster 1" }).click();
  await expect(page.getByRole("region", { name: /^Cluster 1 · / }).getByRole("link").first()).toBeVisible();
});

test("baskets: rules table filtered by product, scatter drawn", async ({ page }) => {
  await openSeeded(page, "/analytics/baskets");
  await page.getByLabel("Minimum support").fill("0.002");
  await run(page);
  const rules = page.getByRole("table", { name: "Rules", exact: true });
  await expect(rules.getByRole("row").nth(1)).toBeVisible();
  await expect.poll(() => isDrawn(page.getByRole("img", { name: /Rules by support and confidence/ }))).toBe(true);
  // "Customers who bought X also buy", for the product of a one-product rule.
  const single = rules.locator("tbody tr").filter({ hasNotText: " + " }).first();
  const bought = (await single.locator("td").first().textContent()).trim();
  await page.getByRole("combobox", { name: "Product", exact: true }).selectOption({ label: bought });
  const also = page.getByRole("list", { name: "Customers who bought this also buy" }).getByRole("listitem");
  await expect(also.first()).toHaveText(/^.+ \(\d+ %\)$/);
  const firstProduct = (await rules.getByRole("row").nth(1).getByRole("cell").first().textContent()).split(" + ")[0];
  const body = rules.locator("tbody").getByRole("row");
  const allRules = await body.count();
  await page.getByLabel("Filter by product").fill(firstProduct);
  await expect.poll(() => body.count()).toBeLessThan(allRules);
  for (const text of await body.allTextContents()) {
    expect(text).toContain(firstProduct);
  }
  // A product's own page, reached from a rule, says what its buyers also buy.
  await page.getByLabel("Filter by product").fill("");
  const link = rules.locator("tbody tr").filter({ hasNotText: " + " }).first().getByRole("link").first();
  const product = (await link.textContent()).trim();
  await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(product);
  await expect(
    page.getByRole("list", { name: "Customers who bought this also buy" }).getByRole("listitem").first(),
  ).toHaveText(/^.+ \(\d+ %, lift [\d.]+\)$/);
  await page.goBack();
  await page.getByLabel("Minimum support").fill("two");
  await page.getByRole("button", { name: "Run analysis" }).click();
  await expect(page.getByRole("alert")).toContainText("min support");
});

test("dashboard KPIs, a customer's insights after the analyses, and a rule's buyers as a campaign", async ({ page }) => {
  await page.clock.install({ time: new Date("2026-11-28T10:00:00") });
  await openSeeded(page, "/");
  const revenue = page.getByRole("group", { name: "Revenue this month" });
  await expect(revenue).toContainText(/\$[\d,]+/);
  await expect(revenue).toContainText(/vs last month/);
  await expect(revenue.locator("svg.sparkline polyline")).toHaveAttribute("points", /^[\d.]+,[\d.]+( [\d.]+,[\d.]+){11}$/);
  await expect(page.getByRole("group", { name: "New customers" })).toContainText(/\d/);
  await expect(page.getByRole("group", { name: "Open pipeline" })).toContainText(/\$[\d,]+.*open deals/);
  await expect(page.getByRole("group", { name: "Open tickets" })).toContainText(/past their SLA/);
  const atRisk = page.getByRole("group", { name: "High-value customers at risk" });
  await atRisk.getByRole("link", { name: "Run the lifetime value analysis to see forecasts" }).click();
  await run(page);
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(atRisk.locator(".count-value")).toHaveText(/^[\d,]+$/);

  // The top customer by lifetime value: their page shows the forecast and, after the other two
  // analyses, their RFM scores and suggested products.
  for (const path of ["/analytics/rfm", "/analytics/baskets"]) {
    await page.getByRole("link", { name: "Analytics" }).click();
    await page.locator(`a[href="${path}"]`).click();
    if (path.endsWith("baskets")) await page.getByLabel("Minimum support").fill("0.002");
    await run(page);
  }
  // Target the buyers of the strongest rule's products.
  await page.getByRole("table", { name: "Rules", exact: true }).getByRole("button", { name: /^Target buyers: / }).first().click();
  const buyers = page.getByRole("region", { name: /^Buyers of .+ · [\d,]+ Customers$/ });
  await expect(buyers).toBeVisible();
  await buyers.getByRole("button", { name: "Create campaign" }).click();
  await expect(buyers.getByRole("status")).toContainText("Campaign created: “Buyers of");

  await page.getByRole("link", { name: "Analytics" }).click();
  await page.locator('a[href="/analytics/clv"]').click();
  await page.getByRole("region", { name: "Top customers by lifetime value" }).getByRole("link").first().click();
  const insights = page.getByRole("region", { name: "Insights" });
  await expect(insights).toContainText(/R[1-5] F[1-5] M[1-5] · /);
  await expect(insights).toContainText(/P\(alive\) [\d.]+ · Expected purchases [\d.]+ · CLV \$[\d,]+ · High value/);
  await expect(insights.locator("dd").nth(2)).not.toHaveText("");
});

test("a worker that fails is reported, and the next run starts a fresh one", async ({ page }) => {
  await openSeeded(page, "/analytics/rfm");
  await page.route("**/hearth-worker_loader.js", (route) =>
    route.fulfill({ contentType: "text/javascript", body: 'throw new Error("the worker could not start");' }),
  );
  await page.getByRole("button", { name: "Run analysis" }).click();
  await expect(page.getByRole("alert")).toContainText("The analysis failed:");
  await expect(page.getByRole("alert")).toContainText("the worker could not start");
  await page.unroute("**/hearth-worker_loader.js");
  await run(page);
  await expect(page.getByRole("img", { name: "Customers per segment" })).toBeVisible();
});
