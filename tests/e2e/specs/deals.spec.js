// The deals board as a salesperson uses it: a new pipeline with a custom stage, two deals added,
// one dragged to Won with the mouse, one moved with the keyboard and through its "Move to" menu,
// a stage that still holds deals refused, a deal marked lost with a reason on its page, the
// sales reports following, and everything still there after a reload and in a second tab.
import { test, expect, openSeeded } from "./fixtures.js";

test.use({ viewport: { width: 1600, height: 900 } });

const column = (page, name) => page.getByRole("region", { name, exact: true });
const card = (page, title) => page.getByRole("article", { name: title });

/** Drags `title`'s card by its amount onto the column `stage` with the mouse, in small steps. */
async function drag(page, title, stage) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const from = await card(page, title).locator(".card-amount").boundingBox();
  const to = await column(page, stage).boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 30, from.y + 20, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 12 });
  await page.mouse.up();
}

async function addDeal(page, title, amount) {
  const form = page.getByRole("region", { name: "New deal" });
  await form.getByLabel("Deal", { exact: true }).fill(title);
  await form.getByLabel("Amount").fill(amount);
  await form.getByLabel("Owner").fill("Board Tester");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(card(page, title)).toBeVisible();
}

test("deals board: pipeline and stage, drag, keyboard, menu, guarded removal, lost reason, reports, reload", async ({ page, context }) => {
  await openSeeded(page, "/board");
  await expect(page.getByRole("heading", { level: 1, name: "Deals board" })).toBeVisible();
  // The demo's first pipeline shows its columns with counts and totals.
  await expect(page.locator(".board-column").first()).toContainText(/Deals: \d+/);

  await page.getByRole("form", { name: "New pipeline" }).getByLabel("Pipeline name").fill("Partners");
  await page.getByRole("button", { name: "Create pipeline" }).click();
  await expect(page.getByLabel("Pipeline", { exact: true })).toHaveValue(/\d+/);
  await expect(page.getByRole("group", { name: "Partners" })).toBeVisible();
  await expect(column(page, "Lead in")).toContainText("Deals: 0");

  // A custom stage, before the outcomes.
  await page.getByText("Edit stages").click();
  await page.getByLabel("New stage").fill("Demo booked");
  await page.getByRole("spinbutton", { name: "Win probability (%)" }).fill("40");
  await page.getByRole("button", { name: "Add stage" }).click();
  await page.getByRole("button", { name: "Save stages" }).click();
  await expect(page.getByText("Stages saved")).toBeVisible();
  await expect(column(page, "Demo booked")).toContainText("40 %");

  await addDeal(page, "Acme renewal", "1200");
  await addDeal(page, "Beta pilot", "800");
  await expect(column(page, "Lead in")).toContainText("Deals: 2 · $2,000");

  // This owner's forecast: both open deals expected this month, weighted by Lead in's 10 %.
  await page.goto("/sales-reports");
  await expect(page.getByText(/^Computed in/)).toBeVisible({ timeout: 60_000 });
  await page.getByLabel("Owner", { exact: true }).selectOption("Board Tester");
  await page.getByRole("button", { name: "Run analysis" }).click();
  // The table below the chart (the chart's own table for screen readers comes first).
  const forecast = page.getByRole("region", { name: /^Weighted forecast/ }).getByRole("table").last();
  const thisMonth = forecast.getByRole("row").nth(1);
  await expect(thisMonth).toContainText("$2,000");
  await expect(thisMonth).toContainText("$200");
  await page.goto("/board");
  await page.getByLabel("Pipeline", { exact: true }).selectOption({ label: "Partners" });

  // The mouse drags Acme to Won: it shows there at once and the totals follow.
  await drag(page, "Acme renewal", "Won");
  await expect(column(page, "Won").getByRole("article", { name: "Acme renewal" })).toBeVisible();
  await expect(column(page, "Won")).toContainText("Deals: 1 · $1,200");
  await expect(column(page, "Lead in")).toContainText("Deals: 1 · $800");
  // A click on a card's link after a drag still opens the deal.
  await column(page, "Won").getByRole("link", { name: "Acme renewal" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Acme renewal" })).toBeVisible();
  await page.goBack();

  // The keyboard: focus Beta, → moves it one stage; focus stays on the card; announced.
  await page.getByLabel("Pipeline", { exact: true }).selectOption({ label: "Partners" });
  await card(page, "Beta pilot").focus();
  await page.keyboard.press("ArrowRight");
  await expect(column(page, "Qualified").getByRole("article", { name: "Beta pilot" })).toBeVisible();
  await expect(card(page, "Beta pilot")).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: "Moved “Beta pilot” to Qualified" })).toBeAttached();
  await page.keyboard.press("ArrowRight");
  await expect(column(page, "Proposal").getByRole("article", { name: "Beta pilot" })).toBeVisible();
  await expect(card(page, "Beta pilot")).toBeFocused();

  // Two moves in a row, the second made while the first may still be written: both are
  // written, one over the other.
  await card(page, "Beta pilot").getByLabel("Move to").selectOption({ label: "Negotiation" });
  await card(page, "Beta pilot").getByLabel("Move to").selectOption({ label: "Demo booked" });
  await expect(column(page, "Demo booked").getByRole("article", { name: "Beta pilot" })).toBeVisible();
  await page.reload();
  await page.getByLabel("Pipeline", { exact: true }).selectOption({ label: "Partners" });
  await expect(column(page, "Demo booked").getByRole("article", { name: "Beta pilot" })).toBeVisible();

  // The "Move to" menu.
  await card(page, "Beta pilot").getByLabel("Move to").selectOption({ label: "Qualified" });
  await expect(column(page, "Qualified").getByRole("article", { name: "Beta pilot" })).toBeVisible();

  // A stage that holds a deal is not removed.
  await page.getByText("Edit stages").click();
  await page.getByRole("button", { name: "Remove Won" }).click();
  await expect(page.getByRole("alert")).toHaveText("“Won” still holds deals (1): move them to another stage first.");
  await expect(page.getByRole("button", { name: "Remove Won" })).toBeVisible();

  // A second tab sees the board as stored.
  const second = await context.newPage();
  await second.setViewportSize({ width: 1600, height: 900 });
  await second.goto("/board");
  await second.getByLabel("Pipeline", { exact: true }).selectOption({ label: "Partners" });
  await expect(column(second, "Won").getByRole("article", { name: "Acme renewal" })).toBeVisible();
  await expect(column(second, "Qualified").getByRole("article", { name: "Beta pilot" })).toBeVisible();

  // Lost with a reason, on the deal's page; the second tab's board follows.
  await card(page, "Beta pilot").getByRole("link", { name: "Beta pilot" }).click();
  const stage = page.getByRole("form", { name: "Stage" });
  await stage.getByLabel("Move to").selectOption({ label: "Lost" });
  await stage.getByLabel("Lost reason").fill("Budget cut");
  await page.getByRole("button", { name: "Move deal" }).click();
  await expect(page.getByText("Changes saved")).toBeVisible();
  await expect(page.locator("dl.details")).toContainText("Budget cut");
  await expect(page.locator("dl.details")).toContainText("Lost");
  await expect(column(second, "Lost").getByRole("article", { name: "Beta pilot" })).toBeVisible();
  await second.close();

  // The sales reports for this owner: one won, one lost.
  await page.goto("/sales-reports");
  await expect(page.getByText(/^Computed in/)).toBeVisible({ timeout: 60_000 });
  await page.getByLabel("Owner", { exact: true }).selectOption("Board Tester");
  await page.getByRole("button", { name: "Run analysis" }).click();
  await expect(page.getByRole("group", { name: "Win rate" })).toContainText("50 %");
  // Both closed: nothing left to forecast.
  await expect(thisMonth).toContainText("$0");
  await expect(thisMonth).not.toContainText("$2,000");

  // Reload: all kept.
  await page.goto("/board");
  await page.getByLabel("Pipeline", { exact: true }).selectOption({ label: "Partners" });
  await expect(column(page, "Won").getByRole("article", { name: "Acme renewal" })).toBeVisible();
  await expect(column(page, "Lost").getByRole("article", { name: "Beta pilot" })).toBeVisible();
  await expect(column(page, "Qualified")).toContainText("Deals: 0");
});

