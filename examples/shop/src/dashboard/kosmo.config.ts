import { defineConfig } from "@kosmojs/dev";

// The staff dashboard: Vue pages over its own API.
export default defineConfig({
  frontend: { stack: "vue", base: "/dashboard" },
  backend: { stack: "hono", base: "/dashboard/api" },
});
