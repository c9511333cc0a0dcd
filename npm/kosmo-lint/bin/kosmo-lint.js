#!/usr/bin/env node
// The `kosmo-lint` command of the npm package: runs the native binary of this platform's
// package (an optional dependency, installed by npm, pnpm or yarn for this OS, CPU and libc
// only) with the same arguments, stdin, stdout and stderr, and exits as it exits.
"use strict";

const { spawnSync } = require("node:child_process");
const path = require("node:path");

const { platformPackage, platformTarget } = require("../platform.js");

const target = platformTarget();
const packageName = platformPackage();
const executable = process.platform === "win32" ? "kosmo-lint.exe" : "kosmo-lint";

let binary = process.env.KOSMO_LINT_BINARY;
if (!binary) {
  try {
    binary = path.join(path.dirname(require.resolve(`${packageName}/package.json`)), "bin", executable);
  } catch {
    process.stderr.write(
      `kosmo-lint: no binary for this platform (${target}): the package ${packageName} is not installed.\n` +
        "Reinstall without --no-optional (or --omit=optional), or install kosmo-lint with cargo:\n" +
        "  cargo install --git https://github.com/kosmo-lint/kosmo-lint kosmo-lint --locked\n",
    );
    process.exit(2);
  }
}

const result = spawnSync(binary, process.argv.slice(2), { stdio: "inherit", windowsHide: true });
if (result.error) {
  process.stderr.write(`kosmo-lint: cannot run ${binary}: ${result.error.message}\n`);
  process.exit(2);
}
if (result.signal) {
  // Ended by a signal (Ctrl-C): end the same way, as a shell expects.
  process.kill(process.pid, result.signal);
}
process.exit(result.status ?? 2);
