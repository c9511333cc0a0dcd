import { basename, resolve } from "node:path";
import { aliasPlugin } from "@kosmojs/dev";
import { mergeConfig, type UserConfig } from "vite";
import pkg from "./package.json" with { type: "json" };

export default async (sourceFolderPath: string, config: UserConfig) => {
  const sourceFolder = basename(sourceFolderPath);
  return mergeConfig(config, {
    build: {
      outDir: resolve(import.meta.dirname, `${pkg.distDir}/${sourceFolder}`),
      emptyOutDir: true,
      sourcemap: true,
    },
    cacheDir: resolve(import.meta.dirname, `var/.vite/${sourceFolder}`),
    plugins: [aliasPlugin(import.meta.dirname)],
  });
};
