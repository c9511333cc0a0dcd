import { defineConfig } from "@kosmojs/dev";

// API-only source folder: no frontend block, no pages/.
export default defineConfig({
  backend: { stack: "hono", base: "/admin/api" },
});
