// Importing files as a user does: a file with good and bad rows (the report names line, column and
// reason; the good rows land; the import is reverted), a GBK file with Chinese headers that maps
// itself, a semicolon file with decimal commas, and a list exported and imported back unchanged.
import { test, expect, openSeeded } from "./fixtures.js";
import fs from "node:fs";
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import { chromium } from "@playwright/test";

const fixture = (name) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

async function chooseFile(page, name, text) {
  await page.getByLabel("Choose a CSV file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
}

// Rows per write (src/analysis/import.rs): what was kept is always a whole number of batches.
const BATCH_ROWS = 20_000;

// Waits on every frame for the first written batch: a batch takes about half a second, and the
// progress bar is gone once the import ends, so a poll every second could miss all of it.
async function firstBatchWritten(page) {
  await page.waitForFunction(
    () => Number(document.querySelector('progress[aria-label="Import progress"]')?.value) > 0,
    null,
    { timeout: 60_000 },
  );
}

test("good and bad rows: the dry run names each bad row, the good ones are imported, and the import is reverted", async ({ page }) => {
  await openSeeded(page, "/import");
  await expect(page.getByText("No imports yet.")).toBeVisible();
  await chooseFile(
    page,
    "new-people.csv",
    "First name,Last name,Email,Company,City\n" +
      "Mei,Zhang,mei.zhang@example.cn,Lotus Trading,Shanghai\n" +
      "Ola,Nordmann,ola@example.no,Fjord AS,Oslo\n" +
      "Dee,,not-an-email,,\n",
  );
  await expect(page.getByRole("heading", { name: "2. First rows" })).toBeVisible();
  await expect(page.getByLabel("Imports into Email")).toHaveValue("emails");
  await expect(page.getByLabel("Imports into Company")).toHaveValue("company");
  await expect(page.getByLabel("Find existing records by")).toHaveValue("emails");

  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { name: "4. What the import will do" })).toBeVisible();
  const counts = page.locator(".import-counts");
  await expect(counts.getByRole("definition").nth(0)).toHaveText("2");
  await expect(counts.getByRole("definition").nth(3)).toHaveText("1");
  await expect(counts.getByRole("definition").nth(4)).toHaveText("2");
  const problem = page.getByRole("table").filter({ hasText: "Problem" }).getByRole("row").nth(1);
  await expect(problem).toHaveText(/4\s*Email\s*is not a valid email address/);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download problems (CSV)" }).click();
  const report = fs.readFileSync(await (await download).path(), "utf8");
  expect(report.slice(1).trim().split("\n")).toEqual(["Line,Column,Problem", "4,Email,is not a valid email address"]);

  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported:" }).first()).toContainText("2 new, 0 updated");
  const history = page.getByRole("region", { name: "Import history" });
  await expect(history.getByRole("row").nth(1)).toContainText("new-people.csv");

  await page.getByRole("link", { name: "Customers" }).first().click();
  await page.getByLabel("Search people").fill("mei.zhang");
  await expect(page.getByRole("link", { name: "Mei Zhang" })).toBeVisible();
  await expect(page.getByRole("table")).toContainText("Lotus Trading");

  await page.goto("/import");
  await page.getByRole("button", { name: "Revert new-people.csv" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Reverted records:" })).toContainText("4");
  await expect(history.getByRole("row").nth(1)).toContainText("Reverted:");
  await page.goto("/customers");
  await page.getByLabel("Search people").fill("mei.zhang");
  await expect(page.getByText("Showing 0 of 2,000 people")).toBeVisible();
});

test("a GBK file with Chinese headers is read as GB18030 and mapped by itself", async ({ page }) => {
  await openSeeded(page, "/import");
  await page.locator("#language-select").selectOption("zh");
  await expect(page.getByRole("heading", { level: 1, name: "导入" })).toBeVisible();
  await page.getByLabel("选择 CSV 文件").setInputFiles(fixture("people-gbk.csv"));
  await expect(page.getByLabel("编码")).toHaveValue("gb18030");
  await expect(page.getByRole("table").first()).toContainText("王小明");
  await expect(page.getByLabel("导入到 邮箱")).toHaveValue("emails");
  await expect(page.getByLabel("导入到 手机")).toHaveValue("phones");
  await expect(page.getByLabel("导入到 公司")).toHaveValue("company");
  await expect(page.getByLabel("导入到 职位")).toHaveValue("job_title");
  await page.getByRole("button", { name: "检查文件" }).click();
  await expect(page.locator(".import-counts").getByRole("definition").nth(0)).toHaveText("3");
  await page.getByRole("button", { name: /^导入 3/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "已导入：" }).first()).toBeVisible();
  await page.goto("/customers");
  await page.getByRole("searchbox").first().fill("王小明");
  await expect(page.getByRole("table")).toContainText("华夏贸易");
});

