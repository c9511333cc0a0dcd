// `kosmo-lint/plugin`: kosmo-lint's rules as an ESLint plugin (ESLint 9 flat config, and
// oxlint's `jsPlugins`). Each rule reads the findings of the Rust engine, through the Node-API
// addon of this platform's package, for the text the host hands over; the project's route
// tree and module graph are loaded once per process. One lint serves every rule of a file.
"use strict";

const path = require("node:path");
const { platformPackage } = require("./platform.js");

function loadAddon() {
  const override = process.env.KOSMO_LINT_ADDON;
  if (override) return require(override);
  const name = platformPackage();
  try {
    return require(path.join(path.dirname(require.resolve(`${name}/package.json`)), "kosmo-lint.node"));
  } catch (error) {
    throw new Error(`kosmo-lint/plugin: the package ${name} (this platform's engine) is not installed: ${error.message}`);
  }
}

const addon = loadAddon();
const version = require("./package.json").version;

// The findings of the last file linted: the host runs every rule on one file before the next.
let last = { filename: null, text: null, findings: [] };

function findingsOf(context) {
  const filename = context.filename ?? context.getFilename();
  const sourceCode = context.sourceCode ?? context.getSourceCode();
  const text = sourceCode.text;
  if (last.filename !== filename || last.text !== text) {
    last = { filename, text, findings: addon.lintText(filename, text) };
  }
  return last.findings;
}

function report(context, finding) {
  const sourceCode = context.sourceCode ?? context.getSourceCode();
  const start = finding.start ?? 0;
  const end = finding.end ?? start;
  const descriptor = {
    message: finding.message,
    loc: { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) },
  };
  if (finding.fix) {
    descriptor.fix = (fixer) => finding.fix.map((edit) => fixer.replaceTextRange([edit.start, edit.end], edit.text));
  }
  context.report(descriptor);
}

const rules = {};
const recommendedRules = {};
for (const rule of addon.rules()) {
  rules[rule.name] = {
    meta: {
      type: "problem",
      docs: { description: rule.summary, url: rule.url },
      fixable: rule.fixable ? "code" : undefined,
      schema: [],
    },
    create(context) {
      return {
        Program() {
          for (const finding of findingsOf(context)) {
            if (finding.rule === rule.name) report(context, finding);
          }
        },
      };
    },
  };
  recommendedRules[`kosmo/${rule.name}`] = rule.severity;
}

const plugin = { meta: { name: "kosmo", version }, rules, configs: {} };
plugin.configs.recommended = { plugins: { kosmo: plugin }, rules: recommendedRules };

module.exports = plugin;
