import { A } from "@solidjs/router";
import { Suspense, type ParentProps } from "solid-js";

export default function UsersLayout(props: ParentProps) {
  return (
    <div class="users-layout">
      <nav>
        <A href="/users">Users</A>
        <A href="/team">Team</A>
      </nav>
      <Suspense fallback={<p>Loading…</p>}>{props.children}</Suspense>
    </div>
  );
}