test("a semicolon file with decimal commas imports products at their prices", async ({ page }) => {
  await openSeeded(page, "/import");
  await page.getByLabel("Import as").selectOption({ label: "Products" });
  await page.getByLabel("Choose a CSV file").setInputFiles(fixture("products-semicolon.csv"));
  await expect(page.getByLabel("Delimiter")).toHaveValue(";");
  await expect(page.getByLabel("Imports into Price")).toHaveValue("price");
  await expect(page.getByLabel("Find existing records by")).toHaveValue("sku");
  await page.getByRole("button", { name: "Check the file" }).click();
  const problem = page.getByRole("table").filter({ hasText: "Problem" }).getByRole("row").nth(1);
  await expect(problem).toHaveText(/4\s*Price\s*is not a number/);
  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported:" }).first()).toContainText("2 new");
  await page.goto("/products");
  await page.getByLabel("Search products").fill("DE-00");
  await expect(page.getByRole("table")).toContainText("1299.50");
  await expect(page.getByRole("table")).toContainText("24.90");
});

test("a list exported as CSV imports back with every row unchanged", async ({ page }) => {
  await openSeeded(page, "/customers");
  await page.getByLabel("Search people").fill("a");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const exported = await (await download).path();
  const rows = fs.readFileSync(exported, "utf8").trim().split("\n").length - 1;
  expect(rows).toBeGreaterThan(100);
  await page.goto("/import");
  await page.getByLabel("Choose a CSV file").setInputFiles({ name: "customers.csv", mimeType: "text/csv", buffer: fs.readFileSync(exported) });
  await expect(page.getByLabel("Find existing records by")).toHaveValue("emails");
  await page.getByRole("button", { name: "Check the file" }).click();
  const counts = page.locator(".import-counts").getByRole("definition");
  await expect(counts.nth(2)).toHaveText(rows.toLocaleString("en-US"));
  await expect(counts.nth(0)).toHaveText("0");
  await expect(counts.nth(1)).toHaveText("0");
  await expect(counts.nth(3)).toHaveText("0");
  await expect(page.getByRole("button", { name: "Import 0 rows" })).toBeDisabled();
});

test("orders exported as line items import back with every order unchanged", async ({ page }) => {
  await openSeeded(page, "/orders");
  await expect(page.getByText(/^Showing [\d,]+ of [\d,]+ orders$/)).toBeVisible({ timeout: 30_000 });
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export line items (CSV)" }).click();
  const exported = fs.readFileSync(await (await download).path(), "utf8");
  const lines = exported.trim().split("\r\n").slice(1);
  const orders = new Set(lines.map((line) => line.split(",")[0])).size;
  expect(orders).toBeGreaterThan(100);
  expect(lines.length).toBeGreaterThan(orders);
  await page.goto("/import");
  await page.getByLabel("Import as").selectOption("order");
  await page.getByLabel("Choose a CSV file").setInputFiles({ name: "order-lines.csv", mimeType: "text/csv", buffer: Buffer.from(exported) });
  await expect(page.getByLabel("Imports into SKU")).toHaveValue("product");
  await expect(page.getByLabel("Find existing records by")).toHaveValue("number");
  await page.getByRole("button", { name: "Check the file" }).click();
  const counts = page.locator(".import-counts").getByRole("definition");
  await expect(counts.nth(2)).toHaveText(orders.toLocaleString("en-US"));
  await expect(counts.nth(0)).toHaveText("0");
  await expect(counts.nth(1)).toHaveText("0");
  await expect(counts.nth(3)).toHaveText("0");
});

