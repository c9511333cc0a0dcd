import renderFactory, { createRoutes, hydrate, mount } from "_/entry/client";
import routerFactory from "../router";

const routes = createRoutes({ withPreload: true });
const { clientRouter } = routerFactory(routes);

const root = document.getElementById("app");

if (root) {
  renderFactory(() => ({
    hydrate() {
      return hydrate(() => clientRouter(), root);
    },
    mount() {
      return mount(() => clientRouter(), root);
    },
  }));
} else {
  console.error("Root element #app not found");
}
