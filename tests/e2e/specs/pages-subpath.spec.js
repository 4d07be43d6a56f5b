// The GitHub Pages build, served under /hearth/ with the 404.html fallback, opened by a deep link.
import { test, expect } from "./fixtures.js";

const PAGES_ROOT = "http://127.0.0.1:4174/hearth/";

test("a deep link into the /hearth/ build opens that page and links stay under the prefix", async ({ page }) => {
  const response = await page.goto(`${PAGES_ROOT}deals`);
  expect(response.status(), "GitHub Pages answers deep links from 404.html").toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Deals" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("group", { name: "Deals" })).toContainText("400", { timeout: 60_000 });

  const nav = page.getByRole("navigation", { name: "Main navigation" });
  await expect(nav.getByRole("link", { name: "Customers" })).toHaveAttribute("href", "/hearth/customers");
  await nav.getByRole("link", { name: "Customers" }).click();
  await expect(page).toHaveURL(`${PAGES_ROOT}customers`);
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
});