test("cancelling an import keeps whole batches, and the history says how many rows", async ({ page }) => {
  await openSeeded(page, "/import");
  const lines = ["First name,Last name,Email"];
  for (let i = 0; i < 100_000; i++) lines.push(`Bulk${i},Row,bulk${i}@cancel.example`);
  await chooseFile(page, "bulk.csv", lines.join("\n") + "\n");
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.getByRole("button", { name: "Import 100,000 rows" }).click();
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toBeVisible();
  await firstBatchWritten(page);
  await page.getByRole("button", { name: "Cancel" }).click();
  const summary = page.getByRole("status").filter({ hasText: "Cancelled; these rows were kept:" }).first();
  await expect(summary).toBeVisible({ timeout: 60_000 });
  const kept = Number((await summary.innerText()).match(/kept:\s*([\d,]+) new/)[1].replaceAll(",", ""));
  expect(kept % BATCH_ROWS, "whole batches only").toBe(0);
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(100_000);
  await expect(page.getByRole("region", { name: "Import history" }).getByRole("row").nth(1)).toContainText("Cancelled");
  await page.goto("/customers");
  const total = (2000 + kept).toLocaleString("en-US");
  await expect(page.getByText(`Showing ${total} of ${total} people`)).toBeVisible({ timeout: 60_000 });
});

test("a tab closed mid-import leaves whole batches, and the history shows the import interrupted", async ({ page, context }) => {
  await openSeeded(page, "/import");
  const lines = ["First name,Last name,Email"];
  for (let i = 0; i < 100_000; i++) lines.push(`Gone${i},Row,gone${i}@closed.example`);
  await chooseFile(page, "closed.csv", lines.join("\n") + "\n");
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.getByRole("button", { name: "Import 100,000 rows" }).click();
  await firstBatchWritten(page);
  await page.close();

  const next = await context.newPage();
  await next.goto("/import");
  const row = next.getByRole("region", { name: "Import history" }).getByRole("row").nth(1);
  await expect(row).toContainText("Interrupted (the tab was closed, or storage filled up); these rows were kept:");
  const kept = Number((await row.innerText()).match(/kept:\s*([\d,]+) new/)[1].replaceAll(",", ""));
  expect(kept % BATCH_ROWS, "whole batches only").toBe(0);
  await next.goto("/customers");
  const total = (2000 + kept).toLocaleString("en-US");
  await expect(next.getByText(`Showing ${total} of ${total} people`)).toBeVisible({ timeout: 60_000 });
});

