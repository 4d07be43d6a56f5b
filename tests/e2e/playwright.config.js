// End-to-end tests against the release builds, in Debian's Chromium (never a downloaded browser).
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "./specs",
  timeout: 90_000,
  expect: { timeout: 20_000 },
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: "http://127.0.0.1:4173",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: "node serve.mjs ../../dist 4173 /",
      url: "http://127.0.0.1:4173/",
      reuseExistingServer: false,
    },
    {
      command: "node serve.mjs ../../dist-pages 4174 /hearth/",
      url: "http://127.0.0.1:4174/hearth/",
      reuseExistingServer: false,
    },
  ],
});
