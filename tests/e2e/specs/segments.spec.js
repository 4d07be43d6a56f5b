// Segments as a marketer finds them: a saved view of people listed with its live size (growing
// when a matching person is added), opened as the filtered customers list; the RFM analysis's
// segments listed once it ran; a segment made a campaign, and an analysis group taken as a
// campaign's target list.
import { test, expect, openSeeded } from "./fixtures.js";

const count = (text) => Number(text.replace(/[^\d]/g, ""));

test("segments: saved views with live sizes, analysis groups, to a campaign", async ({ page }) => {
  // A saved view: leads.
  await openSeeded(page, "/customers");
  await page.getByRole("button", { name: "Add filter" }).click();
  await page.getByLabel("Filter field 1").selectOption({ label: "Lifecycle" });
  await page.getByLabel("Filter operator 1").selectOption({ label: "is" });
  await page.getByLabel("Filter value 1").fill("lead");
  const leads = count((await page.getByText(/^Showing [\d,]+ of 2,000 people$/).innerText()).split(" of ")[0]);
  await page.getByLabel("Save this view as").fill("Leads");
  await page.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByRole("status").filter({ hasText: "View saved" })).toBeVisible();

  await page.getByRole("navigation").getByRole("link", { name: "Segments" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Segments" })).toBeVisible();
  const table = page.getByRole("table", { name: "Segments" });
  const row = (name) => table.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
  await expect(row("Everyone")).toContainText("2,000");
  await expect(row("Leads")).toContainText("Saved view");
  await expect(row("Leads").getByRole("cell").nth(1)).toHaveText(leads.toLocaleString("en-US"));
  // The analyses not run yet are named, each a link to its page.
  const more = page.getByRole("region", { name: "More segments" });
  await expect(more.getByRole("link", { name: "RFM segments" })).toBeVisible();

  // Live: a new lead counts at once.
  await page.getByRole("navigation").getByRole("link", { name: "Customers" }).click();
  const form = page.getByRole("region", { name: "New person" });
  await form.getByLabel("First name").fill("Lena");
  await form.getByLabel("Last name").fill("Segmentova");
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Person saved" })).toBeVisible();
  await page.getByRole("navigation").getByRole("link", { name: "Segments" }).click();
  await expect(row("Everyone")).toContainText("2,001");

  // A saved view opens as the customers list it filters.
  await row("Leads").getByRole("link", { name: "Open in the list Leads" }).click();
  await expect(page.getByText(/^Showing [\d,]+ of 2,001 people$/)).toBeVisible();
  await expect(page.getByLabel("Filter value 1")).toHaveValue("lead");

  // The RFM analysis ran: its segments are listed with their sizes.
  await page.goto("/analytics/rfm");
  await page.getByRole("button", { name: "Run analysis" }).click();
  await expect(page.getByText(/^Computed in/)).toBeVisible({ timeout: 60_000 });
  await page.getByRole("navigation").getByRole("link", { name: "Segments" }).click();
  await expect(row("RFM · Champions")).toBeVisible();
  const champions = count(await row("RFM · Champions").getByRole("cell").nth(1).innerText());
  expect(champions).toBeGreaterThan(0);
  await expect(more.getByRole("link", { name: "RFM segments" })).toHaveCount(0);

  // A segment made a campaign.
  await row("Leads").getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Campaign created" })).toContainText(`“Leads” · ${(leads + 1).toLocaleString("en-US")} people`);

  // An analysis group as a campaign's target list.
  await page.getByRole("navigation").getByRole("link", { name: "Campaigns", exact: true }).click();
  const plan = page.getByRole("region", { name: "New campaign" });
  await plan.getByLabel("Campaign").fill("Thank the champions");
  await plan.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Campaign saved" })).toBeVisible();
  await page.getByRole("link", { name: "Thank the champions" }).click();
  const take = page.getByRole("form", { name: "Target list" });
  await expect(take.getByLabel("Segment")).toContainText(`RFM · Champions (${champions.toLocaleString("en-US")} people)`);
});
