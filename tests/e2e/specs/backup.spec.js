// Backup and restore as a user does it, from Settings: download a backup, start empty, see what
// the file holds, restore it, and find every store's records as they were, byte for byte.
import { test, expect, openSeeded } from "./fixtures.js";

/** Every record store of the workspace as JSON text, store by store (the derived facts left out). */
async function dump(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open("hearth-crm.workspace");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const stores = [...db.objectStoreNames].filter((name) => name !== "order_facts");
    const out = {};
    for (const name of stores) {
      const read = (method) =>
        new Promise((resolve, reject) => {
          const request = db.transaction(name).objectStore(name)[method]();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const [keys, values] = [await read("getAllKeys"), await read("getAll")];
      // A paged store (people) keeps its records in pages of JSON text under ["page", n],
      // beside their summaries and next id, which follow from the records.
      const records = values.flatMap((value, i) => {
        const key = keys[i];
        if (!Array.isArray(key)) return [value];
        return key[0] === "page" ? JSON.parse(value) : [];
      });
      out[name] = JSON.stringify(records);
    }
    db.close();
    return out;
  });
}

test("backup, start empty, restore: every store comes back identical", async ({ page }) => {
  await openSeeded(page, "/settings");
  const section = page.getByRole("region", { name: "Backup and restore" });
  await expect(section.getByText("No backup has been made in this browser yet.")).toBeVisible();
  const before = await dump(page);
  expect(JSON.parse(before.people).length).toBe(2000);

  const download = page.waitForEvent("download");
  await section.getByRole("button", { name: "Download a backup" }).click();
  const file = await (await download).path();
  await expect(section.getByRole("status").filter({ hasText: "Backup downloaded:" })).toBeVisible();
  await expect(section.getByText("Last backup:")).toBeVisible();

  await page.getByRole("button", { name: "Start empty" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Yes, replace everything" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Workspace replaced" })).toBeVisible();
  expect(JSON.parse((await dump(page)).people)).toEqual([]);

  await section.getByLabel("Restore from a backup file").setInputFiles(file);
  const contents = section.getByRole("region", { name: "What the backup holds" });
  await expect(contents.getByRole("row", { name: /Customers/ })).toContainText("2,000");
  await contents.getByRole("button", { name: "Replace this workspace with it" }).click();
  await contents.getByRole("alertdialog").getByRole("button", { name: "Yes, restore" }).click();
  await expect(section.getByRole("status").filter({ hasText: "Restored:" })).toBeVisible({ timeout: 60_000 });

  const after = await dump(page);
  expect(Object.keys(after)).toEqual(Object.keys(before));
  for (const store of Object.keys(before)) expect(after[store], store).toBe(before[store]);
  await page.goto("/customers");
  await expect(page.getByText("Showing 2,000 of 2,000 people")).toBeVisible();
});

test("a file that is not a backup is refused with nothing changed", async ({ page }) => {
  await openSeeded(page, "/settings");
  const section = page.getByRole("region", { name: "Backup and restore" });
  await section.getByLabel("Restore from a backup file").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from("a,b\n1,2\n") });
  await expect(section.getByRole("alert")).toContainText("this is not a Hearth CRM backup");
});
