import { createAsync } from "@solidjs/router";
import { Show } from "solid-js";
import { apiurl } from "@front/config";

interface AppInfo {
  name: string;
  version: string;
}

export const preload = (): Promise<AppInfo> => fetch(apiurl).then((response) => response.json());

export default function AboutPage() {
  const info = createAsync(preload);

  return (
    <section class="about">
      <h1>About</h1>
      <Show when={info()}>
        {(i) => (
          <p>
            {i().name} v{i().version}
          </p>
        )}
      </Show>
    </section>
  );
}