test("orders with line items: lines group into orders, a bad line refuses its order, new customers and products are created and reverted", async ({ page }) => {
  await openSeeded(page, "/import");
  await page.getByLabel("Import as").selectOption("order");
  await page.getByLabel("Choose a CSV file").setInputFiles(fixture("orders-lines.csv"));
  await expect(page.getByLabel("Imports into Order ID")).toHaveValue("number");
  await expect(page.getByLabel("Imports into Customer")).toHaveValue("customer");
  await expect(page.getByLabel("Imports into SKU")).toHaveValue("product");
  await expect(page.getByLabel("Find existing records by")).toHaveValue("number");
  await expect(page.getByText("Rows with the same order number in a row make one order")).toBeVisible();

  await page.getByRole("button", { name: "Check the file" }).click();
  const counts = page.locator(".import-counts");
  await expect(counts.getByRole("definition").nth(0)).toHaveText("2");
  await expect(counts.getByRole("definition").nth(3)).toHaveText("1");
  await expect(counts.getByRole("definition").nth(4)).toHaveText("4");
  const problem = page.getByRole("table").filter({ hasText: "Problem" }).getByRole("row").nth(1);
  await expect(problem).toHaveText(/5\s*Qty\s*is not a number/);

  await page.getByRole("button", { name: "Import 2 orders" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported:" }).first()).toContainText("2 new, 0 updated, 0 unchanged, 1 invalid, 4 customers and products created");

  await page.goto("/customers");
  await page.getByLabel("Search people").fill("ana.silva@example.pt");
  await expect(page.getByRole("link", { name: "ana.silva" })).toBeVisible();
  await page.goto("/products");
  await page.getByLabel("Search products").fill("CUP-9");
  await expect(page.getByRole("table")).toContainText("CUP-9");

  await page.goto("/import");
  await page.getByRole("button", { name: "Revert orders-lines.csv" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Reverted records:" })).toContainText("6");
  await page.goto("/products");
  await page.getByLabel("Search products").fill("CUP-9");
  await expect(page.getByText(/^Showing 0 of/)).toBeVisible();
});

test("tickets with Chinese headers and options: mapped by themselves, a bad priority named, requesters created, reverted to the trash", async ({ page }) => {
  await openSeeded(page, "/import");
  await page.getByLabel("Import as").selectOption("ticket");
  await page.getByLabel("Choose a CSV file").setInputFiles(fixture("tickets-zh.csv"));
  await expect(page.getByLabel("Imports into 工单号")).toHaveValue("external_id");
  await expect(page.getByLabel("Imports into 主题")).toHaveValue("subject");
  await expect(page.getByLabel("Imports into 提出人")).toHaveValue("customer");
  await expect(page.getByLabel("Imports into 优先级")).toHaveValue("priority");
  await expect(page.getByLabel("Imports into 工单状态")).toHaveValue("status");
  await expect(page.getByLabel("Imports into 提交时间")).toHaveValue("opened");
  await expect(page.getByLabel("Find existing records by")).toHaveValue("external_id");

  await page.getByRole("button", { name: "Check the file" }).click();
  const counts = page.locator(".import-counts");
  await expect(counts.getByRole("definition").nth(0)).toHaveText("2");
  await expect(counts.getByRole("definition").nth(3)).toHaveText("1");
  const problem = page.getByRole("table").filter({ hasText: "Problem" }).getByRole("row").nth(1);
  await expect(problem).toHaveText(/4\s*优先级\s*is not one of the options/);

  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported:" }).first()).toContainText(
    "2 new, 0 updated, 0 unchanged, 1 invalid, 2 requesters and companies created",
  );
  await page.goto("/customers");
  await page.getByLabel("Search people").fill("li.wei@example.cn");
  await expect(page.getByRole("link", { name: "li.wei" })).toBeVisible();

  await page.goto("/import");
  await page.getByRole("button", { name: "Revert tickets-zh.csv" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Reverted records:" })).toContainText("4");
  await page.goto("/trash");
  await expect(page.getByRole("button", { name: "Restore 磨豆机卡住" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Restore 快递延误" })).toBeVisible();
});

test("deals from a HubSpot export: stages found by name or by pipeline, an unknown stage named, contacts created, reverted", async ({ page }) => {
  await openSeeded(page, "/deals");
  const card = page.getByRole("group", { name: "Deals" });
  const count = async () => Number((await card.innerText()).match(/([\d,]+)\s*$/)[1].replaceAll(",", ""));
  await expect(card).toHaveText(/\d/);
  const before = await count();

  await page.goto("/import");
  await page.getByLabel("Import as").selectOption("deal");
  await page.getByLabel("Choose a CSV file").setInputFiles(fixture("deals-en.csv"));
  await expect(page.getByLabel("Imports into Deal Name")).toHaveValue("title");
  await expect(page.getByLabel("Imports into Deal Stage")).toHaveValue("stage");
  await expect(page.getByLabel("Imports into Associated Contact")).toHaveValue("customer");
  await expect(page.getByLabel("Find existing records by")).toHaveValue("external_id");
  await page.getByRole("button", { name: "Check the file" }).click();
  const counts = page.locator(".import-counts");
  await expect(counts.getByRole("definition").nth(0)).toHaveText("2");
  await expect(counts.getByRole("definition").nth(3)).toHaveText("1");
  const problem = page.getByRole("table").filter({ hasText: "Problem" }).getByRole("row").nth(1);
  await expect(problem).toHaveText(/4\s*Deal Stage\s*names no existing record/);

  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported:" }).first()).toContainText(
    "2 new, 0 updated, 0 unchanged, 1 invalid, 2 contacts and companies created",
  );
  await page.goto("/deals");
  await expect(card).toHaveText(new RegExp(`${(before + 2).toLocaleString("en-US")}\\s*$`));
  // The list names each deal's stage (the second found by "Pipeline / Stage"), company and owner.
  await page.getByLabel("Search deals").fill("Harbour Roasters");
  await expect(page.getByText(`Showing 2 of ${(before + 2).toLocaleString("en-US")} deals`)).toBeVisible();
  const table = page.getByRole("region", { name: "Deals table" });
  await expect(table.getByRole("row").filter({ hasText: "Harbour Roasters fit-out" })).toContainText(/Proposal.*12500\.00.*Harbour Roasters.*Sam Okafor.*2026-04-30/);
  await page.getByLabel("Search deals").fill("Harbour Roasters beans");
  await expect(table.getByRole("row").filter({ hasText: "Harbour Roasters beans" })).toContainText("Won");

  await page.goto("/import");
  await page.getByRole("button", { name: "Revert deals-en.csv" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Reverted records:" })).toContainText("4");
  await page.goto("/trash");
  await expect(page.getByRole("button", { name: "Restore Harbour Roasters fit-out" })).toBeVisible();
  await page.goto("/deals");
  await expect(card).toHaveText(new RegExp(`${before.toLocaleString("en-US")}\\s*$`));
});

test("storage filling up mid-import keeps whole batches, and the history says the import stopped and what it kept", async ({ browser }) => {
  // A real quota error needs a browser profile on a small disk: a 64 MB tmpfs (root only; at
  // 48 MB the seeded demo and the browser's caches left no room for the import's first write).
  const disk = fs.mkdtempSync("/tmp/hearth-full-");
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64m", "tmpfs", disk], { stdio: "pipe" });
  } catch (error) {
    fs.rmSync(disk, { recursive: true });
    test.skip(true, `a small disk could not be mounted: ${error.message}`);
  }
  const context = await chromium.launchPersistentContext(`${disk}/profile`, {
    ...test.info().project.use.launchOptions,
    baseURL: test.info().project.use.baseURL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const problems = [];
    page.on("pageerror", (error) => problems.push(error.message));
    await openSeeded(page, "/import");
    const lines = ["First name,Last name,Email,City,Notes"];
    // Random notes (the browser compresses what it stores, so repeated text would never fill
    // it), twice what the disk can hold. The file is on the machine's own disk: a file chosen
    // from memory would be kept in the profile, on the small disk, beside the database.
    for (let i = 0; i < 60_000; i++) lines.push(`Full${i},Row,full${i}@quota.example,Lisbon,${crypto.randomBytes(500).toString("hex")}`);
    const file = `${fs.mkdtempSync("/tmp/hearth-file-")}/full.csv`;
    fs.writeFileSync(file, lines.join("\n") + "\n");
    await page.getByLabel("Choose a CSV file").setInputFiles(file);
    await page.getByRole("button", { name: "Check the file" }).click();
    await page.getByRole("button", { name: "Import 60,000 rows" }).click();
    // The page says why it stopped; the history (read again once the browser's closed
    // connection is reopened) says what was kept.
    // An alert when storage refused the history's last write too, else the import's outcome.
    const full = page.getByRole("alert").or(page.getByRole("status")).filter({ hasText: "storage is full" });
    await expect(full.first()).toBeVisible({ timeout: 60_000 });
    const row = page.getByRole("region", { name: "Import history" }).getByRole("row").nth(1);
    // "Stopped by an error" when the last small write still fitted, else as a closed tab leaves it.
    await expect(row).toContainText(/Stopped by an error|storage filled up/, { timeout: 30_000 });
    const kept = Number((await row.innerText()).match(/kept:\s*([\d,]+) new/)[1].replaceAll(",", ""));
    expect(kept % BATCH_ROWS, "whole batches only").toBe(0);
    expect(kept).toBeLessThan(60_000);

    await page.goto("/customers");
    const total = (2000 + kept).toLocaleString("en-US");
    await expect(page.getByText(`Showing ${total} of ${total} people`)).toBeVisible({ timeout: 60_000 });
    expect(problems).toEqual([]);
  } finally {
    await context.close();
    execFileSync("umount", [disk]);
    fs.rmSync(disk, { recursive: true });
  }
});
