import { join } from "node:path";
import solidPlugin from "vite-plugin-solid";
import devPlugin, { apiGenerator, fetchGenerator } from "@kosmojs/dev";
import solidGenerator from "@kosmojs/solid-generator";

import defineConfig from "../vite.base";
import { apiurl, baseurl } from "./config";

export default defineConfig(import.meta.dirname, {
  base: join(baseurl, "/"),
  server: {
    port: 4000,
  },
  plugins: [
    solidPlugin(),
    devPlugin(apiurl, {
      generators: [apiGenerator(), fetchGenerator(), solidGenerator()],
    }),
  ],
});
