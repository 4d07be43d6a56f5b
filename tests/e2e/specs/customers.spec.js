// Adding people: markup in names is shown as text, bad input is explained, records survive reloads.
import { test, expect, openSeeded } from "./fixtures.js";

const PAYLOAD = "<img src=x onerror=alert(1)>";

test("a name containing HTML renders as text, never as markup", async ({ page }) => {
  await openSeeded(page, "/customers");
  const form = page.getByRole("region", { name: "New person" });
  await form.getByLabel("First name").fill(PAYLOAD);
  await form.getByLabel("Last name").fill("Mallory");
  await form.getByLabel("Email").fill("Mallory@Example.com");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Person saved" })).toBeVisible();

  const row = page.getByRole("row", { name: `${PAYLOAD} Mallory` });
  await expect(row).toBeVisible();
  await expect(row.getByRole("cell").nth(2)).toHaveText("mallory@example.com");
  await expect(page.locator("main img")).toHaveCount(0);
  await expect(page.getByRole("group", { name: "People" })).toContainText("2,001");

  await page.reload();
  await expect(page.getByRole("row", { name: `${PAYLOAD} Mallory` })).toBeVisible();
  await expect(page.locator("main img")).toHaveCount(0);
});

test("invalid input is explained per field and nothing is stored", async ({ page }) => {
  await openSeeded(page, "/customers");
  const form = page.getByRole("region", { name: "New person" });
  await form.getByLabel("First name").fill("Grace");
  await form.getByLabel("Email").fill("grace-at-example");
  await form.getByLabel("Phone").fill("12");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Email is not a valid email address");
  await expect(alert).toContainText("Phone is not a valid phone number");
  await expect(page.getByRole("group", { name: "People" })).toContainText("2,000");
  await expect(form.getByLabel("First name")).toHaveValue("Grace");
});
