import { Show, createResource, createSignal } from "solid-js";
import { GET as fetchUser } from "@front/{api}/user/[id]/fetch";
import type { User } from "@front/types";

export function UserCard(props: { user: User }) {
  const [open, setOpen] = createSignal(false);
  // Full profile is loaded lazily, only when the card is expanded.
  const [details] = createResource(
    () => open() && props.user.id,
    (id) => fetchUser([id]),
  );

  return (
    <div class="user-card">
      <button type="button" onClick={() => setOpen(!open())}>
        {props.user.name}
      </button>
      <Show when={open() && details()}>
        {(user) => (
          <dl>
            <dt>Email</dt>
            <dd>{user().email}</dd>
            <dt>Role</dt>
            <dd>{user().role}</dd>
          </dl>
        )}
      </Show>
    </div>
  );
}
