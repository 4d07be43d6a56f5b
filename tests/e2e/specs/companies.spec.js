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

test("bulk-tag and set a field on companies, undo, delete them to the trash and restore one", async ({ page }) => {
  await openSeeded(page, "/companies");
  const boxes = page.getByRole("table").getByRole("checkbox", { name: /^Select (?!all)/ });
  await boxes.nth(0).click();
  await boxes.nth(1).click();
  const names = (await page.getByRole("table").locator("tbody tr:not(.spacer) td:nth-child(2)").allTextContents()).slice(0, 2);
  const toolbar = page.getByRole("toolbar", { name: "Actions on the selected companies" });
  await expect(toolbar).toContainText("2 selected");
  // Companies have no lifecycle: the toolbar offers only what a company has.
  await expect(toolbar.getByRole("button", { name: "Set lifecycle" })).toHaveCount(0);

  await toolbar.getByLabel("Tag to add").fill("key-account");
  await toolbar.getByRole("button", { name: "Add tag" }).click();
  const undoBar = page.getByRole("status").filter({ hasText: "Tagged" });
  await expect(undoBar).toHaveText(/Tagged: 2 records/);
  const search = page.getByLabel("Search companies");
  await search.fill("key-account");
  await expect(page.getByText("Showing 2 of 300 companies")).toBeVisible();
  await undoBar.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("Showing 0 of 300 companies")).toBeVisible();

  await search.fill("");
  await toolbar.getByLabel("Field to set").selectOption({ label: "Industry" });
  await toolbar.getByLabel("Value", { exact: true }).fill("Zeppelin building");
  await toolbar.getByRole("button", { name: "Set field" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Field set: 2 records" })).toBeVisible();
  await search.fill("zeppelin");
  await expect(page.getByText("Showing 2 of 300 companies")).toBeVisible();

  await toolbar.getByRole("button", { name: "Delete selected" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Moved to the trash: 2 records" })).toBeVisible();
  await expect(page.getByText("Showing 0 of 298 companies")).toBeVisible();
  await page.getByRole("link", { name: "Trash" }).click();
  await page.getByRole("button", { name: `Restore ${names[0]}` }).click();
  await page.getByRole("link", { name: "Companies", exact: true }).click();
  await page.getByLabel("Search companies").fill("zeppelin");
  await expect(page.getByText("Showing 1 of 299 companies")).toBeVisible();
  await expect(page.getByRole("table").getByRole("link", { name: names[0] })).toBeVisible();
});
