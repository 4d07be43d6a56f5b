// A campaign as a marketer runs one: a segment saved as a view of people, a campaign planned
// with a budget, its target list taken from the segment with a tenth held back as the control
// group, a response logged, an order of a target inside the window (and one before it), the
// attributed revenue, ROI and uplift measured, the member list downloaded, all kept after a
// reload; then the marketing report side by side.
import fs from "node:fs";
import { test, expect, openSeeded } from "./fixtures.js";

const count = (text) => Number(text.replace(/[^\d]/g, ""));

/** Adds a placed order of one unit at `price` for the person at `personPath`, dated `day` if given. */
async function order(page, personPath, price, day) {
  await page.goto(personPath);
  await page.getByRole("button", { name: "New order" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Order #\d+$/ })).toBeVisible();
  const lines = page.getByRole("form", { name: "Line items" });
  if (day) await lines.getByLabel("Order date").fill(day);
  await lines.getByLabel("Product 1").selectOption({ index: 1 });
  await lines.getByLabel("Quantity 1").fill("1");
  await lines.getByLabel("Unit price 1").fill(price);
  await lines.getByLabel("Status", { exact: true }).selectOption("placed");
  await lines.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved" })).toBeVisible();
}

test("a campaign with a control group: targets from a saved view, responses, attributed revenue, ROI and uplift, the list as CSV", async ({ page }) => {
  await page.clock.install({ time: new Date("2026-12-07T10:00:00Z") });
  // The segment: churned customers, saved as a view of people.
  await openSeeded(page, "/customers");
  await page.getByRole("button", { name: "Add filter" }).click();
  await page.getByLabel("Filter field 1").selectOption({ label: "Lifecycle" });
  await page.getByLabel("Filter operator 1").selectOption({ label: "is" });
  await page.getByLabel("Filter value 1").fill("churned");
  const segmentSize = count((await page.getByText(/^Showing [\d,]+ of 2,000 people$/).innerText()).split(" of ")[0]);
  await page.getByLabel("Save this view as").fill("Churned customers");
  await page.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByRole("status").filter({ hasText: "View saved" })).toBeVisible();

  // Planned with a budget of $100.
  await page.getByRole("navigation").getByRole("link", { name: "Campaigns", exact: true }).click();
  const form = page.getByRole("region", { name: "New campaign" });
  await form.getByLabel("Campaign").fill("Win back the churned");
  await form.getByLabel("Budget").fill("100");
  await form.getByLabel("Goal").fill("A second order");
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Campaign saved" })).toBeVisible();
  await page.getByRole("link", { name: "Win back the churned" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Win back the churned" })).toBeVisible();

  // The target list from the saved view, 10 % held back.
  const take = page.getByRole("form", { name: "Target list" });
  await take.getByLabel("Segment").selectOption({ label: `Churned customers (${segmentSize.toLocaleString("en-US")} people)` });
  await take.getByLabel("Control group (% held back)").fill("10");
  await take.getByRole("button", { name: "Take the target list" }).click();
  const members = page.getByRole("region", { name: "Target list" });
  await expect(members).toContainText(/[\d,]+ targets · [\d,]+ held back \(10 %\) · Segment: Churned customers/);
  const summary = await members.locator("p").first().innerText();
  const [targets, control] = summary.match(/[\d,]+/g).slice(0, 2).map(count);
  expect(targets + control).toBe(segmentSize);
  expect(control).toBeGreaterThan(0);

  // A response logged for the first target.
  const first = members.getByRole("table").getByRole("row").nth(1);
  const firstName = (await first.getByRole("link").innerText()).trim();
  await first.getByLabel(`Response · ${firstName}`).selectOption({ label: "converted" });
  await expect(members).toContainText("0 responded, 1 converted, 0 unsubscribed");

  // The list as CSV: every member with their group and response.
  const downloading = page.waitForEvent("download");
  await members.getByRole("button", { name: "Download the target list (CSV)" }).click();
  const file = fs.readFileSync(await (await downloading).path(), "utf8");
  expect(file.startsWith("\ufeff"), "a byte order mark, for spreadsheets").toBe(true);
  const csv = file.trim().split(/\r?\n/);
  expect(csv[0]).toBe("Person ID,Name,Email,Group,Response");
  expect(csv).toHaveLength(1 + segmentSize);
  expect(csv.filter((line) => line.includes(",control,"))).toHaveLength(control);
  expect(csv[1]).toContain(`${firstName},`);
  expect(csv[1]).toMatch(/,target,converted$/);

  // Nothing attributed yet.
  const results = page.getByRole("region", { name: "What it brought" });
  await expect(results.getByRole("group", { name: "Attributed revenue" })).toContainText("$0");
  const campaignPath = new URL(page.url()).pathname;

  // The first target orders $250 today (inside the window) and $999 a month before it started.
  await first.getByRole("link").click();
  const personPath = new URL(page.url()).pathname;
  await order(page, personPath, "250");
  await order(page, personPath, "999", "2026-11-01");

  await page.goto(campaignPath);
  await expect(results.getByRole("group", { name: "Attributed revenue" })).toContainText("$250");
  await expect(results.getByRole("group", { name: "Attributed orders" })).toContainText("1");
  // ROI (250 − 100) / 100.
  await expect(results.getByRole("group", { name: "ROI" })).toContainText("150.0 %");
  await expect(results.getByRole("group", { name: "Cost per conversion" })).toContainText("$100");
  // Uplift: one conversion among the targets against none in the control group.
  const expected = (Math.round((1000 / targets) ) / 10).toFixed(1);
  await expect(results.getByRole("group", { name: "Control group conversion" })).toContainText("0.0 %");
  await expect(results.getByRole("group", { name: "Uplift in conversion" })).toContainText(`+${expected} pts`);
  await expect(results.getByRole("group", { name: "Incremental revenue" })).toContainText("+$250");

  // Kept after a reload: the members, the response, the measure.
  await page.reload();
  await expect(members).toContainText(`${targets.toLocaleString("en-US")} targets`);
  await expect(members).toContainText("1 converted");
  await expect(results.getByRole("group", { name: "ROI" })).toContainText("150.0 %");

  // The marketing report lists it beside the demo's campaigns.
  await page.getByRole("navigation").getByRole("link", { name: "Marketing report" }).click();
  const table = page.getByRole("region", { name: /Campaigns side by side/ });
  // The table's row (the chart before it describes its bars in rows of its own).
  const row = table.getByRole("row").filter({ hasText: "Win back the churned" }).last();
  await expect(row).toContainText("150.0 %");
  await expect(row).toContainText(`+${expected} pts`);
});
