// The name of this platform's package (`@kosmo-lint/<os>-<cpu>[-<libc>]`), which holds the
// binary and the Node-API addon.
"use strict";

function libc() {
  if (process.platform !== "linux") return "";
  const report = typeof process.report?.getReport === "function" ? process.report.getReport() : null;
  return report?.header?.glibcVersionRuntime ? "-gnu" : "-musl";
}

function platformTarget() {
  return `${process.platform}-${process.arch}${libc()}`;
}

module.exports = { platformTarget, platformPackage: () => `@kosmo-lint/${platformTarget()}` };
