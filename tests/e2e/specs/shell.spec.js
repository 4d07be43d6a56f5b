// The app shell as a first-time user meets it: demo data, navigation, language, theme, safety.
import { test, expect, openSeeded } from "./fixtures.js";

const PAGES = [
  ["Customers", "/customers"],
  ["Tasks", "/tasks"],
  ["Companies", "/companies"],
  ["Deals", "/deals"],
  ["Deals board", "/board"],
  ["Products", "/products"],
  ["Orders", "/orders"],
  ["Tickets", "/tickets"],
  ["Campaigns", "/campaigns"],
  ["Analytics", "/analytics"],
  ["Import", "/import"],
  ["Trash", "/trash"],
  ["Settings", "/settings"],
  ["Dashboard", "/"],
];

test("first visit seeds the demo company with progress and the dashboard counts it", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("progressbar", { name: "Loading demo data" })).toBeVisible();
  await expect(page.getByRole("group", { name: "People" })).toContainText("2,000", { timeout: 60_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Companies" })).toContainText("300");
  await expect(page.getByRole("group", { name: "Orders" })).toHaveText(/Orders\s*\d{2},\d{3}/);
  await expect(page.getByRole("group", { name: "Products" })).toContainText("32");
  await expect(page.getByRole("img", { name: "Revenue by month" })).toBeVisible();
  await expect(page).toHaveTitle("Dashboard · Hearth CRM");

  // A second visit opens the stored workspace instead of generating it again.
  await page.reload();
  await expect(page.getByRole("group", { name: "People" })).toContainText("2,000");
  await expect(page.getByRole("progressbar")).toHaveCount(0);
});

test("every page is reachable from the navigation", async ({ page }) => {
  await openSeeded(page);
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  for (const [name, path] of PAGES) {
    await nav.getByRole("link", { name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`127\\.0\\.0\\.1:4173${path}$`));
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(nav.getByRole("link", { name, exact: true })).toHaveAttribute("aria-current", "page");
    await expect(page).toHaveTitle(`${name} · Hearth CRM`);
  }
  await nav.getByRole("link", { name: "Deals", exact: true }).click();
  await expect(page.getByRole("group", { name: "Deals" })).toContainText("400");
});

test("switching to Chinese translates the navigation and survives a reload", async ({ page }) => {
  await openSeeded(page);
  await page.getByLabel("Language").selectOption({ label: "中文" });
  const nav = page.getByRole("navigation", { name: "主导航" });
  await expect(nav.getByRole("link", { name: "客户", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "仪表盘" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

  await page.reload();
  await expect(nav.getByRole("link", { name: "营销活动", exact: true })).toBeVisible();
  await expect(page.getByRole("group", { name: "联系人" })).toContainText("2,000");
  await expect(page).toHaveTitle("仪表盘 · Hearth 客户管理");
});

test("the dark theme survives a reload", async ({ page }) => {
  await openSeeded(page);
  const html = page.locator("html");
  await expect(html).not.toHaveAttribute("data-theme", "dark");
  await page.getByRole("button", { name: "Switch between light and dark theme" }).click();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect(page.locator("body")).toHaveCSS("background-color", "rgb(20, 22, 27)");

  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect(page.locator("body")).toHaveCSS("background-color", "rgb(20, 22, 27)");
  await expect(page.getByRole("button", { name: "Switch between light and dark theme" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
});

test("an unknown address shows a page-not-found message", async ({ page }) => {
  await openSeeded(page, "/no/such/page");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the dashboard" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
});