test("deals board: the stale mark follows the setting", async ({ page }) => {
  const staleAfter = async (days) => {
    await page.goto("/settings");
    await page.getByLabel("Mark open deals stale after").fill(String(days));
    await page.getByLabel("Mark open deals stale after").press("Enter");
    await page.goto("/board");
    await expect(page.locator(".board-card").first()).toBeVisible();
    return page.locator(".board-card.flagged").count();
  };
  await openSeeded(page, "/");
  // The demo's open deals have had no activity for more than a day: all of them are stale.
  const afterOneDay = await staleAfter(1);
  expect(afterOneDay).toBeGreaterThan(0);
  await expect(page.getByText("Stale").first()).toBeVisible();
  expect(await staleAfter(365)).toBeLessThan(afterOneDay);
});

test("deals table: a bulk stage by name moves deals of any pipeline to their own stage of that name", async ({ page }) => {
  await openSeeded(page, "/deals");
  const table = page.getByRole("table");
  const boxes = table.getByRole("checkbox", { name: /^Select (?!all)/ });
  await expect(boxes.first()).toBeVisible();
  const titles = [];
  for (const at of [0, 1]) {
    await boxes.nth(at).check();
    titles.push((await boxes.nth(at).getAttribute("aria-label")).replace(/^Select /, ""));
  }
  const toolbar = page.getByRole("toolbar", { name: "Actions on the selected deals" });
  await expect(toolbar).toContainText("2 selected");
  await toolbar.getByLabel("Field to set").selectOption({ label: "Stage" });
  // A name no pipeline has is refused, and nothing is written.
  await toolbar.getByLabel("Value", { exact: true }).fill("Nowhere");
  await toolbar.getByRole("button", { name: "Set field" }).click();
  await expect(toolbar.getByRole("alert")).toContainText("is not one of the options");
  await toolbar.getByLabel("Value", { exact: true }).fill("won");
  await toolbar.getByRole("button", { name: "Set field" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Field set: 2 records" })).toBeVisible();
  for (const title of titles) {
    await page.getByLabel("Search deals").fill(title);
    await expect(table.getByRole("row").filter({ hasText: title }).first()).toContainText("Won");
  }
  // Kept after a reload.
  await page.reload();
  await page.getByLabel("Search deals").fill(titles[0]);
  await expect(table.getByRole("row").filter({ hasText: titles[0] }).first()).toContainText("Won");
});

test("a deal's products set its amount; a deal in another currency is counted, not summed", async ({ page }) => {
  await openSeeded(page, "/board");
  await page.getByRole("form", { name: "New pipeline" }).getByLabel("Pipeline name").fill("Abroad");
  await page.getByRole("button", { name: "Create pipeline" }).click();
  await expect(page.getByRole("group", { name: "Abroad" })).toBeVisible();
  await addDeal(page, "Kiosk fit-out", "100");

  // A currency code is checked; a deal in euros shows its code and stays out of the total.
  const form = page.getByRole("region", { name: "New deal" });
  await form.getByLabel("Deal", { exact: true }).fill("Berlin cafe");
  await form.getByLabel("Amount").fill("5000");
  await form.getByLabel("Currency").fill("euro");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert")).toContainText("Currency is not a currency code such as EUR");
  await form.getByLabel("Currency").fill("eur");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(card(page, "Berlin cafe")).toContainText("EUR 5,000");
  await expect(column(page, "Lead in")).toContainText("Deals: 2 · $100 · 10 % · +1 in other currencies");

  // Products on the deal's page: the amount becomes their exact total.
  await card(page, "Kiosk fit-out").getByRole("link", { name: "Kiosk fit-out" }).click();
  const products = page.getByRole("form", { name: "Products" });
  await expect(products.getByRole("row", { name: /^Total/ })).toContainText("$0.00");
  await products.getByRole("button", { name: "Add line" }).click();
  await products.getByLabel("Product 1").selectOption({ index: 1 });
  await products.getByLabel("Quantity 1").fill("3");
  await products.getByLabel("Unit price 1").fill("250");
  await products.getByLabel("Discount 1").fill("50");
  await expect(products.getByRole("row", { name: /^Total/ })).toContainText("$700.00");
  await products.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved" })).toBeVisible();
  await expect(page.locator("dl.details")).toContainText("700.00");

  // The amount typed by hand no longer matches: refused, naming why.
  const edit = page.getByRole("region", { name: "Edit" });
  await edit.getByLabel("Amount").fill("999");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert")).toContainText("Amount is not the total of the deal's products");

  // Kept after a reload; the board sums the new amount.
  await page.reload();
  await expect(products.getByLabel("Quantity 1")).toHaveValue("3");
  await expect(products.getByLabel("Discount 1")).toHaveValue("50.00");
  await page.goBack();
  await page.getByLabel("Pipeline", { exact: true }).selectOption({ label: "Abroad" });
  await expect(column(page, "Lead in")).toContainText("Deals: 2 · $700 · 10 % · +1 in other currencies");
});

test("a deal's contact is found by typing part of a name; the menu offers a few names, not every person", async ({ page }) => {
  await openSeeded(page, "/customers");
  const person = page.getByRole("region", { name: "New person" });
  await person.getByLabel("First name").fill("Zed");
  await person.getByLabel("Last name").fill("Quokka");
  await person.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Person saved" })).toBeVisible();

  await page.getByRole("navigation").getByRole("link", { name: "Deals board" }).click();
  const form = page.getByRole("region", { name: "New deal" });
  const contact = form.getByLabel("Contact", { exact: true });
  await contact.focus();
  // 2,000 demo people: the menu holds "(none)" and the first 50 names.
  await expect(contact.locator("option")).toHaveCount(51);
  await form.getByLabel("Find in Contact").fill("quokk");
  await expect(contact.locator("option")).toHaveCount(2);
  await contact.selectOption({ label: "Zed Quokka" });
  await form.getByLabel("Deal", { exact: true }).fill("Quokka espresso bar");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(card(page, "Quokka espresso bar")).toContainText("Zed Quokka");

  // Its page's edit form shows the contact chosen, by name, before the menu is opened.
  await card(page, "Quokka espresso bar").getByRole("link", { name: "Quokka espresso bar" }).click();
  const edit = page.getByRole("region", { name: "Edit" });
  await expect(edit.getByLabel("Contact", { exact: true }).locator("option:checked")).toHaveText("Zed Quokka");
});
