// Replacing the workspace from Settings, behind a confirmation.
import { test, expect, openSeeded } from "./fixtures.js";

test("start empty asks first, then empties; reset brings the demo back", async ({ page }) => {
  await openSeeded(page, "/settings");
  await expect(page.getByText("This workspace holds demo data.")).toBeVisible();

  await page.getByRole("button", { name: "Start empty" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Replace all records?" });
  await expect(confirm).toContainText("Every record in this browser is deleted.");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);

  await page.getByRole("button", { name: "Start empty" }).click();
  await confirm.getByRole("button", { name: "Yes, replace everything" }).click();
  await expect(page.getByText("This workspace was started empty.")).toBeVisible();

  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("group", { name: "People" })).toHaveText(/People\s*0$/);
  await expect(page.getByText("No orders yet")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("group", { name: "Orders" })).toHaveText(/Orders\s*0$/);

  await page.goto("/settings");
  await page.getByRole("button", { name: "Reset to demo data" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Yes, replace everything" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Workspace replaced" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("This workspace holds demo data.")).toBeVisible();
});

test("language and theme can be chosen on the settings page", async ({ page }) => {
  await openSeeded(page, "/settings");
  await page.getByRole("radio", { name: "Dark" }).check();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.getByRole("radio", { name: "中文" }).check();
  await expect(page.getByRole("heading", { level: 1, name: "设置" })).toBeVisible();
  await page.getByRole("radio", { name: "跟随系统" }).check();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.+/);
});
