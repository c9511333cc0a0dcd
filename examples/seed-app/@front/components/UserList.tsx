import { For } from "solid-js";
import type { User } from "@front/types";

export function UserList(props: { users: User[] }) {
  return (
    <ul class="user-list">
      <For each={props.users}>
        {(user) => (
          <li>
            <strong>{user.name}</strong> <a href={`mailto:${user.email}`}>{user.email}</a>{" "}
            <em>{user.role}</em>
          </li>
        )}
      </For>
    </ul>
  );
}
