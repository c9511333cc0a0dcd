import { createAsync } from "@solidjs/router";
import { For } from "solid-js";
import { GET as fetchUsers } from "@front/{api}/users/fetch";
import { UserCard } from "@front/components/UserCard";

export default function TeamPage() {
  const users = createAsync(fetchUsers);

  return (
    <section class="team">
      <h1>Team</h1>
      <For each={users()}>{(user) => <UserCard user={user} />}</For>
    </section>
  );
}
