// The keyboard alone: the command palette, shortcuts, their help, moving through the list.
import { test, expect, openSeeded } from "./fixtures.js";

test("the command palette jumps to pages and people", async ({ page }) => {
  await openSeeded(page, "/customers");
  const firstName = (await page.getByRole("table").locator("tbody tr:not(.spacer) td:nth-child(2)").first().textContent()).trim();

  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Go to a page or person" });
  await expect(palette).toBeVisible();
  await page.keyboard.type("settin");
  await expect(palette.getByRole("option").first()).toContainText("Settings");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(palette).toBeHidden();

  await page.keyboard.press("Control+k");
  await page.keyboard.type(firstName);
  await expect(palette.getByRole("option", { name: new RegExp(firstName) }).first()).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: firstName })).toBeVisible();
});

test("shortcuts: help, search, new person, save, and arrows through the rows", async ({ page }) => {
  await openSeeded(page, "/customers");
  await expect(page.getByText("Showing 2,000 of 2,000 people")).toBeVisible();
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toContainText("Go to any page or person");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  await page.keyboard.press("/");
  await expect(page.getByLabel("Search people")).toBeFocused();
  await page.keyboard.press("Escape");
  await page.getByRole("heading", { level: 1 }).click();

  await page.keyboard.press("n");
  const form = page.getByRole("region", { name: "New person" });
  await expect(form.getByLabel("First name")).toBeFocused();
  await page.keyboard.type("Keyboard");
  await form.getByLabel("Last name").fill("User");
  await page.keyboard.press("Control+s");
  await expect(page.getByRole("status").filter({ hasText: "Person saved" })).toBeVisible();

  await expect(page.getByText("Showing 2,001 of 2,001 people")).toBeVisible();
  const links = page.getByRole("table").locator("tbody tr:not(.spacer) td:nth-child(2) a");
  await links.first().focus();
  await page.keyboard.press("ArrowDown");
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(links.first()).toBeFocused();
});
