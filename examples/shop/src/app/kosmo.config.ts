import { defineConfig } from "@kosmojs/dev";

export default defineConfig({
  frontend: { stack: "solid", base: "/" },
  backend: { stack: "hono", base: "/api" },
});
