// Orders as a user keeps them: one started from a person's page, opened from their timeline,
// given a second line with a discount, its total exact; RFM follows the order as it is written
// and as it is edited, and everything is kept after a reload.
import { test, expect, openSeeded } from "./fixtures.js";

const cents = (text) => Math.round(Number(text.replace(/[^\d.]/g, "")) * 100);

/** Goes to `path` inside the app (no reload: the session's analyses stay). */
async function go(page, path) {
  await page.evaluate((to) => {
    history.pushState(null, "", to);
    dispatchEvent(new PopStateEvent("popstate"));
  }, path);
}

async function runRfm(page) {
  await go(page, "/analytics/rfm");
  await page.getByRole("button", { name: "Run analysis" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Computed in" })).toBeVisible({ timeout: 60_000 });
}

test("an order with two lines for a new customer: timeline, exact total, RFM follows its writes, kept after reload", async ({ page }) => {
  await openSeeded(page, "/customers");
  const form = page.getByRole("region", { name: "New person" });
  await form.getByLabel("First name").fill("Olive");
  await form.getByLabel("Last name").fill("Orderly");
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Person saved" })).toBeVisible();
  await page.getByLabel("Search people").fill("olive orderly");
  await page.getByRole("link", { name: "Olive Orderly" }).click();
  const personPath = new URL(page.url()).pathname;

  // Before any order, RFM knows nothing of her.
  await runRfm(page);
  await go(page, personPath);
  const insights = page.getByRole("region", { name: "Insights" });
  await expect(insights).toContainText("No orders yet");

  // A new order from her page opens as a draft with one empty line.
  await page.getByRole("button", { name: "New order" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Order #\d+$/ })).toBeVisible();
  const orderUrl = page.url();
  const lines = page.getByRole("form", { name: "Line items" });
  await expect(lines.getByLabel("Status", { exact: true })).toHaveValue("draft");

  // A hundred units of a product, its price filled in from the product; a second line with a
  // discount; the total exact to the cent.
  await lines.getByLabel("Product 1").selectOption({ index: 1 });
  const price = cents(await lines.getByLabel("Unit price 1").inputValue());
  expect(price).toBeGreaterThan(0);
  await lines.getByLabel("Quantity 1").fill("100");
  await lines.getByRole("button", { name: "Add line" }).click();
  await lines.getByLabel("Product 2").selectOption({ index: 2 });
  await lines.getByLabel("Quantity 2").fill("3");
  await lines.getByLabel("Unit price 2").fill("19.99");
  await lines.getByLabel("Discount 2").fill("0.97");
  const total = lines.getByRole("row", { name: /^Total/ });
  await expect.poll(async () => cents(await total.innerText())).toBe(100 * price + 3 * 1999 - 97);
  await lines.getByLabel("Status", { exact: true }).selectOption("placed");
  await lines.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved" })).toBeVisible();

  // On her timeline, linked to its page; RFM now sees a big spender.
  await go(page, personPath);
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByRole("link", { name: /^#\d+$/ })).toHaveCount(1);
  await runRfm(page);
  await go(page, personPath);
  await expect(insights).toContainText(/R\d F1 M5 · /);
  await timeline.getByRole("link", { name: /^#\d+$/ }).click();
  await expect(page).toHaveURL(orderUrl);
  // The orders list opens it too: an order entered here has no number, its row links as #id.
  await page.getByRole("navigation").getByRole("link", { name: "Orders" }).click();
  await page.getByLabel("Search orders").fill("olive orderly");
  await expect(page.getByText(/^Showing 1 of [\d,]+ orders$/)).toBeVisible();
  await page.getByRole("table").getByRole("link", { name: /^#\d+$/ }).click();
  await expect(page).toHaveURL(orderUrl);

  // A discount larger than its line is refused, naming the line's field.
  await lines.getByLabel("Discount 2").fill("100");
  await lines.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Discount 2 ");

  // Kept after a reload: both lines, as saved.
  await page.reload();
  await expect(lines.getByLabel("Quantity 2")).toHaveValue("3");
  await expect(lines.getByLabel("Discount 2")).toHaveValue("0.97");
  await expect.poll(async () => cents(await total.innerText())).toBe(100 * price + 3 * 1999 - 97);

  // Edit the first line down to one unit at a cent: RFM's monetary score follows the edit.
  await lines.getByLabel("Quantity 1").fill("1");
  await lines.getByLabel("Unit price 1").fill("0.01");
  await lines.getByLabel("Quantity 2").fill("1");
  await lines.getByLabel("Unit price 2").fill("0.01");
  await lines.getByLabel("Discount 2").fill("");
  await lines.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved" })).toBeVisible();
  await runRfm(page);
  await go(page, personPath);
  await expect(insights).toContainText(/R\d F1 M1 · /);
});
