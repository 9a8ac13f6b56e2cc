// Astro: server output behind our own Node HTTP server (src/server/start.ts imports the built handler).
import { defineConfig } from "astro/config";
import node from "@astrojs/node";

export default defineConfig({
  output: "server",
  adapter: node({
    mode: "standalone",
    // 1 MiB is plenty for every form we have; uploads get their own limit when they exist.
    bodySizeLimit: 1024 * 1024,
  }),
  i18n: {
    locales: ["en", "ko"],
    defaultLocale: "en",
    routing: { prefixDefaultLocale: false },
  },
  // checkOrigin: form posts from other sites are refused; csp: a per-page policy with hashes of our inline scripts and styles.
  security: { checkOrigin: true, csp: true },
  server: { port: 4321 },
});
