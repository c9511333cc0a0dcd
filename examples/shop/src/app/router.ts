import { Router } from "@solidjs/router";
import { createComponent } from "solid-js";
import routerFactory from "_/router";
import App from "./app";

// Kept JSX-free on purpose so this file stays a plain .ts module.
export default routerFactory((routes) => ({
  clientRouter() {
    return createComponent(Router, { root: App, base: "/", children: routes });
  },
  serverRouter(url: URL) {
    return createComponent(Router, {
      root: App,
      base: "/",
      url: url.pathname,
      children: routes,
    });
  },
}));
