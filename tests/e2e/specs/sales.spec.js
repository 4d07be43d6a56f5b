// The sales reports as a user reads them: reached from the dashboard, computed on arrival, then
// for one owner (their revenue alone), refused for reversed dates, and a table downloaded as CSV.
import { test, expect, openSeeded } from "./fixtures.js";
import fs from "node:fs";

const dollars = (text) => Number(text.replace(/[^\d]/g, ""));

test("sales reports: from the dashboard, for everyone then one owner, a bad range refused, a table as CSV", async ({ page }) => {
  await openSeeded(page, "/");
  await page.getByRole("group", { name: "Revenue this month" }).getByRole("link", { name: "Revenue this month" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sales reports" })).toBeVisible();
  await expect(page.getByText(/^Computed in/)).toBeVisible({ timeout: 60_000 });

  const revenue = page.getByRole("group", { name: "Revenue", exact: true });
  await expect(revenue).toContainText(/\$[\d,]+/);
  const everyone = dollars(await revenue.innerText());
  expect(everyone).toBeGreaterThan(0);
  await expect(page.getByRole("group", { name: "Win rate" })).toContainText(/\d+ %/);
  await expect(page.getByRole("group", { name: "Average sales cycle" })).toContainText(/\d+ days/);

  // Revenue by owner sums to the whole, each owner's share below it.
  const owners = page.getByRole("region", { name: "Revenue by owner" }).getByRole("row");
  const ownerCount = (await owners.count()) - 1;
  expect(ownerCount).toBeGreaterThan(1);
  const first = await owners.nth(1).getByRole("cell").allInnerTexts();
  const shares = [];
  for (let i = 1; i <= ownerCount; i++) shares.push(dollars((await owners.nth(i).getByRole("cell").allInnerTexts())[1]));
  // Each share is rounded to whole dollars on its own.
  expect(Math.abs(shares.reduce((a, b) => a + b, 0) - everyone)).toBeLessThanOrEqual(ownerCount);
  await expect(page.getByRole("region", { name: /^Pipeline funnel/ }).first().getByRole("row")).not.toHaveCount(1);
  await expect(page.getByRole("region", { name: "Top customers" }).getByRole("row")).toHaveCount(11);

  // One owner's reports: only their customers' revenue.
  await page.getByLabel("Owner", { exact: true }).selectOption(first[0]);
  await page.getByRole("button", { name: "Run analysis" }).click();
  await expect(page.getByRole("region", { name: "Revenue by owner" }).getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("region", { name: "Revenue by owner" }).getByRole("row").nth(1)).toContainText(first[0]);
  await expect.poll(async () => dollars(await revenue.innerText())).toBe(dollars(first[1]));
  await expect(page.getByLabel("Owner", { exact: true })).toHaveValue(first[0]);

  // Reversed dates are refused, and the last reports stay.
  await page.getByLabel("From", { exact: true }).fill("2026-06-01");
  await page.getByLabel("To", { exact: true }).fill("2026-01-01");
  await page.getByRole("button", { name: "Run analysis" }).click();
  await expect(page.getByRole("alert")).toHaveText("The first date is after the last one.");
  await expect(revenue).toContainText(first[1]);

  // A table downloads as CSV: a byte order mark, its header, one line per row.
  const months = page.getByRole("region", { name: "Revenue by month" });
  const download = page.waitForEvent("download");
  await months.getByRole("button", { name: "Export CSV" }).click();
  const csv = fs.readFileSync(await (await download).path(), "utf8");
  const lines = csv.trimEnd().split(/\r?\n/);
  expect(lines[0]).toBe("\ufeffMonth,Revenue,Orders");
  expect(lines.length).toBe(13);
});
