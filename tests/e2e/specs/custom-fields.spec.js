// A custom field from definition to form, details, list column, filter and CSV export.
import { test, expect, openSeeded } from "./fixtures.js";
import { readFile } from "node:fs/promises";

test("define a custom field, fill it in, filter and export by it", async ({ page }) => {
  await openSeeded(page, "/settings");
  const section = page.getByRole("region", { name: "Custom fields" });
  await section.getByLabel("Label").fill("Loyalty tier");
  await section.getByLabel("Applies to").selectOption({ label: "People" });
  await section.getByLabel("Type").selectOption({ label: "Single select" });
  await section.getByLabel("Options (comma-separated)").fill("Gold, Silver");
  await section.getByRole("button", { name: "Add field" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Field added" })).toBeVisible();
  await expect(section.getByRole("listitem").filter({ hasText: "Loyalty tier" })).toContainText("Single select");

  await page.getByRole("link", { name: "Customers" }).click();
  const form = page.getByRole("region", { name: "New person" });
  await form.getByLabel("First name").fill("Cora");
  await form.getByLabel("Last name").fill("Custom");
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Person saved" })).toBeVisible();
  await page.getByLabel("Search people").fill("cora custom");
  await page.getByRole("link", { name: "Cora Custom" }).click();

  const edit = page.getByRole("region", { name: "Edit" });
  await edit.getByLabel("Loyalty tier").selectOption({ label: "Gold" });
  await edit.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("region", { name: "Details" })).toContainText("Loyalty tierGold");

  await page.getByRole("link", { name: "All customers" }).click();
  await page.getByText("Columns").click();
  await page.getByRole("checkbox", { name: "Loyalty tier" }).check();
  await page.getByRole("button", { name: "Add filter" }).click();
  await page.getByLabel("Filter field 1").selectOption({ label: "Loyalty tier" });
  await page.getByLabel("Filter operator 1").selectOption({ label: "is" });
  await page.getByLabel("Filter value 1").fill("gold");
  await expect(page.getByText("Showing 1 of 2,001 people")).toBeVisible();
  await expect(page.getByRole("row", { name: /Cora Custom/ })).toContainText("Gold");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toBe("people.csv");
  const csv = await readFile(await download.path(), "utf8");
  const lines = csv.trim().split("\n");
  expect(lines[0]).toContain("Loyalty tier");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain("Cora Custom");
  expect(lines[1]).toContain("Gold");
});
