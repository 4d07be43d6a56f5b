// Worker jobs: cancelling one job never fails another, and writing a generated workspace stops
// when asked, leaving the workspace as it was.
import { test, expect, openSeeded } from "./fixtures.js";

test("cancelling an analysis leaves a workspace write in flight running, and that write stops when asked", async ({ page }) => {
  await openSeeded(page, "/settings");
  await page.getByRole("button", { name: "Load the large sample (100,000 customers)" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Yes, replace everything" }).click();
  const stop = page.getByRole("button", { name: "Stop", exact: true });
  await expect(stop).toBeVisible();

  // Meanwhile, an analysis is started and cancelled.
  await page.getByRole("link", { name: "Analytics", exact: true }).click();
  await page.getByRole("link", { name: "RFM segments" }).click();
  await page.getByRole("button", { name: "Run analysis" }).click();
  await expect(page.getByRole("progressbar", { name: "Analysis progress" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Analysis cancelled." })).toBeVisible();

  // The workspace write goes on (started again in a fresh worker), and stops when asked.
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(stop).toBeVisible();
  await stop.click();
  await expect(stop).toHaveCount(0, { timeout: 90_000 });
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("group", { name: "People" })).toContainText("2,000");
  await page.reload();
  await expect(page.getByRole("group", { name: "People" })).toContainText("2,000");
});

test("stopping the large sample on the settings page says nothing was replaced", async ({ page }) => {
  await openSeeded(page, "/settings");
  await page.getByRole("button", { name: "Load the large sample (100,000 customers)" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Yes, replace everything" }).click();
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Stopped: the workspace is as it was." })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText("This workspace holds demo data.")).toBeVisible();
});
