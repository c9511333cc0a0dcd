import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { defineRoute } from "@front/{api}/files/[...path]";

const ROOT = join(import.meta.dirname, "../../../../uploads");

export default defineRoute(({ GET }) => [
  GET(async (ctx) => {
    const relative = normalize(ctx.params.path.join("/")).replace(/^(\.\.[/\\])+/, "");
    const file = join(ROOT, relative);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
      return ctx.throw(404, "file not found");
    }
    ctx.type = extname(file);
    ctx.length = info.size;
    ctx.body = createReadStream(file);
  }),
]);
