// Companies: add one, find it, edit it; a company's page lists its people and their activity.
import { test, expect, openSeeded } from "./fixtures.js";

test("add a company, find it by its domain, edit it, and see a company's people and timeline", async ({ page }) => {
  await openSeeded(page, "/companies");
  const form = page.getByRole("region", { name: "New company" });
  await form.getByLabel("Company name").fill("Ångström Labs");
  await form.getByLabel("Domain").fill("Angstrom.Example");
  await form.getByLabel("Industry").fill("Research");
  await form.getByLabel("Employees").fill("42");
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Company saved" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Companies" })).toContainText("301");

  await page.getByLabel("Search companies").fill("angstrom.example");
  await expect(page.getByText("Showing 1 of 301 companies")).toBeVisible();
  await page.getByRole("link", { name: "Ångström Labs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ångström Labs" })).toBeVisible();
  const edit = page.getByRole("region", { name: "Edit" });
  await edit.getByLabel("Industry").fill("Photonics");
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("region", { name: "Details" })).toContainText("Photonics");
  await expect(page.getByRole("region", { name: "Details" })).toContainText("angstrom.example");

  // A demo company with the most people: its page lists them and their merged timeline.
  await page.getByRole("link", { name: "All companies" }).click();
  await page.getByRole("columnheader", { name: "People" }).getByRole("button").click();
  await page.getByRole("columnheader", { name: "People" }).getByRole("button").click();
  await page.getByRole("table").locator("tbody tr:not(.spacer) a").first().click();
  await expect(page.getByRole("region", { name: "People" }).getByRole("listitem").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Timeline" }).getByRole("listitem").first()).toBeVisible();
});
