import { A, createAsync } from "@solidjs/router";
import { For, Show } from "solid-js";
import usersClient from "@front/{api}/users/fetch";

export default function HomePage() {
  const users = createAsync(usersClient.GET);

  return (
    <section class="home">
      <h1>Seed app</h1>
      <Show when={users()}>
        <p>Our authors:</p>
        <ul>
          <For each={users()}>{(user) => <li>{user.name}</li>}</For>
        </ul>
      </Show>
      <A href="/users">All users</A> · <A href="/archive">Archive</A>
    </section>
  );
}

export const preload = usersClient.GET;
