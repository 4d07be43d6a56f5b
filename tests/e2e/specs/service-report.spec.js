// The service report as a user reads it: reached from the navigation, computed on arrival over
// the last twelve weeks; its weeks and its assignees each add up to the whole; a reversed range
// refused; a table downloaded as CSV.
import { test, expect, openSeeded } from "./fixtures.js";
import fs from "node:fs";

const count = (text) => Number(text.replace(/[^\d]/g, ""));

test("service report: twelve weeks of tickets, weeks and assignees adding up, targets and ratings, a table as CSV", async ({ page }) => {
  // A Wednesday: the first week shown starts on the Monday eleven weeks before this one.
  await page.clock.install({ time: new Date("2026-12-09T09:00:00Z") });
  await openSeeded(page, "/");
  await page.getByRole("navigation").getByRole("link", { name: "Service report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Service report" })).toBeVisible();
  await expect(page.getByText(/^Computed in \d+ ms · [\d,]+ tickets$/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByLabel("From", { exact: true })).toHaveValue("2026-09-21");
  await expect(page.getByLabel("To", { exact: true })).toHaveValue("2026-12-09");

  const opened = count(await page.getByRole("group", { name: "Opened", exact: true }).innerText());
  expect(opened).toBeGreaterThan(0);
  await expect(page.getByRole("group", { name: "Median first response" })).toContainText(/\d+ (min|h|days)/);
  await expect(page.getByRole("group", { name: "First responses in time" })).toContainText(/\d+ % \(\d+ of \d+\)/);
  await expect(page.getByRole("group", { name: "Average satisfaction" })).toContainText(/\d\.\d+ \(\d+ ratings\)/);

  // Twelve weeks, Monday first, whose openings add up to the total; so do the assignees'.
  // The table below the chart (the chart keeps a table of its own for screen readers).
  const weeks = page.getByRole("region", { name: "Tickets by week" }).locator("table.records").getByRole("row");
  await expect(weeks).toHaveCount(13);
  await expect(weeks.nth(1).getByRole("cell").first()).toHaveText("2026-09-21");
  const openedIn = async (rows) => {
    let sum = 0;
    for (let i = 1; i < (await rows.count()); i++) sum += count((await rows.nth(i).getByRole("cell").allInnerTexts())[1]);
    return sum;
  };
  expect(await openedIn(weeks)).toBe(opened);
  const assignees = page.getByRole("region", { name: "Tickets by assignee" }).getByRole("row");
  expect(await assignees.count()).toBeGreaterThan(2);
  expect(await openedIn(assignees)).toBe(opened);

  // Reversed dates are refused, and the report stays.
  await page.getByLabel("From", { exact: true }).fill("2026-12-01");
  await page.getByLabel("To", { exact: true }).fill("2026-11-01");
  await page.getByRole("button", { name: "Run analysis" }).click();
  await expect(page.getByRole("alert")).toHaveText("The first date is after the last one.");
  await expect(weeks).toHaveCount(13);

  // A table downloads as CSV: a byte order mark, its header, one line per week.
  const download = page.waitForEvent("download");
  await page.getByRole("region", { name: "Tickets by week" }).getByRole("button", { name: "Export CSV" }).click();
  const lines = fs.readFileSync(await (await download).path(), "utf8").trimEnd().split(/\r?\n/);
  expect(lines[0]).toBe(
    "\ufeffWeek of,Opened,Resolved,Open at the end,Median first response,Median time to resolve,First responses in time,Resolved in time,Average satisfaction",
  );
  expect(lines.length).toBe(13);
});
